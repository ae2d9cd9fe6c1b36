// Open311 GeoReport v2 as an unchanged Open311 client uses it: discovery, a form-encoded POST with
// api_key, reading requests back, in JSON and XML.
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { OrderView } from '../../contracts/views.js';
import { keys } from '../support/test-gateway.js';
import { createIntakeGateway, inboundFixture, postBytes } from '../support/intake.js';

const form = 'application/x-www-form-urlencoded';
const xml = (text: string) =>
  new XMLParser({ parseTagValue: false }).parse(text) as Record<string, unknown>;
type Row = Record<string, unknown>;

describe('Open311 service discovery', () => {
  it('lists the services in JSON and XML without a key', async () => {
    const gw = await createIntakeGateway();
    const json = (await (await gw.call('GET', '/open311/v2/services.json')).json()) as Row[];
    expect(json.map((s) => s.service_code)).toContain('streetlight');
    expect(json[0]).toMatchObject({
      service_code: 'power-outage',
      metadata: true,
      type: 'realtime',
    });
    expect(json[1]).toMatchObject({ metadata: false, type: 'realtime' });
    const res = await gw.call('GET', '/open311/v2/services.xml');
    expect(res.headers.get('content-type')).toBe('text/xml; charset=utf-8');
    const doc = xml(await res.text()) as { services: { service: Row[] } };
    expect(doc.services.service.map((s) => s.service_code)).toEqual(
      json.map((s) => s.service_code),
    );
  });

  it('describes one service, and answers an unknown code with a 404 error list', async () => {
    const gw = await createIntakeGateway();
    expect(await (await gw.call('GET', '/open311/v2/services/roof-leak.json')).json()).toEqual({
      service_code: 'roof-leak',
      attributes: [],
    });
    expect(
      xml(await (await gw.call('GET', '/open311/v2/services/roof-leak.xml')).text()),
    ).toMatchObject({ service_definition: { service_code: 'roof-leak' } });
    const missing = await gw.call('GET', '/open311/v2/services/nope.json');
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual([
      { code: 404, description: expect.stringContaining('not_found') as unknown },
    ]);
  });
});

describe('Open311 service requests', () => {
  it('creates a request from the form with api_key, routes it, and reads it back', async () => {
    const gw = await createIntakeGateway();
    const body = inboundFixture('open311', '01-yangpu-streetlight.form');
    const res = await postBytes(gw, '/open311/v2/requests.json', undefined, body, form);
    expect(res.status).toBe(200);
    const [created] = (await res.json()) as { service_request_id: string }[];
    const id = created?.service_request_id ?? '';
    const view = OrderView.parse(
      await (await gw.call('GET', `/v1/orders/${id}`, keys.admin)).json(),
    );
    expect(view).toMatchObject({ source: 'sh-12345', station: { id: 'yinhang-street' } });
    expect(view.order).toMatchObject({
      type: 'report',
      topic: ['市政设施', '路灯'],
      title: '路灯不亮',
      caller: { name: '王女士', phone: '+86-21-65432188' },
      location: { address: '上海市杨浦区殷行街道社区主道路' },
    });

    const [one] = (await (
      await gw.call('GET', `/open311/v2/requests/${id}.json?api_key=${keys.otherSource}`)
    ).json()) as Row[];
    expect(one).toMatchObject({
      service_request_id: id,
      status: 'open',
      service_code: 'streetlight',
      agency_responsible: '殷行街道城运中心',
      requested_datetime: view.order.receivedAt,
    });
    const x = xml(
      await (await gw.call('GET', `/open311/v2/requests/${id}.xml`, keys.otherSource)).text(),
    ) as { service_requests: { request: Row } };
    expect(x.service_requests.request).toMatchObject({ service_request_id: id, status: 'open' });

    // The archive keeps the request byte for byte, except the api_key: secrets stay out of it.
    const raw = new TextDecoder().decode(
      await (await gw.call('GET', `/v1/orders/${id}/raw`, keys.admin)).arrayBuffer(),
    );
    expect(raw).toContain('api_key=[redacted]&service_code=streetlight');
    expect(raw).not.toContain(keys.otherSource);
  });

  it('answers the XML variant in XML and takes lat/long with media_url', async () => {
    const gw = await createIntakeGateway();
    const res = await postBytes(
      gw,
      '/open311/v2/requests.xml',
      undefined,
      inboundFixture('open311', '02-changsha-roof-leak.form'),
      form,
    );
    expect(res.status).toBe(200);
    const doc = xml(await res.text()) as {
      service_requests: { request: { service_request_id: string } };
    };
    const id = doc.service_requests.request.service_request_id;
    const view = OrderView.parse(
      await (await gw.call('GET', `/v1/orders/${id}`, keys.admin)).json(),
    );
    expect(view.order.location.point).toEqual({ lat: 28.1946, lng: 113.0087 });
    expect(view.order.attachments).toEqual([{ url: 'https://example.cn/photos/leak.jpg' }]);
    expect(view.station?.id).toBe('shaoguang-grid');
  });

  it('lists a source its own requests only, filtered by status and service', async () => {
    const gw = await createIntakeGateway();
    await postBytes(
      gw,
      '/open311/v2/requests.json',
      undefined,
      inboundFixture('open311', '01-yangpu-streetlight.form'),
      form,
    );
    await postBytes(
      gw,
      '/open311/v2/requests.json',
      undefined,
      inboundFixture('open311', '02-changsha-roof-leak.form'),
      form,
    );
    const sh = (await (
      await gw.call('GET', '/open311/v2/requests.json', keys.otherSource)
    ).json()) as Row[];
    expect(sh.map((r) => r.service_code)).toEqual(['streetlight']);
    const all = (await (
      await gw.call('GET', '/open311/v2/requests.json?status=open', keys.auditor)
    ).json()) as Row[];
    expect(all).toHaveLength(2);
    expect(
      await (await gw.call('GET', '/open311/v2/requests.json?status=closed', keys.auditor)).json(),
    ).toEqual([]);
    expect(
      await (
        await gw.call('GET', '/open311/v2/requests.json?service_code=roof-leak', keys.auditor)
      ).json(),
    ).toHaveLength(1);
  });

  it.each([
    ['no service_code', 'api_key=demo-source-sh-12345&address_string=x', 'service_code'],
    [
      'an unknown service_code',
      'api_key=demo-source-sh-12345&service_code=ufo&address_string=x',
      'service_code',
    ],
    ['no location', 'api_key=demo-source-sh-12345&service_code=noise', 'address_string'],
    ['lat without long', 'api_key=demo-source-sh-12345&service_code=noise&lat=31.3', 'long'],
    [
      'a description over 4000 characters',
      `api_key=demo-source-sh-12345&service_code=noise&address_string=x&description=${'a'.repeat(4001)}`,
      'description',
    ],
  ])('refuses %s with an error naming the field', async (_name, body, field) => {
    const gw = await createIntakeGateway();
    const res = await postBytes(gw, '/open311/v2/requests.json', undefined, body, form);
    expect(res.status).toBe(field === 'service_code' && body.includes('ufo') ? 404 : 400);
    const errors = (await res.json()) as { code: number; description: string }[];
    expect(errors.map((e) => e.description).join('\n')).toContain(`: ${field}: `);
  });

  it('refuses a missing or unknown api_key with 403 (GeoReport v2)', async () => {
    const gw = await createIntakeGateway();
    expect(
      (
        await postBytes(
          gw,
          '/open311/v2/requests.json',
          undefined,
          'service_code=noise&address_string=x',
          form,
        )
      ).status,
    ).toBe(403);
    expect(
      (
        await postBytes(
          gw,
          '/open311/v2/requests.json',
          undefined,
          'api_key=nope&service_code=noise&address_string=x',
          form,
        )
      ).status,
    ).toBe(403);
    expect((await gw.call('GET', '/open311/v2/requests.json?api_key=nope')).status).toBe(403);
  });
});
