// Path and query parameters are read through the schema each route declares: a malformed id,
// stationId or query value is a 400 problem naming the parameter (path.<name> / query.<name>) and the
// reason, in Chinese for a caller who prefers it, and the OpenAPI document refuses the same value.
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { Problem } from '../../contracts/problem.js';
import { createTestGateway, keys } from '../support/test-gateway.js';

const zh = { 'accept-language': 'zh-CN,zh;q=0.9,en;q=0.5' };
const station = 'cuicheng-yiyuan-grid';
const tooLongId = 'ord_' + 'x'.repeat(61);

interface Case {
  /** The route as the OpenAPI document names it. */
  route: string;
  method: 'get' | 'post' | 'patch' | 'delete';
  /** The request with the malformed value, and the same request with a well-formed one. */
  bad: string;
  good: string;
  key: string;
  body?: unknown;
  /** Where the value goes, its name and the value itself (undecoded). */
  param: { in: 'path' | 'query'; name: string; value: string };
  /** What the well-formed request answers: it reaches the route. */
  goodStatus: number;
}

const orderId = (route: string, method: Case['method'], key: string, body?: unknown): Case => ({
  route,
  method,
  bad: route.replace('{id}', tooLongId),
  good: route.replace('{id}', 'ord_nosuchorder'),
  key,
  body,
  param: { in: 'path', name: 'id', value: tooLongId },
  goodStatus: 404,
});

const cases: Case[] = [
  orderId('/v1/orders/{id}', 'get', keys.admin),
  orderId('/v1/orders/{id}/timeline', 'get', keys.auditor),
  orderId('/v1/orders/{id}/raw', 'get', keys.admin),
  orderId('/v1/orders/{id}/link-duplicate', 'post', keys.admin, {
    leadId: 'ord_lead',
    note: '同一来电人同一诉求',
  }),
  orderId('/v1/orders/{id}/unlink-duplicate', 'post', keys.admin, { note: '不是同一诉求' }),
  // Every order action shares define-action.ts; one stands for them.
  orderId('/v1/orders/{id}/accept', 'post', keys.station(station), {}),
  {
    route: '/v1/stations/{stationId}/orders',
    method: 'get',
    bad: '/v1/stations/Cuicheng_Yiyuan/orders',
    good: `/v1/stations/${station}/orders`,
    key: keys.admin,
    param: { in: 'path', name: 'stationId', value: 'Cuicheng_Yiyuan' },
    goodStatus: 200,
  },
  {
    route: '/v1/stations/{stationId}/orders',
    method: 'get',
    bad: `/v1/stations/${station}/orders?wait=99`,
    good: `/v1/stations/${station}/orders?wait=0`,
    key: keys.station(station),
    param: { in: 'query', name: 'wait', value: '99' },
    goodStatus: 200,
  },
  {
    route: '/v1/stations/{stationId}/returns',
    method: 'get',
    bad: '/v1/stations/Cuicheng_Yiyuan/returns',
    good: `/v1/stations/${station}/returns`,
    key: keys.admin,
    param: { in: 'path', name: 'stationId', value: 'Cuicheng_Yiyuan' },
    goodStatus: 200,
  },
  {
    route: '/v1/admin/accounts/{id}',
    method: 'patch',
    bad: '/v1/admin/accounts/Not%20An%20Account',
    good: '/v1/admin/accounts/no-such-account',
    key: keys.admin,
    body: { disabled: true },
    param: { in: 'path', name: 'id', value: 'Not An Account' },
    goodStatus: 404,
  },
  {
    route: '/v1/admin/accounts/{id}/reset-password',
    method: 'post',
    bad: '/v1/admin/accounts/Not%20An%20Account/reset-password',
    good: '/v1/admin/accounts/no-such-account/reset-password',
    key: keys.admin,
    body: {},
    param: { in: 'path', name: 'id', value: 'Not An Account' },
    goodStatus: 404,
  },
  {
    route: '/v1/orders',
    method: 'get',
    bad: '/v1/orders?station=Cuicheng_Yiyuan',
    good: `/v1/orders?station=${station}`,
    key: keys.admin,
    param: { in: 'query', name: 'station', value: 'Cuicheng_Yiyuan' },
    goodStatus: 200,
  },
  // Webhook ids are as src/webhooks/outbound/secret.ts mints them ("sub_"/"msg_" + 20 base32).
  {
    route: '/v1/subscriptions/{id}',
    method: 'delete',
    bad: '/v1/subscriptions/sub_ABC',
    good: '/v1/subscriptions/sub_0123456789abcdefghjk',
    key: keys.source,
    param: { in: 'path', name: 'id', value: 'sub_ABC' },
    goodStatus: 404,
  },
  {
    // A subscription's id where a delivery's belongs.
    route: '/v1/deliveries/{id}/replay',
    method: 'post',
    bad: '/v1/deliveries/sub_0123456789abcdefghjk/replay',
    good: '/v1/deliveries/msg_0123456789abcdefghjk/replay',
    key: keys.source,
    body: {},
    param: { in: 'path', name: 'id', value: 'sub_0123456789abcdefghjk' },
    goodStatus: 404,
  },
];

/** Open311 paths end in the format ({id}.json, {code}.xml); its errors are GeoReport's list. */
interface Open311Case {
  route: string;
  bad: string;
  good: string;
  key?: string;
  param: { in: 'path' | 'query'; name: string; value: string };
  goodStatus: number;
}

const open311Cases: Open311Case[] = [
  {
    route: '/open311/v2/requests/{id}.json',
    bad: `/open311/v2/requests/${tooLongId}.json`,
    good: '/open311/v2/requests/ord_nosuchorder.json',
    key: keys.source,
    param: { in: 'path', name: 'id', value: tooLongId },
    goodStatus: 404,
  },
  {
    route: '/open311/v2/requests/{id}.xml',
    bad: `/open311/v2/requests/${tooLongId}.xml`,
    good: '/open311/v2/requests/ord_nosuchorder.xml',
    key: keys.source,
    param: { in: 'path', name: 'id', value: tooLongId },
    goodStatus: 404,
  },
  {
    route: '/open311/v2/services/{code}.json',
    bad: '/open311/v2/services/street%20light.json',
    good: '/open311/v2/services/streetlight.json',
    param: { in: 'path', name: 'code', value: 'street light' },
    goodStatus: 200,
  },
  {
    route: '/open311/v2/services/{code}.xml',
    bad: '/open311/v2/services/street%20light.xml',
    good: '/open311/v2/services/no-such-service.xml',
    param: { in: 'path', name: 'code', value: 'street light' },
    goodStatus: 404,
  },
  {
    route: '/open311/v2/requests.json',
    bad: `/open311/v2/requests.json?api_key=${'k'.repeat(257)}`,
    good: '/open311/v2/requests.json?status=open',
    key: keys.source,
    param: { in: 'query', name: 'api_key', value: 'k'.repeat(257) },
    goodStatus: 200,
  },
];

/** The GeoReport error list of a 400, JSON or XML as the path's suffix asks: [code, description]. */
async function open311ErrorsOf(res: Response, path: string): Promise<[number, string][]> {
  expect(res.status).toBe(400);
  const xml = /\.xml(\?|$)/.test(path);
  expect(res.headers.get('content-type')).toContain(xml ? 'text/xml' : 'application/json');
  const text = await res.text();
  const list = xml
    ? (
        new XMLParser({ parseTagValue: false, isArray: (tag) => tag === 'error' }).parse(text) as {
          errors: { error: { code: string; description: string }[] };
        }
      ).errors.error
    : (JSON.parse(text) as { code: number; description: string }[]);
  return list.map((e) => [Number(e.code), e.description]);
}

interface ParamSchema {
  maxLength?: number;
  minLength?: number;
  maximum?: number;
  minimum?: number;
  pattern?: string;
}

/** Whether the document's schema for a parameter refuses the value (the keywords our schemas use). */
function documentRefuses(s: ParamSchema, value: string): boolean {
  return (
    (s.maxLength !== undefined && value.length > s.maxLength) ||
    (s.minLength !== undefined && value.length < s.minLength) ||
    (s.maximum !== undefined && Number(value) > s.maximum) ||
    (s.minimum !== undefined && Number(value) < s.minimum) ||
    (s.pattern !== undefined && !new RegExp(s.pattern).test(value))
  );
}

type Gateway = ReturnType<typeof createTestGateway>;
const send = (gw: Gateway, c: Case, path: string, headers: Record<string, string> = {}) =>
  gw.call(c.method.toUpperCase(), path, c.key, c.body, headers);

async function problemOf(res: Response): Promise<Problem> {
  expect(res.status).toBe(400);
  expect(res.headers.get('content-type')).toContain('application/problem+json');
  return Problem.parse(await res.json());
}

describe('malformed path and query parameters', () => {
  it.each(cases.map((c) => [`${c.method.toUpperCase()} ${c.bad}`, c] as const))(
    '%s is a 400 naming the parameter',
    async (_label, c) => {
      const gw = createTestGateway();
      const field = `${c.param.in}.${c.param.name}`;

      const en = await problemOf(await send(gw, c, c.bad));
      expect(en.code).toBe('validation_failed');
      expect(en.errors?.map((e) => e.path)).toEqual([field]);
      expect(en.errors?.[0]?.message).toBeTruthy();
      expect(en.detail).toContain(field);

      const cn = await problemOf(await send(gw, c, c.bad, zh));
      expect(cn.title).toBe('请求内容有误');
      expect(cn.errors?.map((e) => e.path)).toEqual([field]);
      expect(cn.errors?.[0]?.message).toMatch(/[\u4e00-\u9fff]/);

      // The same request with a well-formed value reaches the route.
      expect((await send(gw, c, c.good)).status).toBe(c.goodStatus);
    },
  );

  it('the OpenAPI document declares each parameter with the rule that refused it', async () => {
    const gw = createTestGateway();
    const doc = (await (await gw.call('GET', '/openapi.json')).json()) as {
      paths: Record<
        string,
        Record<string, { parameters?: { name: string; in: string; schema: ParamSchema }[] }>
      >;
    };
    for (const c of [...cases, ...open311Cases.map((o) => ({ ...o, method: 'get' as const }))]) {
      const declared = doc.paths[c.route]?.[c.method]?.parameters?.find(
        (p) => p.name === c.param.name && p.in === c.param.in,
      );
      expect(declared, `${c.method} ${c.route} ${c.param.in}.${c.param.name}`).toBeDefined();
      expect(documentRefuses(declared?.schema ?? {}, c.param.value), c.route).toBe(true);
    }
  });

  it.each(open311Cases.map((c) => [c.bad, c] as const))(
    'Open311: GET %s is a 400 in the GeoReport error list naming the parameter',
    async (_label, c) => {
      const gw = createTestGateway();
      const field = `${c.param.in}.${c.param.name}`;
      const call = (path: string, headers: Record<string, string> = {}) =>
        gw.call('GET', path, c.key, undefined, headers);

      const en = await open311ErrorsOf(await call(c.bad), c.bad);
      expect(en).toHaveLength(1);
      expect(en[0]?.[0]).toBe(400);
      expect(en[0]?.[1]).toMatch(new RegExp(`^validation_failed: ${field}: \\S`));

      const cn = await open311ErrorsOf(await call(c.bad, zh), c.bad);
      expect(cn[0]?.[1]).toMatch(new RegExp(`^validation_failed: ${field}: .*[\u4e00-\u9fff]`));

      // The same request with a well-formed value reaches the route.
      expect((await call(c.good)).status).toBe(c.goodStatus);
    },
  );

  it('Open311: an api_key no key can be is a 400 in the GeoReport error list', async () => {
    const gw = createTestGateway();
    const res = await gw.call('GET', `/open311/v2/services.json?api_key=${'k'.repeat(257)}`);
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/json');
    const errors = (await res.json()) as { code: number; description: string }[];
    expect(errors).toHaveLength(1);
    expect(errors[0]?.code).toBe(400);
    expect(errors[0]?.description).toMatch(/^validation_failed: query\.api_key: /);
    // An empty api_key is no key at all: the public list still answers.
    expect((await gw.call('GET', '/open311/v2/services.json?api_key=')).status).toBe(200);
  });
});
