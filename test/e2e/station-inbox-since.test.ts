// The station app's live inbox: a worker's open inbox is rarely empty, so a long-poll with `since`
// (the newest change the page has seen) waits for the next change instead of answering at once.
import { describe, expect, it } from 'vitest';
import { OrderPage } from '../../contracts/views.js';
import { createTestGateway, fixture, keys } from '../support/test-gateway.js';

const station = 'cuicheng-yiyuan-grid';
const inbox = `/v1/stations/${station}/orders`;

describe('long-poll with since', () => {
  it('holds a non-empty inbox open until something changes, then answers with the change', async () => {
    const gw = createTestGateway();
    const first = (await gw.submit({ ...fixture('01'), externalId: 'SINCE-1' })).body.id;
    const seen = OrderPage.parse(await (await gw.call('GET', inbox, keys.station(station))).json());
    const newest =
      seen.items
        .map((o) => o.updatedAt)
        .sort()
        .at(-1) ?? '';

    // Nothing newer than what the caller saw: the non-empty inbox is held for the whole wait.
    const since = encodeURIComponent(newest);
    const held = Date.now();
    const unchanged = OrderPage.parse(
      await (await gw.call('GET', `${inbox}?wait=1&since=${since}`, keys.station(station))).json(),
    );
    expect(Date.now() - held).toBeGreaterThanOrEqual(900);
    expect(unchanged.items.map((o) => o.state)).toEqual(['dispatched']);

    // A change while waiting answers at once, with the change.
    const started = Date.now();
    const pull = gw.call('GET', `${inbox}?wait=20&since=${since}`, keys.station(station));
    gw.setNow(new Date('2026-03-02T09:05:00+08:00'));
    await gw.call('POST', `/v1/orders/${first}/accept`, keys.station(station), {});
    const page = OrderPage.parse(await (await pull).json());
    expect(page.items.find((o) => o.id === first)?.state).toBe('accepted');
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('answers at once when the page already has something newer, and refuses a time without zone', async () => {
    const gw = createTestGateway();
    await gw.submit({ ...fixture('01'), externalId: 'SINCE-2' });
    const started = Date.now();
    const page = OrderPage.parse(
      await (
        await gw.call(
          'GET',
          `${inbox}?wait=20&since=2020-01-01T00:00:00%2B08:00`,
          keys.station(station),
        )
      ).json(),
    );
    expect(page.items).toHaveLength(1);
    expect(Date.now() - started).toBeLessThan(5_000);

    const bad = await gw.call(
      'GET',
      `${inbox}?wait=1&since=2026-03-02T09:00:00`,
      keys.station(station),
    );
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toContain('since');
  });
});
