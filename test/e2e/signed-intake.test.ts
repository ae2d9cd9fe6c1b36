// Signed pushes (Standard Webhooks) and per-source rate limits, through the HTTP surface.
import { describe, expect, it } from 'vitest';
import { Problem } from '../../contracts/problem.js';
import { OrderPage } from '../../contracts/views.js';
import { TokenBucketRateLimiter } from '../../adapters/embedded/token-bucket-rate-limiter.js';
import { resolveWebhookSecrets } from '../../src/config/webhook-secrets.js';
import { importSecret, sign } from '../../src/webhooks/standard-webhooks.js';
import { fixture, keys } from '../support/test-gateway.js';
import {
  createIntakeGateway,
  inboundFixture,
  postBytes,
  type AcceptedBody,
  type Gateway,
} from '../support/intake.js';

// The published demo secret of bj-12345 in deploy/example/principals.json (demo: refused in production).
const demoSecret = 'whsec_ZGVtby1zZWNyZXQtYmotMTIzNDUtaG90bGluZQ==';
const gbkForm = inboundFixture('cn-12345', '01-chaoyang-power-outage.gbk.form');
const formType = 'application/x-www-form-urlencoded; charset=GBK';

async function signedHeaders(
  gw: Gateway,
  body: Uint8Array,
  id: string,
  secret = demoSecret,
  skewSeconds = 0,
) {
  const ts = Math.floor(gw.deps.clock.now().getTime() / 1000) + skewSeconds;
  return {
    'webhook-id': id,
    'webhook-timestamp': String(ts),
    'webhook-signature': await sign(await importSecret(secret), id, ts, body),
  };
}

async function orderCount(gw: Gateway) {
  return OrderPage.parse(await (await gw.call('GET', '/v1/orders', keys.admin)).json()).items
    .length;
}

async function refused(res: Response, code: string) {
  expect(res.status).toBe(401);
  const p = Problem.parse(await res.json());
  expect(p.code).toBe(code);
  expect(JSON.stringify(p)).not.toContain(demoSecret.slice(6, 20));
  return p;
}

describe('signed pushes', () => {
  it('accepts a signed GBK push and treats the webhook id as its idempotency key', async () => {
    const gw = await createIntakeGateway();
    const headers = await signedHeaders(gw, gbkForm, 'msg_2025072700123');
    const first = (await (
      await postBytes(gw, '/v1/intake/cn-12345', keys.source, gbkForm, formType, headers)
    ).json()) as AcceptedBody;
    expect(first.status).toBe('created');
    // The sender retries the same message (same id, same body): the same order, nothing new.
    const retry = await postBytes(
      gw,
      '/v1/intake/cn-12345',
      keys.source,
      gbkForm,
      formType,
      headers,
    );
    expect(retry.status).toBe(202);
    expect(await retry.json()).toMatchObject({ id: first.id, status: 'existing' });
    // The same id with another body, properly signed, is a conflict, not a second order.
    const other = new TextEncoder().encode(JSON.stringify({ ...fixture('02'), source: undefined }));
    const conflict = await postBytes(
      gw,
      '/v1/orders',
      keys.source,
      other,
      'application/json',
      await signedHeaders(gw, other, 'msg_2025072700123'),
    );
    expect(conflict.status).toBe(409);
    expect(Problem.parse(await conflict.json()).code).toBe('idempotency_conflict');
    expect(await orderCount(gw)).toBe(1);
  });

  it('refuses a stale message (a replay outside five minutes) and one from the future', async () => {
    const gw = await createIntakeGateway();
    const old = await signedHeaders(gw, gbkForm, 'msg_old', demoSecret, -301);
    const p = await refused(
      await postBytes(gw, '/v1/intake/cn-12345', keys.source, gbkForm, formType, old),
      'signature_timestamp_too_old',
    );
    expect(p.detail).toMatch(/stale or replayed/);
    await refused(
      await postBytes(
        gw,
        '/v1/intake/cn-12345',
        keys.source,
        gbkForm,
        formType,
        await signedHeaders(gw, gbkForm, 'msg_new', demoSecret, 301),
      ),
      'signature_timestamp_too_new',
    );
    expect(await orderCount(gw)).toBe(0);
  });

  it('replays a captured message later: refused once its timestamp is stale', async () => {
    const gw = await createIntakeGateway();
    const headers = await signedHeaders(gw, gbkForm, 'msg_captured');
    expect(
      (await postBytes(gw, '/v1/intake/cn-12345', keys.source, gbkForm, formType, headers)).status,
    ).toBe(202);
    gw.setNow(new Date(gw.deps.clock.now().getTime() + 6 * 60_000));
    await refused(
      await postBytes(gw, '/v1/intake/cn-12345', keys.source, gbkForm, formType, headers),
      'signature_timestamp_too_old',
    );
  });

  it('says which header is missing, and when no signature matches, without revealing the secret', async () => {
    const gw = await createIntakeGateway();
    const headers = await signedHeaders(gw, gbkForm, 'msg_1');
    const p = await refused(
      await postBytes(gw, '/v1/intake/cn-12345', keys.source, gbkForm, formType, {
        'webhook-id': headers['webhook-id'],
        'webhook-signature': headers['webhook-signature'],
      }),
      'signature_missing_headers',
    );
    expect(p.detail).toContain('webhook-timestamp');
    const wrong = await signedHeaders(
      gw,
      gbkForm,
      'msg_1',
      'whsec_' + btoa('a secret the gateway does not know'),
    );
    const q = await refused(
      await postBytes(gw, '/v1/intake/cn-12345', keys.source, gbkForm, formType, wrong),
      'signature_no_matching_signature',
    );
    expect(q.detail).toMatch(/No signature/);
    // A body changed after signing no longer matches.
    const tampered = gbkForm.slice();
    tampered[tampered.length - 1] = 0x30;
    await refused(
      await postBytes(gw, '/v1/intake/cn-12345', keys.source, tampered, formType, headers),
      'signature_no_matching_signature',
    );
    expect(await orderCount(gw)).toBe(0);
  });

  it('refuses unsigned pushes from a source that must sign, and signed ones where no secret is configured', async () => {
    const gw = await createIntakeGateway();
    const webhooks = new Map(gw.deps.intake?.webhooks ?? []);
    const bj = webhooks.get('bj-12345');
    if (!bj) throw new Error('example bj-12345 has a demo secret');
    const strict = await createIntakeGateway({
      webhooks: new Map([['bj-12345', { ...bj, required: true }]]),
    });
    const p = await refused(
      await postBytes(strict, '/v1/intake/cn-12345', keys.source, gbkForm, formType),
      'signature_missing_headers',
    );
    expect(p.detail).toContain('must sign');
    expect(
      (
        await postBytes(
          strict,
          '/v1/intake/cn-12345',
          keys.source,
          gbkForm,
          formType,
          await signedHeaders(strict, gbkForm, 'msg_ok'),
        )
      ).status,
    ).toBe(202);

    const body = inboundFixture('cn-12345', '07-yangpu-bath-handrail.html.form');
    await refused(
      await postBytes(
        gw,
        '/v1/intake/cn-12345',
        keys.otherSource,
        body,
        'application/x-www-form-urlencoded',
        await signedHeaders(gw, body, 'msg_sh'),
      ),
      'signature_not_configured',
    );
  });

  it('reads secrets from the environment variables principals.json names, and names a missing one', async () => {
    const secret = 'whsec_' + btoa('production secret for sh-12345!');
    const entries = [
      {
        id: 'sh-12345',
        role: 'source' as const,
        keyHashes: [`sha256:${'0'.repeat(64)}`],
        demo: false,
        webhook: { required: true, secrets: [{ env: 'SH_12345_WEBHOOK_SECRET' }] },
      },
    ];
    const dir = await resolveWebhookSecrets(entries, { SH_12345_WEBHOOK_SECRET: secret });
    expect(dir.get('sh-12345')?.keys).toHaveLength(1);
    await expect(resolveWebhookSecrets(entries, {})).rejects.toThrow(
      /sh-12345: environment variable SH_12345_WEBHOOK_SECRET is not set/,
    );
    await expect(
      resolveWebhookSecrets(entries, { SH_12345_WEBHOOK_SECRET: 'whsec_!!' }),
    ).rejects.not.toThrow(/whsec_!!/);
  });
});

describe('per-source rate limits', () => {
  it('answers 429 with Retry-After when a source pushes faster than its bucket refills, and only that source', async () => {
    // The bucket runs on the gateway's fake clock, so "one second later" is exact.
    const clock = { now: () => gw.deps.clock.now() };
    const gw: Gateway = await createIntakeGateway({
      rateLimiter: new TokenBucketRateLimiter({ perMinute: 60, burst: 3 }, clock),
    });
    const push = (n: number, key = keys.source) =>
      gw.call('POST', '/v1/orders', key, {
        ...fixture('01'),
        source: undefined,
        externalId: `RL-${n}-${key}`,
      });
    for (let i = 0; i < 3; i++) expect((await push(i)).status).toBe(202);
    const limited = await push(3);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('1');
    expect(Problem.parse(await limited.json())).toMatchObject({
      code: 'rate_limited',
      status: 429,
    });
    // Another source has its own bucket.
    expect((await push(4, keys.otherSource)).status).toBe(202);
    // One second later one more request fits.
    gw.setNow(new Date(gw.deps.clock.now().getTime() + 1000));
    expect((await push(5)).status).toBe(202);
    expect((await push(6)).status).toBe(429);
    expect(await orderCount(gw)).toBe(5);
  });
});
