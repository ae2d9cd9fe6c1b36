// Open311 GeoReport v2 to the letter: one test per point where the gateway used to deviate from the
// spec (issue 17): error format, 403 for keys, 404 for unknown services, public reads only when the
// operator publishes, address_id alone, comma lists, the 90-day window, media types, 200 on POST,
// endpoint discovery, and attribute values kept on the order.
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { OrderView } from '../../contracts/views.js';
import { createIntakeGateway, inboundFixture, postBytes } from '../support/intake.js';
import { keys } from '../support/test-gateway.js';

const form = 'application/x-www-form-urlencoded';
const xml = (text: string) =>
  new XMLParser({ parseTagValue: false }).parse(text) as Record<string, unknown>;
type Row = Record<string, unknown>;
type Gw = Awaited<ReturnType<typeof createIntakeGateway>>;

const streetlight = () => inboundFixture('open311', '01-yangpu-streetlight.form');
const roofLeak = () => inboundFixture('open311', '02-changsha-roof-leak.form');
async function create(gw: Gw, body: Uint8Array | string, format = 'json'): Promise<string> {
  const res = await postBytes(gw, `/open311/v2/requests.${format}`, undefined, body, form);
  expect(res.status).toBe(200);
  const text = await res.text();
  if (format === 'xml')
    return (xml(text) as { service_requests: { request: Row } }).service_requests.request
      .service_request_id as string;
  return ((JSON.parse(text) as Row[])[0]?.service_request_id as string) ?? '';
}
const rows = async (res: Response) => (await res.json()) as Row[];
const noise = (extra: string) =>
  `api_key=${keys.otherSource}&service_code=noise&address_string=x${extra}`;

describe('GeoReport v2 conformance', () => {
  it('answers errors as the spec error list, in XML and in JSON', async () => {
    const gw = await createIntakeGateway();
    const j = await postBytes(gw, '/open311/v2/requests.json', undefined, noise('&lat=1'), form);
    expect(j.status).toBe(400);
    expect(j.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const list = await rows(j);
    expect(list).toEqual([{ code: 400, description: expect.stringContaining('long') as unknown }]);
    const x = await postBytes(gw, '/open311/v2/requests.xml', undefined, noise('&lat=1'), form);
    expect(x.headers.get('content-type')).toBe('text/xml; charset=utf-8');
    const doc = xml(await x.text()) as { errors: { error: Row } };
    expect(doc.errors.error.code).toBe('400');
    expect(doc.errors.error.description).toContain('long');
    // Unknown routes under /open311 answer in the same shape.
    const lost = await gw.call('GET', '/open311/v2/nothing.xml');
    expect(lost.status).toBe(404);
    expect(xml(await lost.text())).toHaveProperty('errors.error.code', '404');
  });

  it('refuses a missing or unknown api_key with 403', async () => {
    const gw = await createIntakeGateway();
    const body = 'service_code=noise&address_string=x';
    for (const sent of [body, `api_key=nope&${body}`]) {
      const res = await postBytes(gw, '/open311/v2/requests.json', undefined, sent, form);
      expect(res.status).toBe(403);
      expect((await rows(res))[0]?.code).toBe(403);
    }
    expect((await gw.call('GET', '/open311/v2/requests.json?api_key=nope')).status).toBe(403);
    expect((await gw.call('GET', '/open311/v2/requests.xml')).status).toBe(403);
    // A key of a role that may not read is a 403 too.
    const station = await gw.call(
      'GET',
      `/open311/v2/requests.json?api_key=${keys.station('yinhang-street')}`,
    );
    expect(station.status).toBe(403);
  });

  it('answers an unknown service_code on POST with 404', async () => {
    const gw = await createIntakeGateway();
    const res = await postBytes(
      gw,
      '/open311/v2/requests.json',
      undefined,
      `api_key=${keys.otherSource}&service_code=ufo&address_string=x`,
      form,
    );
    expect(res.status).toBe(404);
    expect((await rows(res))[0]?.description).toContain('service_code');
  });

  it('keeps reads private by default', async () => {
    const gw = await createIntakeGateway();
    const id = await create(gw, streetlight());
    expect((await gw.call('GET', `/open311/v2/requests/${id}.json`)).status).toBe(403);
    expect((await gw.call('GET', '/open311/v2/requests.json')).status).toBe(403);
  });

  it('with public read, serves the public scope without personal data and nothing outside it', async () => {
    const gw = await createIntakeGateway({ open311Public: { scope: '310110' } });
    const yangpu = await create(gw, streetlight());
    const changsha = await create(gw, roofLeak());
    const listed = await rows(await gw.call('GET', '/open311/v2/requests.json'));
    expect(listed.map((r) => r.service_request_id)).toEqual([yangpu]);
    const [one] = listed;
    expect(one).toMatchObject({ service_code: 'streetlight', status: 'open' });
    const text = JSON.stringify(listed);
    for (const personal of ['王', '65432188', '社区主道路', '老人出行', 'wang@example.cn'])
      expect(text).not.toContain(personal);
    // Outside the scope: not listed, not found by id, not found in an id list.
    expect((await gw.call('GET', `/open311/v2/requests/${changsha}.json`)).status).toBe(404);
    expect(
      await rows(await gw.call('GET', `/open311/v2/requests.json?service_request_id=${changsha}`)),
    ).toEqual([]);
    // A wrong key is still a 403; a right key reads as before, description included.
    expect((await gw.call('GET', '/open311/v2/requests.json?api_key=nope')).status).toBe(403);
    const [own] = await rows(
      await gw.call('GET', `/open311/v2/requests/${yangpu}.json`, keys.otherSource),
    );
    expect(own?.description).toContain('路灯不亮');
  });

  it('accepts address_id alone and keeps it on the order', async () => {
    const gw = await createIntakeGateway();
    const id = await create(
      gw,
      `api_key=${keys.otherSource}&service_code=streetlight&address_id=SH-YP-000123`,
    );
    const view = OrderView.parse(
      await (await gw.call('GET', `/v1/orders/${id}`, keys.admin)).json(),
    );
    expect(view.order.extra).toMatchObject({ open311_address_id: 'SH-YP-000123' });
    expect(view.order.location.address).toContain('SH-YP-000123');
  });

  it('takes comma lists for status, service_code and service_request_id; ids override the rest', async () => {
    const gw = await createIntakeGateway();
    const a = await create(gw, streetlight());
    const b = await create(gw, noise('&description=%E5%90%B5'));
    const get = async (q: string) =>
      (await rows(await gw.call('GET', `/open311/v2/requests.json?${q}`, keys.auditor))).map(
        (r) => r.service_request_id,
      );
    expect(await get('status=open,closed')).toEqual([a, b]);
    expect(await get('status=closed')).toEqual([]);
    expect(await get('service_code=noise,streetlight')).toEqual([a, b]);
    expect(await get('service_code=noise')).toEqual([b]);
    expect(await get(`service_request_id=${b},${a}`)).toEqual([b, a]);
    // The id list wins over filters that would exclude both.
    expect(await get(`service_request_id=${a},${b}&status=closed&service_code=heating`)).toEqual([
      a,
      b,
    ]);
    const bad = await gw.call('GET', '/open311/v2/requests.json?status=open,lost', keys.auditor);
    expect(bad.status).toBe(400);
    expect((await rows(bad))[0]?.description).toContain('status');
  });

  it('lists the last 90 days by default and refuses a range over 90 days', async () => {
    const gw = await createIntakeGateway();
    const start = new Date('2026-03-02T09:00:00+08:00');
    const id = await create(gw, streetlight());
    gw.setNow(new Date(start.getTime() + 100 * 86_400_000));
    const list = (q: string) => gw.call('GET', `/open311/v2/requests.json${q}`, keys.auditor);
    expect(await rows(await list(''))).toEqual([]);
    const dated = await rows(
      await list('?start_date=2026-03-01T00:00:00%2B08:00&end_date=2026-03-31T00:00:00%2B08:00'),
    );
    expect(dated.map((r) => r.service_request_id)).toEqual([id]);
    const long = await list(
      '?start_date=2026-01-01T00:00:00%2B08:00&end_date=2026-05-01T00:00:00%2B08:00',
    );
    expect(long.status).toBe(400);
    expect((await rows(long))[0]?.description).toContain('end_date');
  });

  it('serves XML as text/xml and JSON as application/json, both charset=utf-8', async () => {
    const gw = await createIntakeGateway();
    const id = await create(gw, streetlight());
    for (const path of [
      '/open311/v2/services',
      '/open311/v2/services/streetlight',
      `/open311/v2/requests/${id}`,
      '/open311/v2/requests',
      '/open311/discovery',
    ]) {
      const j = await gw.call('GET', `${path}.json`, keys.auditor);
      expect(j.headers.get('content-type'), path).toBe('application/json; charset=utf-8');
      const x = await gw.call('GET', `${path}.xml`, keys.auditor);
      expect(x.headers.get('content-type'), path).toBe('text/xml; charset=utf-8');
      expect(await x.text()).toMatch(/^<\?xml version="1.0" encoding="utf-8"\?>/);
    }
  });

  it('answers a created request with 200, as the spec examples', async () => {
    const gw = await createIntakeGateway();
    for (const format of ['json', 'xml']) {
      const res = await postBytes(
        gw,
        `/open311/v2/requests.${format}`,
        undefined,
        streetlight(),
        form,
        { 'idempotency-key': `conf-${format}` },
      );
      expect(res.status).toBe(200);
      expect(res.headers.get('location')).toMatch(
        new RegExp(`^/open311/v2/requests/.+\\.${format}$`),
      );
    }
  });

  it('publishes an endpoint discovery document in XML and JSON', async () => {
    const gw = await createIntakeGateway();
    const json = (await (await gw.call('GET', '/open311/discovery.json')).json()) as {
      endpoints: Row[];
    };
    expect(json.endpoints).toEqual([
      expect.objectContaining({
        specification: 'http://wiki.open311.org/GeoReport_v2',
        url: 'http://localhost/open311/v2/',
        type: 'production',
        formats: ['text/xml', 'application/json'],
      }),
    ]);
    const doc = xml(await (await gw.call('GET', '/open311/discovery.xml')).text()) as {
      discovery: { endpoints: { endpoint: Row } };
    };
    expect(doc.discovery.endpoints.endpoint.url).toBe('http://localhost/open311/v2/');
  });

  it('stores attribute[...] values on the order, bounded by the service definition', async () => {
    const gw = await createIntakeGateway();
    const def = (await (await gw.call('GET', '/open311/v2/services/power-outage.json')).json()) as {
      attributes: Row[];
    };
    expect(def.attributes[0]).toMatchObject({ code: 'extent', datatype: 'singlevaluelist' });
    const base = `api_key=${keys.otherSource}&service_code=power-outage&address_string=x`;
    const id = await create(gw, `${base}&attribute%5Bextent%5D=building&attribute%5Bufo%5D=1`);
    const view = OrderView.parse(
      await (await gw.call('GET', `/v1/orders/${id}`, keys.admin)).json(),
    );
    expect(view.order.extra.open311_attributes).toEqual({ extent: 'building' });
    const bad = await postBytes(
      gw,
      '/open311/v2/requests.json',
      undefined,
      `${base}&attribute%5Bextent%5D=street`,
      form,
    );
    expect(bad.status).toBe(400);
    expect((await rows(bad))[0]?.description).toContain('attribute[extent]');
  });
});
