// Every spelling of a non-public address is refused as a webhook target: when subscribing (a 400
// problem naming the url) and again by the sender at every attempt, before any byte leaves, so a
// subscription stored earlier (or under a laxer build) cannot reach a loopback service either.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Problem } from '../../contracts/problem.js';
import { UndiciWebhookSender } from '../../adapters/outbound/undici-webhook-sender.js';
import { createTestGateway, keys } from '../support/test-gateway.js';

const hosts = [
  // The forms the attack got through (issue 11).
  '[::127.0.0.1]',
  '[::ffff:0:7f00:1]',
  '[64:ff9b:1::7f00:1]',
  '[fec0::1]',
  // Loopback, private and link-local in other spellings.
  '[0:0:0:0:0:0:0:1]',
  '[::ffff:127.0.0.1]',
  '[0:0:0:0:0:ffff:7f00:1]',
  '[64:ff9b::127.0.0.1]',
  '[64:ff9b::a9fe:a9fe]',
  '[fd00:ec2::254]',
  '[fe80::1]',
  '[2002:7f00:1::1]',
  '2130706433',
  '0x7f.1',
  '127.1',
  '0177.0.0.1',
  '017700000001',
  '10.0.0.1',
  '100.64.0.1',
  '169.254.169.254',
  '[::ffff:a9fe:a9fe]',
  'localhost',
];

describe('a subscription to a non-public address', () => {
  it.each(hosts)('http://%s/ is refused with a 400 problem naming url', async (host) => {
    const gw = createTestGateway();
    const res = await gw.call('POST', '/v1/subscriptions', keys.source, {
      url: `http://${host}/hook`,
    });
    expect(res.status).toBe(400);
    const p = Problem.parse(await res.json());
    expect(p.errors?.map((e) => e.path)).toContain('url');
  });
});

describe('the sender at every attempt', () => {
  let hits = 0;
  let port = 0;
  const server = createServer((_req, res) => {
    hits++;
    res.writeHead(204).end();
  });
  const sender = new UndiciWebhookSender({ allowPrivate: false, timeoutMs: 2000 });
  beforeAll(async () => {
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await sender.close();
    await new Promise<void>((r) => server.close(() => r()));
  });

  it.each(hosts)('refuses http://%s:<port>/ before connecting', async (host) => {
    const result = await sender.send({
      url: `http://${host}:${port}/hook`,
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(result).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^refused/) as unknown,
    });
    expect(hits).toBe(0);
  });
});
