// The sweeper emits each warning and each breach once per target and cycle, when due: on a fake clock
// to the second, on a real clock within a second, and again correctly after a restart.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Timeline } from '../../contracts/views.js';
import { startGateway } from '../../src/entry/start-gateway.js';
import { createTestGateway, exampleConfigDir, fixture, keys } from '../support/test-gateway.js';
import { until } from '../support/until.js';

const cst = (local: string) => new Date(`${local}+08:00`);

async function slaEvents(gw: ReturnType<typeof createTestGateway>, id: string) {
  const t = Timeline.parse(
    await (await gw.call('GET', `/v1/orders/${id}/timeline`, keys.admin)).json(),
  );
  return t.events
    .filter((e) => e.data.type.startsWith('sla.'))
    .map((e) => {
      const d = e.data;
      return d.type === 'sla.warning'
        ? `${d.target}:warning:${d.threshold}@${e.at}`
        : d.type === 'sla.breached'
          ? `${d.target}:breach@${e.at}`
          : '';
    });
}

describe('SLA sweeper on a fake clock', () => {
  it('emits the respond warnings and breach at their due seconds, once each', async () => {
    const gw = createTestGateway();
    gw.setNow(cst('2026-03-02T10:00:00'));
    const { body } = await gw.submit({
      ...fixture('03'),
      urgency: 'normal',
      type: 'help',
      receivedAt: '2026-03-02T10:00:00+08:00',
    });
    const station = keys.station('zhonglouwan-grid');
    await gw.call('POST', `/v1/orders/${body.id}/accept`, station, {});

    gw.setNow(cst('2026-03-02T21:59:59'));
    expect((await gw.sweep()).emitted).toBe(0);
    gw.setNow(cst('2026-03-02T22:00:00'));
    expect((await gw.sweep()).emitted).toBe(1);
    expect((await gw.sweep()).emitted).toBe(0); // once
    gw.setNow(cst('2026-03-03T10:00:00'));
    await gw.sweep();
    expect(await slaEvents(gw, body.id)).toEqual([
      `respond:warning:0.5@${cst('2026-03-02T22:00:00').toISOString()}`,
      `respond:warning:0.75@${cst('2026-03-03T10:00:00').toISOString()}`,
      `respond:breach@${cst('2026-03-03T10:00:00').toISOString()}`,
    ]);
    // The order shows the breach to the station that holds it.
    const view = (await (await gw.call('GET', `/v1/orders/${body.id}`, station)).json()) as {
      sla: { figures: { target: string; status: string }[] };
    };
    expect(view.sla.figures.find((f) => f.target === 'respond')?.status).toBe('breached');
  });

  it('emits nothing for a target that was met, and touches only due orders', async () => {
    const gw = createTestGateway();
    gw.setNow(cst('2026-03-02T10:00:00'));
    const a = await gw.submit({
      ...fixture('03'),
      urgency: 'normal',
      receivedAt: '2026-03-02T10:00:00+08:00',
    });
    await gw.submit({
      ...fixture('03'),
      externalId: 'LATER',
      urgency: 'normal',
      receivedAt: '2026-03-02T10:00:00+08:00',
    });
    const station = keys.station('zhonglouwan-grid');
    await gw.call('POST', `/v1/orders/${a.body.id}/accept`, station, {});
    await gw.call('POST', `/v1/orders/${a.body.id}/contact`, station, {});
    gw.setNow(cst('2026-03-02T22:00:00'));
    const sweep = await gw.sweep();
    expect(sweep.orders).toBe(1); // only the other order had a warning due
    expect((await slaEvents(gw, a.body.id)).filter((e) => e.startsWith('respond'))).toEqual([]);
  });

  it('refuses an extension asked after the deadline', async () => {
    const gw = createTestGateway();
    gw.setNow(cst('2026-03-02T10:00:00'));
    const { body } = await gw.submit({
      ...fixture('03'),
      urgency: 'normal',
      receivedAt: '2026-03-02T10:00:00+08:00',
    });
    const station = keys.station('zhonglouwan-grid');
    await gw.call('POST', `/v1/orders/${body.id}/accept`, station, {});
    gw.setNow(cst('2026-03-12T00:00:01'));
    const res = await gw.call('POST', `/v1/orders/${body.id}/extension-requests`, station, {
      reason: '需协调',
      requestedDueAt: '2026-03-20T18:00:00+08:00',
    });
    expect(res.status).toBe(409);
    expect(((await res.json()) as { code: string }).code).toBe('extension_not_allowed');
  });
});

describe('SLA sweeper on a real clock', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hg-sla-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  cpSync(exampleConfigDir, join(dir, 'config'), { recursive: true });
  const policyPath = join(dir, 'config', 'sla-policy.json');
  const policy = JSON.parse(readFileSync(policyPath, 'utf8')) as {
    rules: { id: string; targets: Record<string, unknown> }[];
  };
  // Targets of seconds, so a real clock can be watched: respond in 2 s (warning at 1 s), resolve in 4 s.
  for (const rule of policy.rules)
    rule.targets = {
      respond: { amount: 2 / 3600, clock: 'clock_hours', warnAt: [0.5] },
      resolve: { amount: 4 / 3600, clock: 'clock_hours', warnAt: [] },
    };
  writeFileSync(policyPath, JSON.stringify(policy));
  const env = {
    PORT: '0',
    LOG_LEVEL: 'silent',
    GATEWAY_CONFIG_DIR: join(dir, 'config'),
    GATEWAY_DATA_DIR: join(dir, 'data'),
  };

  async function post(port: number, externalId: string) {
    const res = await fetch(`http://127.0.0.1:${port}/v1/orders`, {
      method: 'POST',
      headers: { authorization: `Bearer ${keys.source}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        ...fixture('03'),
        externalId,
        urgency: 'normal',
        receivedAt: new Date().toISOString(),
      }),
    });
    return ((await res.json()) as { id: string }).id;
  }
  async function timeline(port: number, id: string) {
    const res = await fetch(`http://127.0.0.1:${port}/v1/orders/${id}/timeline`, {
      headers: { authorization: `Bearer ${keys.admin}` },
    });
    return Timeline.parse(await res.json()).events;
  }

  it('emits within a second of each due time, and once, also across a restart', async () => {
    const first = await startGateway(env);
    const id = await post(first.port, 'REAL-1');
    const received = await timeline(first.port, id);
    const receivedAt = Date.parse(
      received[0]?.data.type === 'order.received' ? received[0].data.order.receivedAt : '',
    );
    const slaEvents = async (port: number) =>
      (await timeline(port, id)).filter((e) => e.data.type.startsWith('sla.'));
    let events = await slaEvents(first.port);
    await until(
      async () => (events = await slaEvents(first.port)).length >= 2,
      15_000,
      'the respond warning and breach',
    );
    expect(events.map((e) => e.data.type)).toEqual(['sla.warning', 'sla.breached']);
    const lateness = events.map(
      (e, i) => Date.parse(e.at) - (receivedAt + (i === 0 ? 1000 : 2000)),
    );
    for (const ms of lateness) {
      expect(ms).toBeGreaterThanOrEqual(-1); // never early (1 ms for rounding of the received time)
      expect(ms).toBeLessThan(1000);
    }
    // Stop before the resolve breach (due at 4 s), restart after it: emitted once, on restart.
    await first.close();
    await until(async () => Date.now() > receivedAt + 4000, 15_000, 'the resolve due time');
    const second = await startGateway(env);
    let after = await slaEvents(second.port);
    await until(
      async () => (after = await slaEvents(second.port)).length >= 3,
      15_000,
      'the resolve breach after the restart',
    );
    expect(after.map((e) => `${e.data.type}:${'target' in e.data ? e.data.target : ''}`)).toEqual([
      'sla.warning:respond',
      'sla.breached:respond',
      'sla.breached:resolve',
    ]);
    await second.close();
  }, 60_000);
});
