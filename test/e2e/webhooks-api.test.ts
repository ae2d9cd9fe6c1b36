// The subscription API of status webhooks: the secret shown once, sources see only their own, bad
// input is a problem (never a 500), and private or loopback targets are refused (SSRF) both when
// subscribing and at send time, redirects are not followed, and secrets never reach a log line.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { Problem } from '../../contracts/problem.js';
import { SubscriptionCreated, SubscriptionList } from '../../contracts/webhooks.js';
import { UndiciWebhookSender } from '../../adapters/outbound/undici-webhook-sender.js';
import { createTestGateway, keys } from '../support/test-gateway.js';

const create = (gw: ReturnType<typeof createTestGateway>, body: unknown, key = keys.source) =>
  gw.call('POST', '/v1/subscriptions', key, body);

describe('webhook subscriptions', () => {
  it('shows the signing secret once, then never again (nor in the logs)', async () => {
    const gw = createTestGateway();
    const res = await create(gw, {
      url: 'https://hotline.example.cn/12345/status',
      eventTypes: ['order.resolved', 'sla.breached'],
      description: '办结与超时',
    });
    expect(res.status).toBe(201);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const created = SubscriptionCreated.parse(await res.json());
    expect(created.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const listed = await (await gw.call('GET', '/v1/subscriptions', keys.source)).text();
    expect(SubscriptionList.parse(JSON.parse(listed)).items).toEqual([
      expect.objectContaining({
        id: created.id,
        eventTypes: ['order.resolved', 'sla.breached'],
        status: 'active',
      }),
    ]);
    expect(listed).not.toContain(created.secret.slice(6, 30));
    expect(gw.logLines.join('')).not.toContain(created.secret.slice(6, 30));
    // Another platform sees none of it and cannot delete it.
    expect(
      SubscriptionList.parse(
        await (await gw.call('GET', '/v1/subscriptions', keys.otherSource)).json(),
      ).items,
    ).toEqual([]);
    expect(
      (await gw.call('DELETE', `/v1/subscriptions/${created.id}`, keys.otherSource)).status,
    ).toBe(404);
    expect((await gw.call('DELETE', `/v1/subscriptions/${created.id}`, keys.source)).status).toBe(
      204,
    );
    expect(
      SubscriptionList.parse(await (await gw.call('GET', '/v1/subscriptions', keys.source)).json())
        .items,
    ).toEqual([]);
  });

  it.each([
    ['a URL that is not http(s)', { url: 'ftp://hotline.example.cn/x' }, 'url'],
    ['no URL', { eventTypes: ['order.resolved'] }, 'url'],
    [
      'an unknown event type',
      { url: 'https://hotline.example.cn/x', eventTypes: ['order.teleported'] },
      'eventTypes.0',
    ],
    ['an unknown field', { url: 'https://hotline.example.cn/x', secret: 'mine' }, '(body)'],
    ['a loopback address', { url: 'http://127.0.0.1:8080/hook' }, 'url'],
    ['a cloud metadata address', { url: 'http://169.254.169.254/latest/meta-data' }, 'url'],
    ['an IPv6 loopback', { url: 'http://[::1]/hook' }, 'url'],
    ['a name that resolves to loopback', { url: 'http://localhost:9/hook' }, 'url'],
    ['a private network address', { url: 'https://10.20.30.40/hook' }, 'url'],
  ])('refuses %s with a 400 problem naming the field', async (_name, body, path) => {
    const gw = createTestGateway();
    const res = await create(gw, body);
    expect(res.status).toBe(400);
    const p = Problem.parse(await res.json());
    expect(p.errors?.map((e) => e.path)).toContain(path);
    expect(
      SubscriptionList.parse(await (await gw.call('GET', '/v1/subscriptions', keys.source)).json())
        .items,
    ).toEqual([]);
  });

  it('filters deliveries by status with a 400 for an unknown one, and refuses a forged cursor', async () => {
    const gw = createTestGateway();
    expect((await gw.call('GET', '/v1/deliveries?status=lost', keys.source)).status).toBe(400);
    const forged = await gw.call('GET', '/v1/deliveries?cursor=abc', keys.source);
    expect(forged.status).toBe(400);
    expect(Problem.parse(await forged.json()).errors?.[0]?.path).toBe('query.cursor');
  });
});

describe('the sender at send time', () => {
  it('refuses loopback targets unless allowed, and never follows a redirect', async () => {
    let hits = 0;
    const server = createServer((req, res) => {
      hits++;
      if (req.url === '/moved')
        res.writeHead(302, { location: 'http://127.0.0.1:1/elsewhere' }).end();
      else res.writeHead(204).end();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const { port } = server.address() as AddressInfo;
    const strict = new UndiciWebhookSender({ allowPrivate: false, timeoutMs: 1000 });
    const open = new UndiciWebhookSender({ allowPrivate: true, timeoutMs: 1000 });
    try {
      const req = (url: string) => ({
        url,
        headers: { 'content-type': 'application/json' },
        body: '{}',
      });
      expect(await strict.send(req(`http://127.0.0.1:${port}/hook`))).toMatchObject({
        ok: false,
        error: expect.stringMatching(/^refused/) as unknown,
      });
      expect(await strict.send(req(`http://localhost:${port}/hook`))).toMatchObject({
        ok: false,
        error: expect.stringMatching(/^refused: localhost resolves to a private/) as unknown,
      });
      expect(hits).toBe(0);
      expect(await open.send(req(`http://127.0.0.1:${port}/hook`))).toEqual({
        ok: true,
        status: 204,
      });
      expect(await open.send(req(`http://127.0.0.1:${port}/moved`))).toMatchObject({
        ok: false,
        status: 302,
        error: 'HTTP 302 (redirects are not followed)',
      });
      expect(hits).toBe(2);
    } finally {
      await strict.close();
      await open.close();
      await new Promise<void>((r) => server.close(() => r()));
    }
  });
});
