// The dispatch stream read by a Kafka client the project did not write: a grid station whose system is
// built on librdkafka (here Debian's kcat) joins a consumer group on hotline.dispatch and receives every
// order the gateway routed to a station and every 协办 part asked for or ended, each record valid
// against the published JSON Schema (contracts/dispatch.schema.json, checked with Ajv) and keyed by
// the station. Its committed offsets hold: the same group started again gets nothing twice. And what kcat produces, kafkajs reads back byte for
// byte, so the broker the cluster tests rely on stores other clients' record batches as Kafka does.
import { Kafka, logLevel } from 'kafkajs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGateway, type RunningGateway } from '../../src/entry/start-gateway.js';
import { startBrokerProcess, type BrokerProcess } from '../support/kafka-broker-process.js';
import { ensureKcat, runKcat } from '../support/kcat.js';
import { startTestRedis, type TestRedis } from '../support/redis.js';
import { exampleConfigDir, fixture, root, sourceKey } from '../support/test-gateway.js';

const tmp = mkdtempSync(join(tmpdir(), 'hg-kcat-'));
let broker: BrokerProcess;
let redis: TestRedis;
let gateway: RunningGateway;

beforeAll(async () => {
  ensureKcat();
  [broker, redis] = await Promise.all([startBrokerProcess(join(tmp, 'kafka')), startTestRedis()]);
  gateway = await startGateway({
    PORT: '0',
    GATEWAY_CONFIG_DIR: exampleConfigDir,
    GATEWAY_DATA_DIR: tmp,
    LOG_LEVEL: 'silent',
    INTAKE_RATE_PER_MINUTE: '0',
    KAFKA_BROKERS: broker.brokers,
    REDIS_URL: redis.url,
    KAFKA_ORDER_EVENTS_PARTITIONS: '3',
  });
}, 60_000);
afterAll(async () => {
  await gateway.close();
  await broker.kill('SIGTERM');
  await redis.stop();
  rmSync(tmp, { recursive: true, force: true });
});

/** One line of `kcat -J`: the record's envelope, key and value as text. */
interface KcatRecord {
  topic: string;
  partition: number;
  offset: number;
  key: string | null;
  payload: string | null;
}

function parseRecords(stdout: string): KcatRecord[] {
  return stdout
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as KcatRecord);
}

const validate = (() => {
  const ajv = new Ajv2020({ allErrors: true, strict: true });
  addFormats.default(ajv);
  const schema = JSON.parse(
    readFileSync(join(root, 'contracts/dispatch.schema.json'), 'utf8'),
  ) as object;
  return ajv.compile(schema);
})();

/** Orders from several cities' platforms, each routed to a station (none of them goes to triage). */
const pushed = ['01', '03', '04', '05', '06', '07'];

describe('the dispatch stream read with kcat (librdkafka)', () => {
  it('a consumer group on hotline.dispatch receives every routed order, each valid against the published schema', async () => {
    const expected = new Map<string, { stationId: string; externalId: string }>();
    for (const [i, name] of pushed.entries()) {
      const f = fixture(name);
      const externalId = `KCAT-${i + 1}`;
      const res = await fetch(`http://127.0.0.1:${gateway.port}/v1/orders`, {
        method: 'POST',
        headers: { authorization: `Bearer ${sourceKey(f)}`, 'content-type': 'application/json' },
        // Called in just now: a fixture's own call time is long past, and the sweeper would add
        // 催办 notices (kind "urged") to the stream while the test reads it.
        body: JSON.stringify({ ...f, externalId, receivedAt: new Date().toISOString() }),
      });
      expect(res.status).toBe(202);
      const { id } = (await res.json()) as { id: string };
      const view = (await (
        await fetch(`http://127.0.0.1:${gateway.port}/v1/orders/${id}`, {
          headers: { authorization: `Bearer ${sourceKey(f)}` },
        })
      ).json()) as { state: string; station: { id: string } | null };
      expect(view.state, `fixture ${name} is routed`).toBe('dispatched');
      expect(view.station).not.toBeNull();
      expected.set(id, { stationId: view.station?.id ?? '', externalId });
    }
    // 协办 on the first order (北京朝阳, led by its grid): the power company's liaison is asked for its
    // part and a dispatcher closes it, two more records under the liaison's key.
    const liaison = 'bj-chaoyang-power-liaison';
    const [assisted] = [...expected.keys()];
    for (const [path, body] of [
      ['assists', { stationId: liaison, note: '请核查变压器' }],
      ['assists/close', { stationId: liaison, note: '主办已查明原因' }],
    ] as const) {
      const r = await fetch(`http://127.0.0.1:${gateway.port}/v1/orders/${assisted}/${path}`, {
        method: 'POST',
        headers: { authorization: 'Bearer demo-admin', 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      expect(r.status, await r.clone().text()).toBe(200);
    }
    const total = pushed.length + 2;

    // The station system: a librdkafka balanced consumer, from the beginning, until it has one record
    // per order (-c), killed after 30 s if it never gets there.
    const group = 'station-system-librdkafka';
    const consumed = await runKcat(
      [
        '-b',
        broker.brokers,
        '-G',
        group,
        '-o',
        'beginning',
        '-c',
        String(total),
        '-J',
        '-q',
        'hotline.dispatch',
      ],
      '',
      30_000,
    );
    expect(consumed.code, consumed.stderr).toBe(0);
    const records = parseRecords(consumed.stdout);
    expect(records).toHaveLength(total);

    const seen = new Map<string, { stationId: string; externalId: string }>();
    const assists: { kind: string; orderId: string; stationId: string; how?: string }[] = [];
    for (const record of records) {
      expect(record.topic).toBe('hotline.dispatch');
      const message: unknown = JSON.parse(record.payload ?? 'null');
      const valid = validate(message);
      expect(valid, JSON.stringify(validate.errors)).toBe(true);
      const m = message as {
        kind: string;
        orderId: string;
        stationId: string;
        how?: string;
        order: { externalId: string };
      };
      expect(record.key).toBe(m.stationId);
      if (m.stationId === liaison) {
        assists.push({ kind: m.kind, orderId: m.orderId, stationId: m.stationId, how: m.how });
        continue;
      }
      expect(m.kind).toBe('assigned');
      seen.set(m.orderId, { stationId: m.stationId, externalId: m.order.externalId });
    }
    expect(seen).toEqual(expected);
    expect(assists).toEqual([
      { kind: 'assisting', orderId: assisted, stationId: liaison, how: undefined },
      { kind: 'assist_ended', orderId: assisted, stationId: liaison, how: 'closed' },
    ]);

    // The same group again, reading to the end of every partition (-e), told to start from the earliest
    // record wherever it has no committed offset: its offsets were committed, so a restarted station
    // system is not handed the same orders twice.
    const again = await runKcat(
      [
        '-b',
        broker.brokers,
        '-G',
        group,
        '-X',
        'auto.offset.reset=earliest',
        '-e',
        '-J',
        '-q',
        'hotline.dispatch',
      ],
      '',
      30_000,
    );
    expect(again.code, again.stderr).toBe(0);
    expect(parseRecords(again.stdout)).toEqual([]);
  }, 90_000);

  it('records produced with kcat are stored by the broker and read back by kafkajs, keys and text intact', async () => {
    const topic = 'station-replies';
    const lines = [
      ['cuicheng-yiyuan-grid', '已签收，正在联系诉求人'],
      ['fatou-street', '已派网格员到场核实'],
      ['cuicheng-yiyuan-grid', '已办结：变压器已更换'],
    ];
    const produced = await runKcat(
      ['-b', broker.brokers, '-P', '-t', topic, '-K', '\t', '-p', '0'],
      lines.map(([k, v]) => `${k}\t${v}\n`).join(''),
      30_000,
    );
    expect(produced.code, produced.stderr).toBe(0);

    const kafka = new Kafka({
      clientId: 'kcat-readback',
      brokers: [broker.brokers],
      logLevel: logLevel.NOTHING,
    });
    const consumer = kafka.consumer({ groupId: 'kafkajs-readback' });
    await consumer.connect();
    try {
      await consumer.subscribe({ topic, fromBeginning: true });
      const got = await new Promise<string[][]>((resolve, reject) => {
        const out: string[][] = [];
        const timer = setTimeout(() => {
          reject(new Error(`kafkajs read ${out.length} of ${lines.length} records in 20 s`));
        }, 20_000);
        void consumer.run({
          eachMessage: ({ message }) => {
            out.push([message.key?.toString() ?? '', message.value?.toString() ?? '']);
            if (out.length === lines.length) {
              clearTimeout(timer);
              resolve(out);
            }
            return Promise.resolve();
          },
        });
      });
      expect(got).toEqual(lines);
    } finally {
      await consumer.disconnect();
    }
  }, 60_000);
});
