// Hostile input at every intake route: a clear RFC 9457 problem every time, never a 500, never a
// stored partial order. The named attacks first, then 10,000 generated payloads (fast-check).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Problem } from '../../contracts/problem.js';
import { OrderView } from '../../contracts/views.js';
import { encodeGbk } from '../../src/domain/text/gbk-codec.js';
import { keys } from '../support/test-gateway.js';
import { createIntakeGateway, inboundFixture, postBytes, type Gateway } from '../support/intake.js';

const cn = '/v1/intake/cn-12345';

async function problem(res: Response, status: number, code: string) {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toContain('application/problem+json');
  const p = Problem.parse(await res.json());
  expect(p.code).toBe(code);
  return p;
}

/** Open311 answers errors as GeoReport v2 does: a list of {code, description}, in JSON or XML. */
async function expectOpen311Errors(res: Response) {
  const type = res.headers.get('content-type') ?? '';
  const text = await res.text();
  if (type.includes('xml')) expect(text).toMatch(/<errors>\s*<error>\s*<code>\d{3}<\/code>/);
  else {
    const errors = JSON.parse(text) as unknown[];
    expect(errors.length).toBeGreaterThan(0);
    for (const e of errors)
      expect(e).toEqual({ code: res.status, description: expect.any(String) as unknown });
  }
}

async function allOrders(gw: Gateway): Promise<OrderView[]> {
  const out: OrderView[] = [];
  let cursor: string | undefined;
  for (;;) {
    const page = await gw.store.list({ limit: 500, cursor });
    out.push(...page.items);
    if (!page.nextCursor) return out;
    cursor = page.nextCursor;
  }
}

const billionLaughs = `<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<工单><工单编号>&lol3;</工单编号></工单>`;
const xxe = `<?xml version="1.0"?>
<!DOCTYPE foo [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<工单><工单编号>X</工单编号><主要内容>&xxe;</主要内容></工单>`;

describe('named attacks and mistakes', () => {
  it.each([
    ['billion laughs', billionLaughs],
    ['an external entity (XXE)', xxe],
  ])('refuses %s before parsing, and stores nothing', async (_name, body) => {
    const gw = await createIntakeGateway();
    const p = await problem(
      await postBytes(gw, cn, keys.source, body, 'application/xml'),
      400,
      'xml_dtd_forbidden',
    );
    expect(p.detail).not.toContain('root:');
    expect(await allOrders(gw)).toEqual([]);
  });

  it('refuses XML nested deeper than any work order needs', async () => {
    const gw = await createIntakeGateway();
    await problem(
      await postBytes(
        gw,
        cn,
        keys.source,
        `${'<a>'.repeat(5000)}x${'</a>'.repeat(5000)}`,
        'application/xml',
      ),
      400,
      'xml_too_deep',
    );
  });

  const order = (inner: string) =>
    `<工单><工单编号>XML-1</工单编号><工单类型>投诉</工单类型><问题分类>噪音</问题分类><标题>噪音扰民</标题><主要内容>发电车整夜运转</主要内容><来电时间>2025/7/28 23:10</来电时间><被反映区>朝阳区</被反映区><小区点位>翠城艺园321楼北侧</小区点位>${inner}</工单>`;
  // A closing tag inside a comment, CDATA or processing instruction closes nothing: the parser counts.
  const hiders = [
    ['a comment', '<!--</a>-->'],
    ['CDATA', '<![CDATA[</a>]]>'],
    ['a processing instruction', '<?pi </a>?>'],
  ] as const;
  it.each(hiders.flatMap(([name, hide]) => [60, 200].map((d) => [name, d, hide] as const)))(
    'counts nesting in the parser: closing tags inside %s do not cancel depth %i',
    async (_name, depth, hide) => {
      const gw = await createIntakeGateway();
      const deep = `${`<a>${hide}`.repeat(depth)}x${'</a>'.repeat(depth)}`;
      await problem(
        await postBytes(gw, cn, keys.source, order(deep), 'application/xml'),
        400,
        'xml_too_deep',
      );
      expect(await allOrders(gw)).toEqual([]);
    },
  );

  it.each(['__proto__', 'constructor', 'prototype'])(
    'takes an element named %s as a harmless unmapped field',
    async (name) => {
      const gw = await createIntakeGateway();
      const res = await postBytes(
        gw,
        cn,
        keys.source,
        order(`<${name}><polluted>yes</polluted></${name}>`),
        'application/xml',
      );
      expect(res.status).toBe(202);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      const { id } = (await res.json()) as { id: string };
      const view = OrderView.parse(
        await (await gw.call('GET', `/v1/orders/${id}`, keys.admin)).json(),
      );
      expect(Object.getPrototypeOf(view.order.extra)).toBe(Object.prototype);
      expect(JSON.stringify(view.order.extra)).toContain('polluted');
    },
  );

  it.each([
    ['an unclosed element', order('<a>')],
    ['a stray closing tag', order('</b>')],
    ['two roots', `${order('')}<x/>`],
    ['a reserved name', order('<#text>1</#text>')],
    ['an attribute without a value', order('<a b>1</a>')],
    ['nothing but a declaration', '<?xml version="1.0"?>'],
    ['an unterminated comment', order('<!-- x')],
    ['an unterminated CDATA', order('<![CDATA[ x')],
  ])('answers XML with %s with a 400 problem', async (_name, body) => {
    const gw = await createIntakeGateway();
    const res = await postBytes(gw, cn, keys.source, body, 'application/xml');
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(await allOrders(gw)).toEqual([]);
  });

  it('refuses a 10 MB payload with 413 whether or not it declares its length', async () => {
    const gw = await createIntakeGateway(
      {},
      { limits: { bodyBytes: 1024 * 1024, longPollSeconds: 30 } },
    );
    const big = new Uint8Array(10 * 1024 * 1024).fill(0x41);
    for (const path of ['/v1/orders', cn])
      await problem(
        await postBytes(gw, path, keys.source, big, 'application/json'),
        413,
        'body_too_large',
      );
    const open311 = await postBytes(
      gw,
      '/open311/v2/requests.json',
      undefined,
      big,
      'application/x-www-form-urlencoded',
    );
    expect(open311.status).toBe(413);
    await expectOpen311Errors(open311);
    expect(await allOrders(gw)).toEqual([]);
  });

  it('refuses a body cut off in the middle of a character', async () => {
    const gw = await createIntakeGateway();
    const whole = new TextEncoder().encode('{"工单编号":"T1","标题":"停电');
    await problem(
      await postBytes(gw, cn, keys.source, whole.subarray(0, whole.length - 1), 'application/json'),
      400,
      'truncated_body',
    );
    const fixture = inboundFixture('cn-12345', '03-dongcheng-dialysis.traditional.json');
    // Cut between characters, the JSON itself is what is broken.
    let cut = 200;
    while ((fixture[cut - 1] ?? 0) >= 0x80) cut--;
    await problem(
      await postBytes(gw, cn, keys.source, fixture.subarray(0, cut), 'application/json'),
      400,
      'malformed_json',
    );
  });

  it.each([
    ['an unknown charset', 'application/json; charset=klingon', 415, 'unsupported_charset'],
    ['UTF-16', 'application/json; charset=utf-16', 415, 'unsupported_charset'],
    ['an unknown media type', 'text/csv', 415, 'unsupported_media_type'],
    ['no content type at all', '', 415, 'unsupported_media_type'],
  ])('refuses %s', async (_name, type, status, code) => {
    const gw = await createIntakeGateway();
    await problem(await postBytes(gw, cn, keys.source, '{}', type), status, code);
  });

  it('refuses bytes that are neither UTF-8 nor GB18030', async () => {
    const gw = await createIntakeGateway();
    await problem(
      await postBytes(
        gw,
        cn,
        keys.source,
        new Uint8Array([0x7b, 0xff, 0xff, 0xff, 0x7d]),
        'application/json',
      ),
      400,
      'invalid_encoding',
    );
  });

  it('names fields of the wrong type', async () => {
    const gw = await createIntakeGateway();
    const p = await problem(
      await postBytes(
        gw,
        cn,
        keys.source,
        JSON.stringify({
          工单编号: { id: 1 },
          工单类型: '求助',
          问题分类: 7,
          标题: ['a', 'b'],
          主要内容: true,
          小区点位: '翠城艺园',
          来电时间: '2025-07-27 04:30',
        }),
        'application/json',
      ),
      400,
      'validation_failed',
    );
    expect(p.errors?.map((e) => e.path).sort()).toEqual(
      ['主要内容', '问题分类', '工单编号', '标题'].sort(),
    );
  });

  it('answers an unknown adapter with a 404 problem', async () => {
    const gw = await createIntakeGateway();
    await problem(
      await postBytes(gw, '/v1/intake/acme-crm', keys.source, '{}', 'application/json'),
      404,
      'route_not_found',
    );
  });
});

// --- 10,000 generated payloads -------------------------------------------------------------------

const cnKeys = [
  '工单编号',
  '工單編號',
  '工单类型',
  '工單類型',
  '问题分类',
  '標題',
  '标题',
  '主要内容',
  '主要內容',
  '来电人',
  '来电号码',
  '来电时间',
  '被反映区',
  '被反映街乡镇',
  '村/社区',
  '村社区',
  '小区点位',
  '紧急程度',
  '附件',
  '经度',
  '纬度',
  '__proto__',
  'constructor',
  '',
];
const nasty = fc.constantFrom(
  '',
  ' ',
  '?',
  '??',
  '\ufffd',
  '網(wǎng)',
  '鍗庨緳鑻?',
  '<p>x</p>',
  '&#0;',
  '&#x110000;',
  '\u0000',
  '\u202e',
  '𠀀',
  '乾隆',
  '2025-07-27 04:30',
  '2025年7月27日',
  'NaN',
  '1e309',
  '-1',
  '110105019040',
  '求助',
  '特急',
  '供电>停电',
  'https://example.cn/a.jpg',
  'javascript:alert(1)',
  '%',
  '%zz',
  '+',
  '&',
  '=',
);
const text = fc.oneof(
  nasty,
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
);
const value: fc.Arbitrary<unknown> = fc.oneof(
  text,
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(text, { maxLength: 3 }),
  fc.dictionary(text, text, { maxKeys: 2 }),
);
const cnRecord = fc.dictionary(
  fc.oneof(fc.constantFrom(...cnKeys), fc.string({ maxLength: 8 })),
  value,
  { maxKeys: 16 },
);

/** Mostly the good value, sometimes a hostile one: a believable order with a few fields broken. */
const mostly = <T>(good: fc.Arbitrary<T>) =>
  fc.oneof({ arbitrary: good, weight: 6 }, { arbitrary: value, weight: 1 });
const nearlyValid = fc.record({
  工单编号: mostly(fc.stringMatching(/^[A-Z]{2}\d{10}$/)),
  工单类型: mostly(fc.constantFrom('求助', '投诉', '咨询', '表扬', '緊急')),
  问题分类: mostly(fc.constantFrom('供电>停电', '噪音', '房屋/漏水')),
  标题: mostly(fc.constantFrom('停电', '網(wǎng)格', '鍗庨緳鑻?', '<b>吵</b>')),
  主要内容: mostly(
    fc.constantFrom('楼里停电了', '請社區(qū)協(xié)調(diào)', '污水??到客厅', 'ＡＢ座３２１'),
  ),
  小区点位: mostly(fc.constantFrom('翠城艺园321楼', '韶光社区5栋', '钟库胡同1号院')),
  来电时间: mostly(
    fc.constantFrom('2025-07-27 04:30', '2025/7/27 4:30:05', '2025-07-27T04:30:00+08:00'),
  ),
});
const nearlyCanonical = fc.record({
  externalId: mostly(fc.stringMatching(/^[A-Z]{2}\d{10}$/)),
  type: mostly(fc.constantFrom('help', 'complaint', 'report')),
  topic: mostly(fc.constant(['供电', '停电'])),
  title: mostly(fc.constantFrom('停电', '網(wǎng)格')),
  content: mostly(fc.constantFrom('楼里停电了', '请尽快??理')),
  location: mostly(fc.constantFrom({ address: '翠城艺园321楼' }, { divisionCode: '430102017003' })),
  receivedAt: mostly(fc.constant('2025-07-27T04:30:00+08:00')),
});

const str = (v: unknown): string => (typeof v === 'string' ? v : (JSON.stringify(v) ?? ''));
const xmlOf = (o: Record<string, unknown>) =>
  `<工单>${Object.entries(o)
    .map(([k, v]) => `<${k}>${str(v)}</${k}>`)
    .join('')}</工单>`;
const formOf = (o: Record<string, unknown>) =>
  Object.entries(o)
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(str(v))}`)
    .join('&');
const gbk = (s: string): Uint8Array => encodeGbk(s) ?? new TextEncoder().encode(s);

const contentTypes = fc.constantFrom(
  'application/json',
  'application/json; charset=gbk',
  'application/json; charset=GB18030',
  'application/json; charset=utf-8',
  'application/x-www-form-urlencoded',
  'application/x-www-form-urlencoded; charset=gbk',
  'application/xml',
  'text/xml; charset=gbk',
  'application/problem+json',
  'text/plain',
  'application/json; charset=klingon',
  '',
  'multipart/form-data; boundary=x',
);

const payload = fc.oneof(
  fc.record({ kind: fc.constant('bytes'), body: fc.uint8Array({ maxLength: 600 }) }),
  fc.record({
    kind: fc.constant('json'),
    body: fc
      .oneof(cnRecord, nearlyValid, nearlyCanonical, fc.jsonValue({ maxDepth: 3 }))
      .map((v) => new TextEncoder().encode(JSON.stringify(v) ?? '')),
  }),
  fc.record({
    kind: fc.constant('gbk-json'),
    body: fc.oneof(cnRecord, nearlyValid).map((v) => gbk(JSON.stringify(v))),
  }),
  fc.record({
    kind: fc.constant('form'),
    body: fc.oneof(cnRecord, nearlyValid).map((v) => new TextEncoder().encode(formOf(v))),
  }),
  fc.record({
    kind: fc.constant('xml'),
    body: fc.oneof(cnRecord, nearlyValid).map((v) => new TextEncoder().encode(xmlOf(v))),
  }),
  fc.record({
    kind: fc.constant('truncated'),
    body: fc
      .tuple(
        fc.constantFrom(
          ...[
            '01-chaoyang-power-outage.gbk.form',
            '02-chaoyang-generator-noise.gb18030.xml',
            '03-dongcheng-dialysis.traditional.json',
            '06-changping-access-control.mojibake.json',
          ].map((f) => inboundFixture('cn-12345', f)),
        ),
        fc.nat(),
      )
      .map(([b, n]) => b.subarray(0, n % (b.length + 1))),
  }),
  fc.record({
    kind: fc.constant('open311'),
    body: fc
      .record(
        {
          api_key: fc.constantFrom(keys.otherSource, keys.otherSource, 'nope', ''),
          service_code: mostly(fc.constantFrom('noise', 'streetlight', 'x')),
          lat: mostly(fc.constant('31.3')),
          long: mostly(fc.constant('121.5')),
          address_string: text,
          description: text,
          first_name: text,
          phone: text,
          media_url: text,
        },
        { requiredKeys: ['api_key'] },
      )
      .map((v) => new TextEncoder().encode(formOf(v))),
  }),
);

const routes = fc.constantFrom(
  '/v1/orders',
  cn,
  '/open311/v2/requests.json',
  '/open311/v2/requests.xml',
);

describe('10,000 generated hostile payloads', () => {
  it('never get a 5xx, always get a problem for an error, and never leave a partial order', async () => {
    const gw = await createIntakeGateway();
    const created = new Set<string>();
    let runs = 0;
    await fc.assert(
      fc.asyncProperty(
        routes,
        payload,
        contentTypes,
        fc.boolean(),
        async (path, p, type, withKey) => {
          runs++;
          const key = path.startsWith('/open311')
            ? withKey
              ? keys.otherSource
              : undefined
            : keys.source;
          const res = await postBytes(gw, path, key, p.body, type);
          if (res.status >= 500)
            throw new Error(`${res.status} for ${p.kind} ${type} at ${path}: ${await res.text()}`);
          if (res.status >= 400) {
            if (path.startsWith('/open311')) return expectOpen311Errors(res);
            expect(res.headers.get('content-type')).toContain('application/problem+json');
            const problem = Problem.parse(await res.json());
            expect(problem.status).toBe(res.status);
            return;
          }
          expect([200, 201, 202]).toContain(res.status);
          const text = await res.text();
          const id = /"(?:id|service_request_id)":"([^"]+)"|<service_request_id>([^<]+)</.exec(
            text,
          );
          const orderId = id?.[1] ?? id?.[2];
          if (!orderId) throw new Error(`no id in ${text}`);
          created.add(orderId);
        },
      ),
      { numRuns: 10_000, seed: 20260302 },
    );
    expect(runs).toBeGreaterThanOrEqual(10_000);
    // Enough payloads passed to exercise storage too, not only the refusals.
    expect(created.size).toBeGreaterThan(50);
    // Every stored order is whole (passes the contract, has its raw bytes) and was acknowledged.
    const stored = await allOrders(gw);
    expect(stored.map((v) => v.id).sort()).toEqual([...created].sort());
    for (const v of stored) {
      OrderView.parse(v);
      expect((await gw.store.raw(v.id)).length).toBe(1);
    }
  }, 120_000);
});
