// 督办 in the auditors' figures, end to end on a fake clock, in the embedded default and in cluster
// mode (Kafka test broker + real Redis): the policy's chain runs on one order (催办 at the deadline,
// street and district escalation after it), a supervisor urges it again and urges and supervises
// another by hand, and the figures API, the ranking and its CSV read back what an auditor counts
// by hand: orders urged, 催办 notices, orders supervised, orders escalated to street and district.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Figures, Ranking } from '../../contracts/metrics.js';
import { parseEnv } from '../../src/config/env.js';
import { loadCore, openCoreStore, type OpenedCore } from '../../src/entry/open-core.js';
import { sweepSla } from '../../src/usecases/sla.js';
import { createLogger } from '../../src/telemetry/logger.js';
import { startKafkaTestBroker, type KafkaTestBroker } from '../support/kafka/broker.js';
import { startTestRedis, type TestRedis } from '../support/redis.js';
import { createTestGateway, exampleConfigDir, fixture, keys } from '../support/test-gateway.js';
import { until } from '../support/until.js';

const cst = (local: string) => new Date(`${local}+08:00`);
const STATION = 'zhonglouwan-grid'; // fixture 03: 东城区 安定门街道

interface Rig {
  gw: ReturnType<typeof createTestGateway>;
  setNow: (local: string) => void;
  sweep: () => Promise<unknown>;
}

/** The in-process gateway on the embedded store (SQLite in memory). */
function embedded(): Rig {
  const gw = createTestGateway();
  return { gw, setNow: (local) => gw.setNow(cst(local)), sweep: () => gw.sweep() };
}

let broker: KafkaTestBroker | undefined;
let redis: TestRedis | undefined;
let cluster: OpenedCore | undefined;
const dataDir = mkdtempSync(join(tmpdir(), 'hg-supervision-figures-'));

/** The same gateway over the cluster store, opened as the gateway opens it, on the same fake clock. */
async function clustered(): Promise<Rig> {
  [broker, redis] = await Promise.all([startKafkaTestBroker(), startTestRedis()]);
  let now = cst('2026-03-02T09:00:00');
  const clock = { now: () => now };
  const env = parseEnv({
    GATEWAY_CONFIG_DIR: exampleConfigDir,
    GATEWAY_PLACES_BASE: 'none',
    GATEWAY_DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    KAFKA_BROKERS: broker.brokers.join(','),
    REDIS_URL: redis.url,
  });
  const core = loadCore(env, { clock });
  const opened = await openCoreStore(env, createLogger({ level: 'silent' }), core);
  cluster = opened;
  const gw = createTestGateway({
    store: opened.store,
    metrics: opened.metrics,
    sla: core.sla,
    clock,
    ...(opened.cluster ? { notifier: opened.cluster.notifier } : {}),
  });
  return {
    gw,
    setNow: (local) => {
      now = cst(local);
      gw.setNow(now);
    },
    sweep: () => sweepSla({ store: opened.store, index: opened.store, sla: core.sla, clock }),
  };
}

afterAll(async () => {
  await cluster?.close();
  await broker?.stop();
  await redis?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

/** Order A runs the policy's chain; B is urged and supervised by hand, then resolved in time. */
async function supervisionMonth({ gw, setNow, sweep }: Rig) {
  setNow('2026-03-02T10:00:00');
  const ids: string[] = [];
  for (const externalId of ['SF-A', 'SF-B']) {
    const { body } = await gw.submit({
      ...fixture('03'),
      externalId,
      urgency: 'normal',
      type: 'help',
      receivedAt: '2026-03-02T10:00:00+08:00',
    });
    expect(body.state).toBe('dispatched');
    expect(
      (await gw.call('POST', `/v1/orders/${body.id}/accept`, keys.station(STATION), {})).status,
    ).toBe(200);
    ids.push(body.id);
  }
  const [a, b] = ids as [string, string];
  // 陈刚, 东城区's supervisor, logs in when he acts (a session does not outlive the clock's jumps).
  const by = async (path: string, body: unknown) =>
    gw.call('POST', path, undefined, body, (await gw.login('supervisor-dongcheng')).headers);

  setNow('2026-03-05T10:00:00');
  expect((await by(`/v1/orders/${b}/urge`, { note: '请今日内联系群众' })).status).toBe(200);
  expect((await by(`/v1/orders/${b}/supervise`, { note: '区级督办：三日内办结' })).status).toBe(
    200,
  );
  setNow('2026-03-06T10:00:00');
  const resolved = await gw.call('POST', `/v1/orders/${b}/resolve`, keys.station(STATION), {
    result: '已处理',
  });
  expect(resolved.status).toBe(200);

  // A's resolve deadline is 2026-03-12 00:00: reminder, 催办, street a working day later, district
  // two working days after that (the weekend of the 14th and 15th does not count).
  for (const local of [
    '2026-03-11T00:00:00',
    '2026-03-12T00:00:00',
    '2026-03-13T00:00:00',
    '2026-03-17T00:00:00',
  ]) {
    setNow(local);
    await sweep();
    await sweep(); // nothing twice
  }
  setNow('2026-03-18T09:00:00');
  expect((await by(`/v1/orders/${a}/urge`, { note: '已逾期，请立即办理' })).status).toBe(200);
  return { a, b };
}

/** By hand: 催办 A (policy, by hand) and B (by hand); 督办 B; A escalated to street and district. */
const march = {
  urgedOrders: 2,
  urges: 3,
  supervisedOrders: 1,
  escalatedToStreet: 1,
  escalatedToDistrict: 1,
};
const none = {
  urgedOrders: 0,
  urges: 0,
  supervisedOrders: 0,
  escalatedToStreet: 0,
  escalatedToDistrict: 0,
};

async function figures(gw: Rig['gw'], query: string, key = keys.auditor) {
  const res = await gw.call('GET', `/v1/metrics/figures?${query}`, key);
  expect(res.status).toBe(200);
  return Figures.parse(await res.json());
}

async function readsBack(rig: Rig) {
  const { gw } = rig;
  // Cluster mode commits the rollups with the view; polled anyway, under a generous deadline.
  let seen: unknown;
  await until(
    async () => {
      seen = (await figures(gw, 'period=2026-03')).supervision;
      return JSON.stringify(seen) === JSON.stringify(march);
    },
    30_000,
    () => `March's 督办 figures ${JSON.stringify(seen)}`,
  );
  expect((await figures(gw, 'period=2026-03&district=110101')).supervision).toEqual(march);
  expect((await figures(gw, 'period=2026-03&district=110105')).supervision).toEqual(none);
  expect((await figures(gw, 'period=2026-02')).supervision).toEqual(none);

  const ranking = Ranking.parse(
    await (
      await gw.call('GET', '/v1/metrics/rankings?period=2026-03&by=station', keys.auditor)
    ).json(),
  );
  expect(ranking.rows.find((r) => r.code === STATION)?.supervision).toEqual(march);

  const csv = await (
    await gw.call('GET', '/v1/metrics/export/figures.csv?period=2026-03&by=street', keys.auditor)
  ).text();
  const [header, row] = csv.replace(/^\uFEFF/, '').split('\r\n');
  const cols = (header ?? '').split(',');
  const cells = (row ?? '').split(',');
  const at = (name: string) => cells[cols.indexOf(name)];
  expect(row).toContain('安定门街道');
  expect(['催办件数', '催办次数', '督办件数', '升级至街道', '升级至区级'].map(at)).toEqual([
    '2',
    '3',
    '1',
    '1',
    '1',
  ]);
}

describe('督办 in the figures', () => {
  it('embedded: the chain and the supervisor’s 催办/督办 are counted as an auditor counts them', async () => {
    const rig = embedded();
    await supervisionMonth(rig);
    await readsBack(rig);
  }, 60_000);

  describe('cluster mode', () => {
    let rig: Rig;
    beforeAll(async () => {
      rig = await clustered();
    }, 120_000);

    it('counts the same over Kafka and Redis', async () => {
      expect(cluster?.cluster, 'the cluster store is open').toBeTruthy();
      expect(rig.gw.deps.store).toBe(cluster?.store);
      await supervisionMonth(rig);
      await readsBack(rig);
    }, 120_000);
  });
});
