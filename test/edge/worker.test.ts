// The Workers intake in workerd (miniflare 3): the entry is bundled with esbuild for the browser
// platform (so any node:* import fails the build), run in the real Workers runtime, and pointed at a
// real core (startGateway on 127.0.0.1). A GBK form-encoded, signed 12345 order posted at the edge
// arrives in the core, routed exactly as if pushed to the core directly; so does an Open311 request,
// answered as the spec says; the published demo keys are refused with GATEWAY_ENV=production.
import { build } from 'esbuild';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { Miniflare } from 'miniflare';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Problem } from '../../contracts/problem.js';
import { OrderPage, OrderView } from '../../contracts/views.js';
import { startGateway, type RunningGateway } from '../../src/entry/start-gateway.js';
import { HANDOFF_PATH } from '../../contracts/edge-handoff.js';
import { importSecret, sign } from '../../src/webhooks/standard-webhooks.js';
import { freePort } from '../support/gateway-process.js';
import {
  createIntakeGateway,
  inboundFixture,
  postBytes,
  type AcceptedBody,
} from '../support/intake.js';
import { exampleConfigDir, keys, root } from '../support/test-gateway.js';

// bj-12345's published demo webhook secret (deploy/example/principals.json), and a hand-off secret for this run.
const demoSecret = 'whsec_ZGVtby1zZWNyZXQtYmotMTIzNDUtaG90bGluZQ==';
const handoffSecret = `whsec_${btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(32))))}`;
const gbkForm = inboundFixture('cn-12345', '01-chaoyang-power-outage.gbk.form');
const formType = 'application/x-www-form-urlencoded; charset=GBK';

let script = '';
let corePort = 0;
let core: RunningGateway | undefined;
let edge: Miniflare;
const dataDir = mkdtempSync(join(tmpdir(), 'hg-edge-'));
const coreUrl = () => `http://127.0.0.1:${corePort}`;

function startEdge(bindings: Record<string, string>): Miniflare {
  return new Miniflare({
    modules: true,
    script,
    compatibilityDate: '2024-09-23',
    bindings: {
      PRINCIPALS_JSON: readFileSync(join(exampleConfigDir, 'principals.json'), 'utf8'),
      EDGE_HANDOFF_SECRET: handoffSecret,
      HANDOFF_BACKOFF_MS: '100',
      HANDOFF_ATTEMPTS: '6',
      ...bindings,
    },
  });
}

async function signed(body: Uint8Array, id: string, secret = demoSecret) {
  const ts = Math.floor(Date.now() / 1000);
  return {
    'webhook-id': id,
    'webhook-timestamp': String(ts),
    'webhook-signature': await sign(await importSecret(secret), id, ts, body),
  };
}

async function pushAtEdge(
  mf: Miniflare,
  body: Uint8Array,
  headers: Record<string, string>,
  contentType = formType,
) {
  const res = await mf.dispatchFetch('https://edge.hotline-gateway.example/v1/intake/cn-12345', {
    method: 'POST',
    headers: { authorization: `Bearer ${keys.source}`, 'content-type': contentType, ...headers },
    body,
  });
  return res as unknown as Response;
}

const startCore = async () => {
  core = await startGateway({
    GATEWAY_DATA_DIR: dataDir,
    PORT: String(corePort),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'silent',
    EDGE_HANDOFF_SECRET: handoffSecret,
    INTAKE_RATE_PER_MINUTE: '0',
  });
};
const coreOrders = async () =>
  OrderPage.parse(
    await (
      await fetch(`${coreUrl()}/v1/orders`, { headers: { authorization: `Bearer ${keys.admin}` } })
    ).json(),
  ).items;

beforeAll(async () => {
  const out = await build({
    entryPoints: [join(root, 'src/entry/worker.ts')],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    conditions: ['workerd', 'worker', 'browser'],
    write: false,
    logLevel: 'silent',
  });
  script = out.outputFiles[0]?.text ?? '';
  corePort = await freePort();
  edge = startEdge({ CORE_URL: coreUrl(), HANDOFF_ATTEMPTS: '8' });
  // workerd starts on the first request: start it now, so the push below meets a running edge.
  expect((await edge.dispatchFetch('https://edge.hotline-gateway.example/healthz')).status).toBe(
    200,
  );
}, 60_000);

afterAll(async () => {
  await edge.dispose();
  await core?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the intake on Workers (workerd)', () => {
  it('hands a signed GBK form order to the core, retrying while the core comes up, and the core routes it', async () => {
    // The core is down when the platform pushes; it comes up while the edge is still retrying.
    // Until the edge has knocked at least once, the core's port answers 503 (starting up).
    let knocks = 0;
    const down = createServer((req, res) => {
      knocks += 1;
      req.resume();
      res.writeHead(503, { connection: 'close' }).end();
    });
    await new Promise<void>((resolve) => down.listen(corePort, '127.0.0.1', resolve));
    const pushed = pushAtEdge(edge, gbkForm, await signed(gbkForm, 'msg_edge_0001'));
    const deadline = Date.now() + 30_000;
    while (knocks === 0) {
      if (Date.now() > deadline) throw new Error('the edge never tried the core');
      await new Promise((r) => setTimeout(r, 10));
    }
    await new Promise<void>((resolve) => down.close(() => resolve()));
    await startCore();
    const res = await pushed;
    expect(res.status).toBe(202);
    expect(Number(res.headers.get('x-handoff-attempts'))).toBeGreaterThan(1);
    const body = (await res.json()) as AcceptedBody;
    expect(body).toMatchObject({ status: 'created', location: `/v1/orders/${body.id}` });

    // In the core: stored, routed, with the original GBK bytes archived byte for byte.
    const view = OrderView.parse(
      await (
        await fetch(`${coreUrl()}/v1/orders/${body.id}`, {
          headers: { authorization: `Bearer ${keys.source}` },
        })
      ).json(),
    );
    const raw = await fetch(`${coreUrl()}/v1/orders/${body.id}/raw`, {
      headers: { authorization: `Bearer ${keys.admin}` },
    });
    expect(raw.status).toBe(200);
    expect(new Uint8Array(await raw.arrayBuffer())).toEqual(gbkForm);

    // Exactly what the core decides for the same bytes pushed to it directly (same adapters, same repair).
    const direct = await createIntakeGateway();
    const here = (await (
      await postBytes(direct, '/v1/intake/cn-12345', keys.source, gbkForm, formType)
    ).json()) as AcceptedBody;
    const expected = OrderView.parse(
      await (await direct.call('GET', `/v1/orders/${here.id}`, keys.source)).json(),
    );
    expect(view.state).toBe('dispatched');
    expect(view.station?.id).toBe(expected.station?.id);
    expect(view.order.title).toBe(expected.order.title);
    expect(view.order.quality).toEqual(expected.order.quality);
    expect(view.externalId).toBe(expected.externalId);

    // The platform retries the same signed message at the edge: the same order, not a second one.
    const again = await pushAtEdge(edge, gbkForm, await signed(gbkForm, 'msg_edge_0001'));
    expect(again.status).toBe(202);
    expect(await again.json()).toMatchObject({ id: body.id, status: 'existing' });
    expect(await coreOrders()).toHaveLength(1);
  });

  it('refuses at the edge what the core would refuse, without touching the core', async () => {
    const before = (await coreOrders()).length;
    const wrongSig = await pushAtEdge(
      edge,
      gbkForm,
      await signed(gbkForm, 'msg_edge_0002', `whsec_${btoa('not the secret of bj-12345!!')}`),
    );
    expect(wrongSig.status).toBe(401);
    expect(Problem.parse(await wrongSig.json()).code).toBe('signature_no_matching_signature');

    const noId = new TextEncoder().encode(
      new URLSearchParams({ 工单类型: '投诉', 标题: '没有工单编号' }).toString(),
    );
    const invalid = await pushAtEdge(
      edge,
      noId,
      {},
      'application/x-www-form-urlencoded; charset=UTF-8',
    );
    expect(invalid.status).toBe(400);
    const p = Problem.parse(await invalid.json());
    expect(p.code).toBe('validation_failed');
    expect(p.errors?.length).toBeGreaterThan(0);

    // A Changsha order with the Beijing key: the key speaks for bj-12345 only.
    const changsha = await edge.dispatchFetch('https://edge.hotline-gateway.example/v1/orders', {
      method: 'POST',
      headers: { authorization: `Bearer ${keys.source}`, 'content-type': 'application/json' },
      body: readFileSync(join(root, 'test/fixtures/orders/09-changsha-roof-leak.json')),
    });
    expect(changsha.status).toBe(403);
    const mismatch = Problem.parse(await changsha.json());
    expect(mismatch.code).toBe('source_mismatch');
    expect(mismatch.errors?.[0]?.path).toBe('source');

    const noKey = await edge.dispatchFetch(
      'https://edge.hotline-gateway.example/v1/intake/cn-12345',
      { method: 'POST', headers: { 'content-type': formType }, body: gbkForm },
    );
    expect(noKey.status).toBe(401);
    expect((await coreOrders()).length).toBe(before);
  });

  it('the core takes no hand-off that the edge secret did not sign', async () => {
    const body = new TextEncoder().encode(
      JSON.stringify({
        adapter: 'canonical',
        contentType: 'application/json',
        submission: {},
        quality: [],
        raw: '',
      }),
    );
    const res = await fetch(`${coreUrl()}${HANDOFF_PATH}`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${keys.source}`,
        'content-type': 'application/json',
        ...(await signed(body, 'edge_forged', `whsec_${btoa('a guess at the hand-off secret')}`)),
      },
      body,
    });
    expect(res.status).toBe(401);
    expect(Problem.parse(await res.json()).code).toBe('handoff_no_matching_signature');
  });

  it('answers 503 with Retry-After when the core stays down, and accepts nothing', async () => {
    const down = startEdge({
      CORE_URL: `http://127.0.0.1:${await freePort()}`,
      HANDOFF_ATTEMPTS: '3',
      HANDOFF_BACKOFF_MS: '50',
    });
    try {
      const res = await pushAtEdge(down, gbkForm, await signed(gbkForm, 'msg_edge_0003'));
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toBe('30');
      const p = Problem.parse(await res.json());
      expect(p).toMatchObject({ code: 'core_unavailable', status: 503 });
      expect(p.detail).toMatch(/not stored.*3 attempts/);
    } finally {
      await down.dispose();
    }
  });

  it('takes an Open311 request with api_key in the form, answers as the spec does, and archives it without the key', async () => {
    const form = new URLSearchParams({
      api_key: keys.otherSource,
      service_code: 'streetlight',
      address_string: '上海市杨浦区殷行街道',
      description: '小区门口两处路灯不亮，晚上很黑',
    }).toString();
    const res = await edge.dispatchFetch(
      'https://edge.hotline-gateway.example/open311/v2/requests.json',
      {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: form,
      },
    );
    expect(res.status).toBe(200);
    const [created] = (await res.json()) as { service_request_id: string }[];
    const id = created?.service_request_id ?? '';
    expect(res.headers.get('location')).toBe(`/open311/v2/requests/${id}.json`);

    // In the core: the same order the core's own Open311 route makes of the same form.
    const view = OrderView.parse(
      await (
        await fetch(`${coreUrl()}/v1/orders/${id}`, {
          headers: { authorization: `Bearer ${keys.otherSource}` },
        })
      ).json(),
    );
    const direct = await fetch(`${coreUrl()}/open311/v2/requests.json`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: form,
    });
    expect(direct.status).toBe(200);
    const [other] = (await direct.json()) as { service_request_id: string }[];
    const expected = OrderView.parse(
      await (
        await fetch(`${coreUrl()}/v1/orders/${other?.service_request_id ?? ''}`, {
          headers: { authorization: `Bearer ${keys.otherSource}` },
        })
      ).json(),
    );
    expect(view.state).toBe(expected.state);
    expect(view.station?.id).toBe(expected.station?.id);
    expect(view.order.topic).toEqual(expected.order.topic);
    expect(view.externalId).toMatch(/^o311-/);
    // The archived bytes are the form without the key.
    const raw = await fetch(`${coreUrl()}/v1/orders/${id}/raw`, {
      headers: { authorization: `Bearer ${keys.admin}` },
    });
    const archived = new TextDecoder().decode(await raw.arrayBuffer());
    expect(archived).toContain('api_key=[redacted]');
    expect(archived).not.toContain(keys.otherSource);

    // The XML form answers in XML.
    const xml = await edge.dispatchFetch(
      'https://edge.hotline-gateway.example/open311/v2/requests.xml',
      {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          authorization: `Bearer ${keys.otherSource}`,
        },
        body: new URLSearchParams({
          service_code: 'streetlight',
          address_string: '上海市杨浦区殷行街道',
          description: '路灯不亮',
        }).toString(),
      },
    );
    expect(xml.status).toBe(200);
    expect(xml.headers.get('content-type')).toBe('text/xml; charset=utf-8');
    expect(await xml.text()).toMatch(
      /<service_requests><request><service_request_id>ord_[^<]+<\/service_request_id>/,
    );
  });

  it('refuses at the edge, in the spec\u2019s error list, an Open311 request the core would refuse', async () => {
    const before = (await coreOrders()).length;
    const post = (body: Record<string, string>, format = 'json') =>
      edge.dispatchFetch(`https://edge.hotline-gateway.example/open311/v2/requests.${format}`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(body).toString(),
      });
    const unknown = await post({
      api_key: keys.otherSource,
      service_code: 'no-such-service',
      address_string: '上海市杨浦区殷行街道',
      description: '路灯不亮',
    });
    expect(unknown.status).toBe(404);
    const [error] = (await unknown.json()) as { code: number; description: string }[];
    expect(error?.code).toBe(404);
    expect(error?.description).toContain('service_code');

    const noKey = await post(
      { service_code: 'streetlight', address_string: '上海市杨浦区殷行街道', description: '路灯' },
      'xml',
    );
    expect(noKey.status).toBe(403);
    expect(await noKey.text()).toMatch(/<errors><error><code>403<\/code><description>/);

    const station = await post({
      api_key: keys.station('cuicheng-yiyuan-grid'),
      service_code: 'streetlight',
      address_string: '上海市杨浦区殷行街道',
      description: '路灯不亮',
    });
    expect(station.status).toBe(403);
    expect((await coreOrders()).length).toBe(before);
  });

  it('refuses the published demo keys with GATEWAY_ENV=production, naming them, as the core does', async () => {
    const production = startEdge({ CORE_URL: coreUrl(), GATEWAY_ENV: 'production' });
    try {
      const res = await production.dispatchFetch(
        'https://edge.hotline-gateway.example/open311/v2/requests.json',
        {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: `api_key=${keys.otherSource}&service_code=streetlight&description=x`,
        },
      );
      expect(res.status).toBe(500);
      const p = Problem.parse(await res.json());
      expect(p.code).toBe('edge_misconfigured');
      expect(p.detail).toContain('principal sh-12345 uses a published demo key');
      expect(p.detail).toContain('principal bj-12345 uses a published demo webhook secret');
    } finally {
      await production.dispose();
    }
    // A production edge whose principals carry no demo key starts.
    const own = startEdge({
      CORE_URL: coreUrl(),
      GATEWAY_ENV: 'production',
      PRINCIPALS_JSON: JSON.stringify({
        principals: [
          {
            id: 'city-12345',
            role: 'source',
            name: '市民服务热线',
            keyHashes: [`sha256:${'0'.repeat(64)}`],
          },
        ],
      }),
    });
    try {
      expect((await own.dispatchFetch('https://edge.hotline-gateway.example/healthz')).status).toBe(
        200,
      );
    } finally {
      await own.dispose();
    }
  });

  it('names a missing binding in a problem, not a crash', async () => {
    const broken = new Miniflare({
      modules: true,
      script,
      compatibilityDate: '2024-09-23',
      bindings: { CORE_URL: coreUrl() },
    });
    try {
      const res = await broken.dispatchFetch('https://edge.hotline-gateway.example/healthz');
      expect(res.status).toBe(500);
      const text = await res.text();
      expect(text).toContain('EDGE_HANDOFF_SECRET');
      expect(text).toContain('PRINCIPALS_JSON');
    } finally {
      await broken.dispose();
    }
  });
});
