// Nothing acknowledged is lost: the real server is killed with SIGKILL in the middle of a load and
// restarted on the same data directory; every order that got a 202 is there, once.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { OrderView } from '../../contracts/views.js';
import { startGatewayProcess } from '../support/gateway-process.js';
import { fixture, keys } from '../support/test-gateway.js';

const dataDir = mkdtempSync(join(tmpdir(), 'hg-crash-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('crash and restart (embedded store)', () => {
  it('keeps every acknowledged order across SIGKILL', async () => {
    // Rate limiting off: this test is about durability under load, not about admission.
    const env = { GATEWAY_DATA_DIR: dataDir, SQLITE_SYNC: 'full', INTAKE_RATE_PER_MINUTE: '0' };
    const first = await startGatewayProcess(env);
    const acknowledged = new Map<string, string>(); // externalId → order id
    const base = fixture('02');
    let next = 0;
    let killed = false;

    const worker = async () => {
      while (next < 2000 && !killed) {
        const externalId = `CRASH-${next++}`;
        try {
          const res = await fetch(`${first.url}/v1/orders`, {
            method: 'POST',
            headers: { authorization: `Bearer ${keys.source}`, 'content-type': 'application/json' },
            body: JSON.stringify({ ...base, externalId }),
          });
          if (res.status === 202)
            acknowledged.set(externalId, ((await res.json()) as { id: string }).id);
        } catch {
          /* the server died under us: not acknowledged */
        }
      }
    };
    const load = Promise.all(Array.from({ length: 16 }, worker));
    const deadline = Date.now() + 30_000; // a broken intake must fail this test, not hang it
    while (acknowledged.size < 150 && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 10));
    killed = true;
    await first.kill('SIGKILL');
    await load;
    expect(acknowledged.size).toBeGreaterThanOrEqual(150);

    const second = await startGatewayProcess(env);
    try {
      for (const [externalId, id] of acknowledged) {
        const res = await fetch(`${second.url}/v1/orders/${id}`, {
          headers: { authorization: `Bearer ${keys.source}` },
        });
        expect(res.status, externalId).toBe(200);
        expect(OrderView.parse(await res.json())).toMatchObject({
          externalId,
          state: 'dispatched',
        });
      }
      // Pushing them again makes no second order.
      const again = await fetch(`${second.url}/v1/orders`, {
        method: 'POST',
        headers: { authorization: `Bearer ${keys.source}`, 'content-type': 'application/json' },
        body: JSON.stringify({ ...base, externalId: [...acknowledged.keys()][0] }),
      });
      expect(((await again.json()) as { status: string }).status).toBe('existing');
    } finally {
      await second.kill();
    }
  }, 60_000);
});
