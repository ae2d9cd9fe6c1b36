// The fuzz harness: a real gateway (startGateway: HTTP on loopback, embedded SQLite in a scratch
// directory, the edge hand-off on) takes a stream of generated hostile requests (hostile-requests.ts),
// a few at a time, bounded in count and time. It counts answers that break the rules — any 5xx, and
// any refusal that is not an RFC 9457 problem (Open311 routes answer with the spec's error list
// instead) — and afterwards checks that nothing was left half-written: every acknowledged order reads
// back with its timeline, every list pages to its end, and in the SQLite file every order's events
// run 1..version with nothing orphaned (events, idempotency keys, raw bytes).
import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startGateway } from '../../src/entry/start-gateway.js';
import { importSecret } from '../../src/webhooks/standard-webhooks.js';
import { hostileRequest, seeded, type FuzzRequest } from './hostile-requests.js';

export interface FuzzOptions {
  requests: number;
  seed: number;
  /** Stop sending after this long even if fewer requests went out. */
  seconds: number;
  concurrency: number;
  /** 'none': gazetteer.json alone (fast start); a path: the national base index. */
  placesBase?: string;
}

export interface Finding {
  kind: string;
  what: string;
  status?: number;
  detail: string;
}

export interface FuzzReport {
  requests: number;
  fiveXx: number;
  partial: number;
  nonProblem: number;
  acknowledged: number;
  byKind: Record<string, Record<string, number>>;
  findings: Finding[];
  seconds: number;
}

export function formatReport(r: FuzzReport): string {
  return `fuzz requests=${r.requests} 5xx=${r.fiveXx} partial=${r.partial} non_problem=${r.nonProblem}`;
}

const snippet = (s: string) => s.slice(0, 300).replace(/\s+/g, ' ');

async function isOpen311Error(res: Response, text: string): Promise<boolean> {
  const type = res.headers.get('content-type') ?? '';
  if (type.includes('xml')) return text.includes('<errors>');
  try {
    const body = JSON.parse(text) as unknown;
    return (
      Array.isArray(body) &&
      body.every((e) => typeof (e as { code?: unknown }).code !== 'undefined')
    );
  } catch {
    return false;
  }
}

function isProblem(res: Response, text: string): boolean {
  if (!(res.headers.get('content-type') ?? '').startsWith('application/problem+json')) return false;
  try {
    const body = JSON.parse(text) as { status?: unknown; title?: unknown };
    return body.status === res.status && typeof body.title === 'string';
  } catch {
    return false;
  }
}

export async function runFuzz(options: FuzzOptions): Promise<FuzzReport> {
  const dataDir = mkdtempSync(join(tmpdir(), 'hg-fuzz-'));
  const handoffSecret = `whsec_${randomBytes(32).toString('base64')}`;
  const gateway = await startGateway({
    PORT: '0',
    HOST: '127.0.0.1',
    GATEWAY_DATA_DIR: dataDir,
    GATEWAY_PLACES_BASE: options.placesBase ?? 'none',
    GATEWAY_SECRET_KEYS: `fuzz:${randomBytes(32).toString('base64')}`,
    EDGE_HANDOFF_SECRET: handoffSecret,
    INTAKE_RATE_PER_MINUTE: '0',
    LOG_LEVEL: 'silent',
  });
  const base = `http://127.0.0.1:${gateway.port}`;
  const rand = seeded(options.seed);
  const ids: string[] = [];
  const ctx = { ids, handoffKey: await importSecret(handoffSecret) };
  const report: FuzzReport = {
    requests: 0,
    fiveXx: 0,
    partial: 0,
    nonProblem: 0,
    acknowledged: 0,
    byKind: {},
    findings: [],
    seconds: 0,
  };
  const started = Date.now();
  const finding = (f: Finding, req?: FuzzRequest) => {
    if (report.findings.length < 200) report.findings.push(f);
    // FUZZ_DUMP=<file>: every offending request, whole, one JSON line each, to replay by hand.
    const dump = process.env.FUZZ_DUMP;
    if (dump && req)
      appendFileSync(
        dump,
        `${JSON.stringify({ ...f, method: req.method, path: req.path, headers: req.headers, body: req.body ? Buffer.from(req.body).toString('base64') : null })}\n`,
      );
  };
  const count = (kind: string, status: string) => {
    const k = (report.byKind[kind] ??= {});
    k[status] = (k[status] ?? 0) + 1;
  };

  const send = async (req: FuzzRequest): Promise<void> => {
    let res: Response;
    try {
      res = await fetch(`${base}${req.path}`, {
        method: req.method,
        headers: req.headers,
        ...(req.body ? { body: new Uint8Array(req.body) } : {}),
        signal: AbortSignal.timeout(30_000),
      });
    } catch (err) {
      // A request the client itself refuses to send (e.g. a header it will not encode) is no request.
      if (err instanceof TypeError && err.message !== 'fetch failed') {
        count(req.kind, 'client-refused');
        return;
      }
      report.requests += 1;
      report.fiveXx += 1;
      count(req.kind, 'no-answer');
      finding(
        {
          kind: req.kind,
          what: 'no answer',
          detail: `${req.method} ${req.path.slice(0, 120)}: ${String(err)}`,
        },
        req,
      );
      return;
    }
    report.requests += 1;
    const text = await res.text();
    count(req.kind, String(res.status));
    if (res.status >= 500) {
      report.fiveXx += 1;
      finding(
        {
          kind: req.kind,
          what: '5xx',
          status: res.status,
          detail: `${req.path.slice(0, 120)} ${snippet(text)}`,
        },
        req,
      );
    } else if (res.status >= 400) {
      const ok = req.path.startsWith('/open311/')
        ? isProblem(res, text) || (await isOpen311Error(res, text))
        : isProblem(res, text);
      if (!ok) {
        report.nonProblem += 1;
        finding(
          {
            kind: req.kind,
            what: 'not a problem',
            status: res.status,
            detail: `${req.path.slice(0, 120)} ${res.headers.get('content-type') ?? ''} ${snippet(text)}`,
          },
          req,
        );
      }
    } else if (req.method === 'POST' && res.status >= 200 && res.status < 300) {
      try {
        const body = JSON.parse(text) as
          { id?: unknown; service_request_id?: unknown }[] | { id?: unknown };
        const id = Array.isArray(body) ? body[0]?.service_request_id : body.id;
        if (typeof id === 'string' && id.startsWith('ord_') && !ids.includes(id)) {
          ids.push(id);
          report.acknowledged += 1;
        }
      } catch {
        /* an Open311 XML answer: the store check below still sees the order */
      }
    }
  };

  let next = 0;
  const deadline = started + options.seconds * 1000;
  const worker = async () => {
    while (next < options.requests && Date.now() < deadline) {
      const n = next++;
      await send(await hostileRequest(rand, n, ctx));
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  report.seconds = (Date.now() - started) / 1000;

  // Nothing half-written, as a reader sees it: every acknowledged order and its timeline read back,
  // and the lists page to the end (one stored order must not break a list).
  const admin = { authorization: 'Bearer demo-admin' };
  for (const id of ids) {
    for (const path of [`/v1/orders/${id}`, `/v1/orders/${id}/timeline`]) {
      const res = await fetch(`${base}${path}`, { headers: admin });
      if (res.status !== 200) {
        report.partial += 1;
        finding({
          kind: 'after',
          what: 'acknowledged order unreadable',
          status: res.status,
          detail: `${path} ${snippet(await res.text())}`,
        });
      }
    }
  }
  const stations = new Set<string>();
  let cursor = '';
  for (let page = 0; page < 10_000; page++) {
    const res = await fetch(`${base}/v1/orders?limit=100${cursor ? `&cursor=${cursor}` : ''}`, {
      headers: admin,
    });
    if (res.status !== 200) {
      report.partial += 1;
      finding({
        kind: 'after',
        what: 'order list broken',
        status: res.status,
        detail: snippet(await res.text()),
      });
      break;
    }
    const body = (await res.json()) as {
      items: { station?: { id: string } | null }[];
      nextCursor: string | null;
    };
    for (const v of body.items) if (v.station) stations.add(v.station.id);
    if (!body.nextCursor) break;
    cursor = body.nextCursor;
  }
  for (const station of stations) {
    const res = await fetch(`${base}/v1/stations/${station}/orders?limit=100`, {
      headers: { authorization: `Bearer demo-station-${station}` },
    });
    if (res.status !== 200) {
      report.partial += 1;
      finding({
        kind: 'after',
        what: 'station inbox broken',
        status: res.status,
        detail: `${station} ${snippet(await res.text())}`,
      });
    }
  }
  await gateway.close();

  // ...and as the store holds it.
  const db = new Database(join(dataDir, 'gateway.sqlite'), { readonly: true });
  const checks: [string, string][] = [
    [
      'order without events',
      'SELECT id FROM orders o WHERE NOT EXISTS (SELECT 1 FROM events e WHERE e.order_id = o.id)',
    ],
    [
      'version is not the last event',
      'SELECT o.id FROM orders o WHERE o.version != (SELECT MAX(seq) FROM events e WHERE e.order_id = o.id)',
    ],
    [
      'events not numbered 1..n',
      'SELECT order_id FROM events GROUP BY order_id HAVING COUNT(*) != MAX(seq) OR MIN(seq) != 1',
    ],
    [
      'events of no order',
      'SELECT DISTINCT order_id FROM events e WHERE NOT EXISTS (SELECT 1 FROM orders o WHERE o.id = e.order_id)',
    ],
    [
      'idempotency key of no order',
      'SELECT order_id FROM idempotency i WHERE NOT EXISTS (SELECT 1 FROM orders o WHERE o.id = i.order_id)',
    ],
    [
      'raw bytes of no order',
      'SELECT order_id FROM raw_requests r WHERE NOT EXISTS (SELECT 1 FROM orders o WHERE o.id = r.order_id)',
    ],
    [
      'order without its raw bytes',
      'SELECT id FROM orders o WHERE NOT EXISTS (SELECT 1 FROM raw_requests r WHERE r.order_id = o.id)',
    ],
  ];
  for (const [what, sql] of checks) {
    const rows = db.prepare<[], Record<string, string>>(sql).all();
    report.partial += rows.length;
    for (const row of rows.slice(0, 5))
      finding({ kind: 'store', what, detail: JSON.stringify(row) });
  }
  const stored = (db.prepare('SELECT COUNT(*) AS n FROM orders').get() as { n: number }).n;
  const missing = ids.filter((id) => !db.prepare('SELECT 1 FROM orders WHERE id = ?').get(id));
  report.partial += missing.length;
  for (const id of missing.slice(0, 5))
    finding({ kind: 'store', what: 'acknowledged order not stored', detail: id });
  db.close();
  rmSync(dataDir, { recursive: true, force: true });
  count('store', `orders=${stored}`);
  return report;
}
