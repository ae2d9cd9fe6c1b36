// What `npm run fuzz` found, kept as plain regression tests against a real gateway on loopback.
// 1. An edge hand-off whose `raw` matched the loose base64 pattern but had a length atob cannot
//    decode ("A", "AAAAA", "undefined") was a 500 after the signature check; now a 400 naming `raw`.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGateway, type RunningGateway } from '../../src/entry/start-gateway.js';
import { importSecret, sign } from '../../src/webhooks/standard-webhooks.js';
import { root } from '../support/test-gateway.js';

const dataDir = mkdtempSync(join(tmpdir(), 'hg-fuzz-found-'));
const secret = `whsec_${randomBytes(32).toString('base64')}`;
let gateway: RunningGateway;

beforeAll(async () => {
  gateway = await startGateway({
    PORT: '0',
    GATEWAY_DATA_DIR: dataDir,
    GATEWAY_PLACES_BASE: 'none',
    EDGE_HANDOFF_SECRET: secret,
    INTAKE_RATE_PER_MINUTE: '0',
    LOG_LEVEL: 'silent',
  });
}, 120_000);
afterAll(async () => {
  await gateway.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('found by the fuzz harness', () => {
  it.each(['A', 'AAAAA', 'undefined', 'AA=A'])(
    'refuses an edge hand-off whose raw bytes are not whole base64 (%j) with a problem naming raw',
    async (raw) => {
      const submission = JSON.parse(
        readFileSync(join(root, 'test/fixtures/orders/01-chaoyang-power-outage.json'), 'utf8'),
      ) as Record<string, unknown>;
      delete submission.source;
      const body = new TextEncoder().encode(
        JSON.stringify({
          adapter: 'canonical',
          contentType: 'application/json',
          submission: { ...submission, externalId: `FOUND-${raw}` },
          quality: [],
          raw,
        }),
      );
      const id = `msg_found_${raw.replace(/=/g, '_')}`;
      const ts = Math.floor(Date.now() / 1000);
      const res = await fetch(`http://127.0.0.1:${gateway.port}/v1/intake/edge`, {
        method: 'POST',
        headers: {
          authorization: 'Bearer demo-source-bj-12345',
          'content-type': 'application/json',
          'webhook-id': id,
          'webhook-timestamp': String(ts),
          'webhook-signature': await sign(await importSecret(secret), id, ts, body),
        },
        body,
      });
      expect(res.status).toBe(400);
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      const problem = (await res.json()) as { errors?: { path: string }[] };
      expect(problem.errors?.map((e) => e.path)).toContain('raw');
    },
  );
});
