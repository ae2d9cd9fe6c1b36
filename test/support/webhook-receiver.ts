// A real webhook receiver for the outbound tests: node:http on 127.0.0.1, answering each request as
// a script says (500, hang until the sender gives up, 429 with Retry-After, 410, 200), verifying
// every signature with the gateway's own inbound verifier, and deduplicating by webhook-id as
// Standard Webhooks asks receivers to do.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebhookMessage } from '../../contracts/webhooks.js';
import { importSecret, verify } from '../../src/webhooks/standard-webhooks.js';

export type Answer = { status: number; retryAfter?: string } | 'hang';

export interface Received {
  id: string;
  message: WebhookMessage;
}

export interface Receiver {
  url: string;
  /** Every request that arrived, duplicates included. */
  requests: { id: string; verified: boolean; answer: string }[];
  /** First arrival of each webhook-id, in arrival order (what a deduplicating receiver processes). */
  unique: Received[];
  /** Answers for the next requests, in order; when empty, 200. */
  script: Answer[];
  setSecret(secret: string): Promise<void>;
  /** The receiver's clock for the replay window (the tests' fake clock); settable. */
  clockSeconds: () => number;
  close(): Promise<void>;
}

async function readAll(req: IncomingMessage): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return new Uint8Array(Buffer.concat(chunks));
}

/** `nowSeconds` is the receiver's clock for the replay window: the tests' fake clock. */
export async function startReceiver(nowSeconds: () => number): Promise<Receiver> {
  let key: CryptoKey | undefined;
  const hanging = new Set<IncomingMessage>();
  const receiver: Omit<Receiver, 'url' | 'close'> = {
    clockSeconds: nowSeconds,
    requests: [],
    unique: [],
    script: [],
    setSecret: async (secret) => {
      key = await importSecret(secret);
    },
  };
  const server: Server = createServer((req, res) => {
    void (async () => {
      const body = await readAll(req);
      const headers = {
        id: req.headers['webhook-id'] as string | undefined,
        timestamp: req.headers['webhook-timestamp'] as string | undefined,
        signature: req.headers['webhook-signature'] as string | undefined,
      };
      const verdict = key
        ? await verify(headers, body, [key], receiver.clockSeconds())
        : { ok: false as const };
      const answer = receiver.script.shift() ?? { status: 200 };
      receiver.requests.push({
        id: headers.id ?? '',
        verified: verdict.ok,
        answer: answer === 'hang' ? 'hang' : String(answer.status),
      });
      if (!verdict.ok) {
        res.writeHead(401).end();
        return;
      }
      // The message is processed before answering: a lost or failed answer makes the sender retry,
      // and the retry carries the same webhook-id, so processing stays once.
      if (!receiver.unique.some((u) => u.id === headers.id)) {
        receiver.unique.push({
          id: headers.id ?? '',
          message: WebhookMessage.parse(JSON.parse(new TextDecoder().decode(body))),
        });
      }
      if (answer === 'hang') {
        hanging.add(req);
        return;
      }
      res
        .writeHead(answer.status, answer.retryAfter ? { 'retry-after': answer.retryAfter } : {})
        .end();
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(receiver, {
    url: `http://127.0.0.1:${port}/hotline/webhooks`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const r of hanging) r.socket.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
}
