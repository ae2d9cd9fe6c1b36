// A seeded generator of hostile requests for every intake route and format and the station actions:
// canonical JSON, cn-12345 JSON / form / XML / GBK bytes, Open311 forms, the signed edge hand-off, and
// order actions and list queries. Each request starts from a valid one (the bundled fixtures) and is
// bent one to three ways: wrong types, missing or extra fields, deep nesting, huge or odd text (lone
// surrogates, controls, bidi marks, __proto__ keys), broken syntax, mismatched charsets and media
// types, XML comment/CDATA/entity tricks, forged ids and cursors. Same seed, same requests.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { sign } from '../../src/webhooks/standard-webhooks.js';

export interface FuzzRequest {
  kind: string;
  method: 'GET' | 'POST';
  path: string;
  headers: Record<string, string>;
  body?: Uint8Array;
}

export type Rand = () => number;

/** mulberry32: small, fast, good enough to make the same hostile requests from the same seed. */
export function seeded(seed: number): Rand {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const root = new URL('../../', import.meta.url).pathname;
const fixtureDir = join(root, 'test/fixtures');
const canonical = readdirSync(join(fixtureDir, 'orders'))
  .filter((f) => f.endsWith('.json'))
  .map(
    (f) =>
      JSON.parse(readFileSync(join(fixtureDir, 'orders', f), 'utf8')) as Record<string, unknown>,
  );
const cnFiles = readdirSync(join(fixtureDir, 'inbound/cn-12345')).map((f) => ({
  name: f,
  bytes: new Uint8Array(readFileSync(join(fixtureDir, 'inbound/cn-12345', f))),
}));
const open311Forms = readdirSync(join(fixtureDir, 'inbound/open311')).map((f) =>
  readFileSync(join(fixtureDir, 'inbound/open311', f), 'utf8'),
);

const enc = new TextEncoder();
const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
const int = (r: Rand, lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));

const nasty = [
  '',
  ' ',
  '\u0000',
  '\ud800',
  '\udfff\ud800',
  '\u202e反转\u202c',
  '\u200b\u200d\ufeff',
  '<script>alert(1)</script>',
  '${jndi:ldap://x}',
  "'; DROP TABLE orders; --",
  '=cmd|" /C calc"!A0',
  '../../../../etc/passwd',
  '%00%ff%fe',
  'null',
  'undefined',
  '__proto__',
  'constructor',
  '13812345678',
  '110101199003071234',
  '網(wǎng)格员ｆｕｌｌ－ｗｉｄｔｈ１２３',
  '𠮷𡈽𪚥',
  '锟斤拷烫烫烫',
  'Ã¥Â¤Â©',
];

function hostileValue(r: Rand, depth = 0): unknown {
  switch (int(r, 0, 13)) {
    case 0:
      return pick(r, nasty);
    case 1:
      return pick(r, nasty).repeat(int(r, 1, 5000));
    case 2:
      return pick(r, [0, -1, 1e308, -1e308, 2 ** 53 + 1, 0.1, NaN, Infinity]);
    case 3:
      return pick(r, [true, false, null]);
    case 4:
      return depth > 3
        ? []
        : Array.from({ length: int(r, 0, 5) }, () => hostileValue(r, depth + 1));
    case 5:
      return depth > 3 ? {} : { [pick(r, nasty)]: hostileValue(r, depth + 1) };
    case 6:
      return nested(int(r, 10, 6000));
    case 7:
      return JSON.parse('{"__proto__":{"polluted":true},"constructor":{"prototype":{"x":1}}}');
    case 8:
      return new Date(int(r, -1e12, 4e12)).toISOString();
    case 9:
      return pick(r, [
        '2026-02-30T25:61:00+08:00',
        '9999-12-31T23:59:59Z',
        '0000-01-01',
        'yesterday',
      ]);
    case 10:
      return 'x'.repeat(int(r, 100_000, 400_000));
    case 11:
      return Object.fromEntries(Array.from({ length: int(r, 50, 3000) }, (_, i) => [`k${i}`, i]));
    case 12:
      return String.fromCharCode(
        ...Array.from({ length: int(r, 1, 200) }, () => int(r, 0, 0xffff)),
      );
    default:
      return pick(r, ['供电', '噪音', '110105019040', 'triage', 'dispatched', 'wrong_area']);
  }
}

function nested(depth: number): unknown {
  let v: unknown = 'bottom';
  for (let i = 0; i < depth; i++) v = i % 2 ? [v] : { a: v };
  return v;
}

/** Bends a JSON object 1–3 ways: a field set to something hostile, removed, or one added. */
function mutateObject(r: Rand, base: Record<string, unknown>): Record<string, unknown> {
  const o = structuredClone(base);
  for (let n = int(r, 1, 3); n > 0; n--) {
    const paths = leafPaths(o);
    const path = pick(r, paths.length > 0 ? paths : [['extra']]);
    const op = int(r, 0, 4);
    if (op === 0) deletePath(o, path);
    else if (op === 1)
      setPath(
        o,
        [pick(r, ['extra', 'location', 'caller', 'zz'] as const), pick(r, nasty) || 'k'],
        hostileValue(r),
      );
    else setPath(o, path, hostileValue(r));
  }
  return o;
}

function leafPaths(v: unknown, prefix: string[] = []): string[][] {
  if (v === null || typeof v !== 'object') return [prefix];
  const out: string[][] = prefix.length > 0 ? [prefix] : [];
  for (const [k, x] of Object.entries(v))
    if (prefix.length < 4) out.push(...leafPaths(x, [...prefix, k]));
  return out;
}
function setPath(o: Record<string, unknown>, path: string[], value: unknown): void {
  let cur: Record<string, unknown> = o;
  for (const k of path.slice(0, -1)) {
    const next = cur[k];
    if (next === null || typeof next !== 'object') {
      const made: Record<string, unknown> = {};
      Object.defineProperty(cur, k, {
        value: made,
        enumerable: true,
        writable: true,
        configurable: true,
      });
      cur = made;
    } else cur = next as Record<string, unknown>;
  }
  const last = path.at(-1) ?? 'x';
  Object.defineProperty(cur, last, { value, enumerable: true, writable: true, configurable: true });
}
function deletePath(o: Record<string, unknown>, path: string[]): void {
  let cur: unknown = o;
  for (const k of path.slice(0, -1)) cur = (cur as Record<string, unknown>)[k];
  if (cur && typeof cur === 'object') delete (cur as Record<string, unknown>)[path.at(-1) ?? ''];
}

/** Serialises, then sometimes breaks the bytes: truncation, junk, a BOM, invalid UTF-8. */
function jsonBytes(r: Rand, v: unknown): Uint8Array {
  return breakBytes(r, enc.encode(toJson(v)));
}
/** JSON.stringify, except that nesting too deep for this process's stack is written by hand. */
function toJson(v: unknown): string {
  try {
    return JSON.stringify(v) ?? 'null';
  } catch {
    return '{"deep":' + '['.repeat(6000) + ']'.repeat(6000) + '}';
  }
}
function breakBytes(r: Rand, bytes: Uint8Array): Uint8Array {
  switch (int(r, 0, 9)) {
    case 0:
      return bytes.subarray(0, int(r, 0, bytes.length));
    case 1: {
      const copy = new Uint8Array(bytes);
      for (let i = int(r, 1, 20); i > 0 && copy.length > 0; i--)
        copy[int(r, 0, copy.length - 1)] = int(r, 0, 255);
      return copy;
    }
    case 2:
      return new Uint8Array([0xef, 0xbb, 0xbf, ...bytes]);
    case 3:
      return new Uint8Array([0xff, 0xfe, ...bytes]);
    default:
      return bytes;
  }
}

const jsonTypes = [
  'application/json',
  'application/json; charset=utf-8',
  'application/json; charset=GBK',
  'application/json; charset=x-unknown',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/json; charset="utf-8"; foo=bar',
  'application/merge-patch+json',
  '',
];

function canonicalRequest(r: Rand, n: number): FuzzRequest {
  const base: Record<string, unknown> = { ...pick(r, canonical), externalId: `FUZZ-C-${n}` };
  const body = r() < 0.15 ? base : mutateObject(r, base);
  const source = typeof base.source === 'string' ? base.source : 'bj-12345';
  const headers: Record<string, string> = {
    authorization: `Bearer demo-source-${source}`,
    'content-type': r() < 0.8 ? 'application/json' : pick(r, jsonTypes),
  };
  if (r() < 0.4)
    headers['idempotency-key'] = pick(r, ['k', 'x'.repeat(300), `fuzz-${int(r, 0, 50)}`, 'é', '']);
  return {
    kind: 'canonical-json',
    method: 'POST',
    path: '/v1/orders',
    headers,
    body: jsonBytes(r, body),
  };
}

const cnJsonBase = JSON.parse(
  new TextDecoder().decode(cnFiles.find((f) => f.name.includes('traditional.json'))?.bytes),
) as Record<string, unknown>;

function cnJsonRequest(r: Rand, n: number): FuzzRequest {
  const base = { ...cnJsonBase, 工單編號: `FUZZ-CN-${n}` };
  return {
    kind: 'cn-12345-json',
    method: 'POST',
    path: '/v1/intake/cn-12345',
    headers: {
      authorization: 'Bearer demo-source-bj-12345',
      'content-type': r() < 0.8 ? 'application/json' : pick(r, jsonTypes),
    },
    body: jsonBytes(r, r() < 0.15 ? base : mutateObject(r, base)),
  };
}

function cnFileRequest(r: Rand, n: number): FuzzRequest {
  const f = pick(
    r,
    cnFiles.filter((x) => !x.name.endsWith('.json')),
  );
  const isXml = f.name.endsWith('.xml');
  const charset = f.name.includes('gb18030') ? 'GB18030' : f.name.includes('gbk') ? 'GBK' : 'UTF-8';
  // A fresh external id (ASCII, so any charset keeps it), so new orders get written.
  const text = Buffer.from(f.bytes).toString('latin1');
  let bytes: Uint8Array = new Uint8Array(
    Buffer.from(text.replace(/(CS|BJ|SH|GD)\d{8,}/, `FUZZ${n}`), 'latin1'),
  );
  if (r() < 0.7) bytes = breakBytes(r, bytes);
  const type = isXml
    ? pick(r, [
        `application/xml; charset=${charset}`,
        'text/xml',
        'application/xml; charset=UTF-16',
        'application/json',
      ])
    : pick(r, [
        `application/x-www-form-urlencoded; charset=${charset}`,
        'application/x-www-form-urlencoded',
        'application/x-www-form-urlencoded; charset=big5',
      ]);
  return {
    kind: isXml ? 'cn-12345-xml-file' : 'cn-12345-form',
    method: 'POST',
    path: '/v1/intake/cn-12345',
    headers: { authorization: 'Bearer demo-source-bj-12345', 'content-type': type },
    body: bytes,
  };
}

const xmlNames = [
  '工单',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'a:b',
  'x'.repeat(2000),
  '标题',
];
function xmlRequest(r: Rand, n: number): FuzzRequest {
  const title = pick(r, nasty).replace(/[<&]/g, '') || '路灯不亮';
  const fields = `<工单编号>FUZZ-X-${n}</工单编号><工单类型>求助</工单类型><问题分类>市政>路灯</问题分类><标题>${title}</标题><主要内容>小区门口路灯不亮已经三天</主要内容><来电人>李女士</来电人><来电号码>13700137000</来电号码><来电时间>2026-11-20 19:30</来电时间><被反映区>朝阳区</被反映区><被反映街乡镇>垡头街道</被反映街乡镇>`;
  const depth = int(r, 1, 400);
  const opener = (i: number) =>
    pick(r, [
      `<d${i % 7}>`,
      `<!-- </d${i % 7}> -->`,
      `<![CDATA[</d>]]>`,
      `<?pi </d> ?>`,
      `<${pick(r, xmlNames)}>`,
    ]);
  let inner = '';
  for (let i = 0; i < depth; i++) inner += opener(i);
  const variants = [
    `<?xml version="1.0"?><工单列表><工单>${fields}${inner}</工单></工单列表>`,
    `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "${'A'.repeat(100)}"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]><工单列表><工单>${fields}<标题>&b;&b;&b;</标题></工单></工单列表>`,
    `<?xml version="1.0"?><!DOCTYPE x SYSTEM "file:///etc/passwd"><工单>${fields}</工单>`,
    `<工单列表><工单>${fields}<${pick(r, xmlNames)}>1</${pick(r, xmlNames)}></工单></工单列表>`,
    `<工单列表>${'<工单>'.repeat(int(r, 2, 50))}${fields}</工单列表>`,
    `<?xml version="1.0" encoding="GBK"?><工单列表><工单 ${'a="1" '.repeat(int(r, 1, 3000))}>${fields}</工单></工单列表>`,
    `<工单列表><工单>${fields}${'<附件>x</附件>'.repeat(int(r, 1, 5000))}</工单></工单列表>`,
    `<工单列表><工单>${fields}<标题>${'&#x' + int(r, 0, 0x10ffff + 5).toString(16) + ';'}</标题></工单></工单列表>`,
  ];
  return {
    kind: 'cn-12345-xml',
    method: 'POST',
    path: '/v1/intake/cn-12345',
    headers: {
      authorization: 'Bearer demo-source-bj-12345',
      'content-type': 'application/xml; charset=UTF-8',
    },
    body: breakBytes(r, enc.encode(pick(r, variants))),
  };
}

function open311Request(r: Rand): FuzzRequest {
  const params = new URLSearchParams(pick(r, open311Forms));
  for (let k = int(r, 0, 3); k > 0; k--) {
    const op = int(r, 0, 3);
    const keys = [...params.keys()];
    if (op === 0 && keys.length > 0) params.delete(pick(r, keys));
    else {
      const key =
        op === 1
          ? pick(r, keys.length > 0 ? keys : ['description'])
          : pick(r, [
              'lat',
              'long',
              'service_code',
              'attribute[x]',
              'attribute[]',
              'media_url',
              'jurisdiction_id',
              'device_id',
              '__proto__',
              'address_id',
              'email',
            ]);
      const v = hostileValue(r);
      params.set(key, typeof v === 'string' ? v : toJson(v));
    }
  }
  return {
    kind: 'open311-form',
    method: 'POST',
    path: pick(r, [
      '/open311/v2/requests.json',
      '/open311/v2/requests.xml',
      '/open311/v2/requests.csv',
    ]),
    headers: {
      'content-type': pick(r, [
        'application/x-www-form-urlencoded',
        'application/x-www-form-urlencoded; charset=GBK',
        'application/json',
        'text/plain',
      ]),
    },
    body: breakBytes(r, enc.encode(params.toString())),
  };
}

async function edgeRequest(r: Rand, n: number, key: CryptoKey | undefined): Promise<FuzzRequest> {
  const submission = { ...pick(r, canonical), externalId: `FUZZ-E-${n}` } as Record<
    string,
    unknown
  >;
  delete submission.source;
  const raw = enc.encode(JSON.stringify(submission));
  const handoff = {
    adapter: pick(r, ['canonical', 'cn-12345']),
    contentType: 'application/json',
    submission,
    quality: [],
    raw: Buffer.from(raw).toString('base64'),
  };
  // Base64 the edge would never write: lengths atob cannot decode, padding in the middle.
  if (r() < 0.15) handoff.raw = pick(r, ['undefined', 'A', 'AAAAA', '=', 'AA=A', 'AAA==', '====']);
  const body = jsonBytes(r, r() < 0.2 ? handoff : mutateObject(r, handoff));
  const id = `msg_fuzz_${n}`;
  const ts = Math.floor(Date.now() / 1000) + pick(r, [0, 0, 0, -10_000, 10_000]);
  const signature =
    key && r() < 0.85
      ? await sign(key, id, ts, body)
      : pick(r, ['v1,AAAA', 'v2,x', '', 'v1,' + 'A'.repeat(5000)]);
  return {
    kind: 'edge-handoff',
    method: 'POST',
    path: '/v1/intake/edge',
    headers: {
      authorization: 'Bearer demo-source-bj-12345',
      'content-type': 'application/json',
      'webhook-id': id,
      'webhook-timestamp': String(ts),
      'webhook-signature': signature,
    },
    body,
  };
}

const actions = [
  'accept',
  'contact',
  'start',
  'resolve',
  'return',
  'extension-requests',
  'pause',
  'resume',
  'callback',
  'reopen',
  'dispatch',
  'extension-decision',
];
const actionBodies: Record<string, Record<string, unknown>> = {
  accept: {},
  contact: { note: '已电话联系' },
  start: {},
  resolve: { result: '已处理', reply: '已处理完毕' },
  return: { reason: 'wrong_area', note: '不属本社区' },
  'extension-requests': { reason: '需协调', requestedDueAt: '2026-12-30T18:00:00+08:00' },
  pause: { reason: '等待诉求人' },
  resume: {},
  callback: { valid: true, contacted: true, solved: true, satisfaction: 'satisfied' },
  reopen: { reason: '未解决' },
  dispatch: { stationId: 'cuicheng-yiyuan-grid' },
  'extension-decision': { approved: true },
};
const callers = [
  'demo-station-cuicheng-yiyuan-grid',
  'demo-station-shaoguang-grid',
  'demo-admin',
  'demo-source-bj-12345',
  'demo-auditor',
  'nobody',
  '',
];

function actionRequest(r: Rand, ids: readonly string[]): FuzzRequest {
  const action = pick(r, actions);
  const id =
    ids.length > 0 && r() < 0.8
      ? pick(r, ids)
      : pick(r, ['ord_x', '..%2F..%2Fetc', '%00', 'ord_' + 'z'.repeat(3000), '%E4%BD%A0']);
  const body: Record<string, unknown> = {
    ...actionBodies[action],
    ...(r() < 0.5 ? { expectedVersion: pick(r, [1, 2, 3, 0, -1, 1e20, '2', null]) } : {}),
  };
  const key = pick(r, callers);
  return {
    kind: 'station-action',
    method: 'POST',
    path: `/v1/orders/${id}/${action}`,
    headers: {
      ...(key ? { authorization: `Bearer ${key}` } : {}),
      'content-type': r() < 0.9 ? 'application/json' : pick(r, jsonTypes),
    },
    body: jsonBytes(r, r() < 0.3 ? body : mutateObject(r, body)),
  };
}

function readRequest(r: Rand, ids: readonly string[]): FuzzRequest {
  // Percent-encoded byte by byte: lone surrogates go out as the bytes a sloppy client would send.
  const q = () =>
    [
      ...Buffer.from(
        pick(r, [...nasty, '-1', '0', '101', '1e9', 'AAAA', 'eyJuIjotMX0', 'dispatched,triage']),
      ),
    ]
      .map((b) => `%${b.toString(16).padStart(2, '0')}`)
      .join('');
  const path = pick(r, [
    `/v1/orders?limit=${q()}&cursor=${q()}&state=${q()}`,
    `/v1/stations/${pick(r, ['cuicheng-yiyuan-grid', 'x', '%2e%2e'])}/orders?state=${q()}&wait=${pick(r, ['0', '-1', '31', 'abc'])}&cursor=${q()}`,
    `/v1/orders/${ids.length > 0 ? pick(r, ids) : 'ord_x'}/timeline`,
    `/v1/metrics/figures?period=${q()}&district=${q()}`,
    `/open311/v2/requests.json?service_request_id=${q()}&api_key=demo-source-bj-12345`,
    `/v1/deliveries?status=${q()}&cursor=${q()}`,
  ]);
  const key = pick(r, callers);
  return {
    kind: 'read',
    method: 'GET',
    path,
    headers: key ? { authorization: `Bearer ${key}` } : {},
  };
}

export interface GeneratorContext {
  /** Ids of orders the gateway acknowledged so far (actions aim at real orders). */
  ids: readonly string[];
  /** The key behind EDGE_HANDOFF_SECRET, so most hand-offs are validly signed. */
  handoffKey?: CryptoKey;
}

/** The n-th request of the run: a mix over every route and format. */
export async function hostileRequest(
  r: Rand,
  n: number,
  ctx: GeneratorContext,
): Promise<FuzzRequest> {
  const roll = r();
  if (roll < 0.2) return canonicalRequest(r, n);
  if (roll < 0.32) return cnJsonRequest(r, n);
  if (roll < 0.44) return cnFileRequest(r, n);
  if (roll < 0.56) return xmlRequest(r, n);
  if (roll < 0.66) return open311Request(r);
  if (roll < 0.76) return edgeRequest(r, n, ctx.handoffKey);
  if (roll < 0.92) return actionRequest(r, ctx.ids);
  return readRequest(r, ctx.ids);
}
