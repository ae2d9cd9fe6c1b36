// The contract every WebhookSender passes (undici; and the same sender wrapped with telemetry, which
// must not change what it answers): the bytes and headers arrive as sent, a 2xx is a delivery, any
// other answer is a failed attempt carrying its status (and Retry-After), a redirect is never followed,
// and a receiver that hangs or is gone is a failed attempt within the timeout, never a hang or a throw.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WebhookSender } from '../../src/ports/webhook-sender.js';

interface Seen {
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A loopback receiver that answers by path: /ok, /fail, /busy, /moved, /hang. */
async function receiver(): Promise<{ url: string; seen: Seen[]; close(): Promise<void> }> {
  const seen: Seen[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (d: string) => (body += d));
    req.on('end', () => {
      seen.push({ path: req.url ?? '', headers: req.headers, body });
      if (req.url === '/ok') res.writeHead(204).end();
      else if (req.url === '/fail') res.writeHead(500).end('boom');
      else if (req.url === '/busy') res.writeHead(429, { 'retry-after': '7' }).end();
      else if (req.url === '/moved') res.writeHead(302, { location: '/ok' }).end();
      // '/hang': never answers; the sender must give up on its own.
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

export function describeWebhookSenderContract(
  name: string,
  make: (options: { timeoutMs: number }) => WebhookSender & { close(): Promise<void> },
) {
  describe(`WebhookSender contract: ${name}`, () => {
    let rx: Awaited<ReturnType<typeof receiver>>;
    let sender: ReturnType<typeof make>;
    const timeoutMs = 1_500;
    beforeAll(async () => {
      rx = await receiver();
      sender = make({ timeoutMs });
    });
    afterAll(async () => {
      await sender.close();
      await rx.close();
    });
    const post = (path: string) =>
      sender.send({
        url: `${rx.url}${path}`,
        headers: { 'content-type': 'application/json', 'webhook-id': `msg_${path.slice(1)}` },
        body: '{"type":"order.accepted","data":{"title":"路灯不亮"}}',
      });

    it('delivers the bytes and headers as sent, and a 2xx is a delivery', async () => {
      expect(await post('/ok')).toEqual({ ok: true, status: 204 });
      const got = rx.seen.find((s) => s.path === '/ok');
      expect(got?.body).toBe('{"type":"order.accepted","data":{"title":"路灯不亮"}}');
      expect(got?.headers['webhook-id']).toBe('msg_ok');
    });

    it('reports a failed answer with its status, and Retry-After when given', async () => {
      expect(await post('/fail')).toMatchObject({ ok: false, status: 500 });
      expect(await post('/busy')).toMatchObject({ ok: false, status: 429, retryAfter: '7' });
    });

    it('never follows a redirect', async () => {
      const before = rx.seen.filter((s) => s.path === '/ok').length;
      expect(await post('/moved')).toMatchObject({ ok: false, status: 302 });
      expect(rx.seen.filter((s) => s.path === '/ok').length).toBe(before);
    });

    it('gives up on a receiver that hangs, within its timeout', async () => {
      const started = Date.now();
      const result = await post('/hang');
      expect(result.ok).toBe(false);
      expect(Date.now() - started).toBeLessThan(timeoutMs * 4);
    });

    it('answers a failed attempt when nobody listens', async () => {
      const gone = await receiver();
      const url = gone.url;
      await gone.close();
      const result = await sender.send({ url: `${url}/ok`, headers: {}, body: '{}' });
      expect(result.ok).toBe(false);
    });
  });
}
