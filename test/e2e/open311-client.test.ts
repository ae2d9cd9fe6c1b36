// A city's Open311 app, written from the GeoReport v2 spec and nothing else: it finds the endpoint
// through discovery, reads the service list and a definition in XML, files a request with an
// attribute answer, reads it back in JSON, and shows the spec's error list when a call fails.
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { createIntakeGateway } from '../support/intake.js';
import { keys } from '../support/test-gateway.js';

type Gw = Awaited<ReturnType<typeof createIntakeGateway>>;
const parser = new XMLParser({
  parseTagValue: false,
  isArray: (name) =>
    ['service', 'request', 'error', 'attribute', 'value', 'endpoint'].includes(name),
});

/** The client: plain HTTP calls as the spec shows them, parsing by Content-Type. */
function open311Client(gw: Gw, apiKey: string) {
  const fetch = (url: string, init?: RequestInit) => gw.app.request(url, init);
  const parse = async (res: Response) => {
    const type = res.headers.get('content-type') ?? '';
    const text = await res.text();
    if (type.startsWith('text/xml')) return parser.parse(text) as Record<string, unknown>;
    if (type.startsWith('application/json')) return JSON.parse(text) as unknown;
    throw new Error(`unexpected content type ${type}`);
  };
  return {
    async endpoint(): Promise<string> {
      const doc = (await parse(await fetch('/open311/discovery.json'))) as {
        endpoints: { specification: string; url: string; formats: string[] }[];
      };
      const ep = doc.endpoints.find((e) => e.specification.endsWith('GeoReport_v2'));
      if (!ep?.formats.includes('text/xml')) throw new Error('no GeoReport v2 XML endpoint');
      return new URL(ep.url).pathname;
    },
    async services(base: string) {
      const doc = (await parse(await fetch(`${base}services.xml`))) as {
        services: { service: { service_code: string; metadata: string }[] };
      };
      return doc.services.service;
    },
    async definition(base: string, code: string) {
      const doc = (await parse(await fetch(`${base}services/${code}.xml`))) as {
        service_definition: {
          attributes: { attribute: { code: string; value?: { key: string }[] }[] };
        };
      };
      return doc.service_definition.attributes.attribute;
    },
    async create(base: string, fields: Record<string, string>) {
      const res = await fetch(`${base}requests.xml`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ api_key: apiKey, ...fields }).toString(),
      });
      const doc = (await parse(res)) as {
        service_requests?: { request: { service_request_id: string }[] };
        errors?: { error: { code: string; description: string }[] };
      };
      return { status: res.status, doc };
    },
    async request(base: string, id: string) {
      const res = await fetch(`${base}requests/${id}.json?api_key=${apiKey}`);
      return (await parse(res)) as Record<string, unknown>[];
    },
  };
}

describe('an Open311 client written from the spec', () => {
  it('discovers, files a request with an attribute, reads it back, and parses errors', async () => {
    const gw = await createIntakeGateway();
    const client = open311Client(gw, keys.otherSource);
    const base = await client.endpoint();
    expect(base).toBe('/open311/v2/');

    const services = await client.services(base);
    const withMetadata = services.find((s) => s.metadata === 'true');
    expect(withMetadata?.service_code).toBe('power-outage');
    const [attribute] = await client.definition(base, 'power-outage');
    expect(attribute?.code).toBe('extent');
    const key = attribute?.value?.[1]?.key ?? '';

    const created = await client.create(base, {
      service_code: 'power-outage',
      address_string: '上海市杨浦区殷行街道社区主道路',
      description: '整栋楼停电',
      [`attribute[${attribute?.code ?? ''}]`]: key,
    });
    expect(created.status).toBe(200);
    const id = created.doc.service_requests?.request[0]?.service_request_id ?? '';
    expect(id).not.toBe('');

    const [read] = await client.request(base, id);
    expect(read).toMatchObject({
      service_request_id: id,
      service_code: 'power-outage',
      status: 'open',
      description: '整栋楼停电',
    });

    const refused = await client.create(base, { service_code: 'ufo', address_string: 'x' });
    expect(refused.status).toBe(404);
    expect(refused.doc.errors?.error[0]).toMatchObject({ code: '404' });
    const bad = await open311Client(gw, 'wrong-key').create(base, {
      service_code: 'noise',
      address_string: 'x',
    });
    expect(bad.status).toBe(403);
    expect(bad.doc.errors?.error[0]?.description).toContain('api_key');
  });
});
