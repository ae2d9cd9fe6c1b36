// Long-poll pulls: an empty inbox answers as soon as an order arrives, or when the wait ends.
import { describe, expect, it } from 'vitest';
import { OrderPage } from '../../contracts/views.js';
import type { InProcessNotifier } from '../../src/runtime/in-process-notifier.js';
import { createTestGateway, fixture, keys } from '../support/test-gateway.js';
import { until } from '../support/until.js';

const station = 'cuicheng-yiyuan-grid';

describe('long-poll pull', () => {
  it('answers as soon as an order for the station arrives', async () => {
    const gw = createTestGateway();
    const started = Date.now();
    const pull = gw.call('GET', `/v1/stations/${station}/orders?wait=20`, keys.station(station));
    // The pull is waiting (not answering from a first read) before the order arrives.
    const notifier = gw.deps.notifier as InProcessNotifier;
    await until(() => notifier.waiting() === 1, 10_000, 'the pull to wait');
    const { body } = await gw.submit(fixture('01'));
    const page = OrderPage.parse(await (await pull).json());
    expect(page.items.map((o) => o.id)).toEqual([body.id]);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('is not woken by orders for other stations, and answers empty when the wait ends', async () => {
    const gw = createTestGateway();
    const started = Date.now();
    const pull = gw.call('GET', `/v1/stations/${station}/orders?wait=1`, keys.station(station));
    await gw.submit(fixture('03')); // another station's order
    const page = OrderPage.parse(await (await pull).json());
    expect(page.items).toEqual([]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
  });

  it('pages through an inbox with cursor and limit, and filters by state', async () => {
    const gw = createTestGateway();
    const ids: string[] = [];
    for (let i = 0; i < 5; i++)
      ids.push((await gw.submit({ ...fixture('01'), externalId: `PAGE-${i}` })).body.id);
    await gw.call('POST', `/v1/orders/${ids[1]}/accept`, keys.station(station), {});
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const q: string = cursor ? `&cursor=${cursor}` : '';
      const page = OrderPage.parse(
        await (
          await gw.call('GET', `/v1/stations/${station}/orders?limit=2${q}`, keys.station(station))
        ).json(),
      );
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((o) => o.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(ids);
    const accepted = OrderPage.parse(
      await (
        await gw.call('GET', `/v1/stations/${station}/orders?state=accepted`, keys.station(station))
      ).json(),
    );
    expect(accepted.items.map((o) => o.id)).toEqual([ids[1]]);
  });
});
