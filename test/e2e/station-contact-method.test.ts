// 联系诉求人 records how the citizen was reached (电话/上门/短信/微信) beside the note, in the event
// the timeline shows; a method the gateway does not know is a 400 naming the field.
import { describe, expect, it } from 'vitest';
import { Timeline } from '../../contracts/views.js';
import { createTestGateway, fixture, keys } from '../support/test-gateway.js';

const station = 'cuicheng-yiyuan-grid';

describe('contact method', () => {
  it('is recorded on the order.contacted event with the note', async () => {
    const gw = createTestGateway();
    const { body } = await gw.submit(fixture('01'));
    await gw.call('POST', `/v1/orders/${body.id}/accept`, keys.station(station), {});
    const res = await gw.call('POST', `/v1/orders/${body.id}/contact`, keys.station(station), {
      method: 'wechat',
      note: '微信联系黄先生，约定下午上门',
    });
    expect(res.status).toBe(200);
    const timeline = Timeline.parse(
      await (await gw.call('GET', `/v1/orders/${body.id}/timeline`, keys.station(station))).json(),
    );
    expect(timeline.events.map((e) => e.data)).toContainEqual({
      type: 'order.contacted',
      method: 'wechat',
      note: '微信联系黄先生，约定下午上门',
    });
  });

  it('refuses an unknown method with a problem naming the field', async () => {
    const gw = createTestGateway();
    const { body } = await gw.submit(fixture('01'));
    await gw.call('POST', `/v1/orders/${body.id}/accept`, keys.station(station), {});
    const res = await gw.call('POST', `/v1/orders/${body.id}/contact`, keys.station(station), {
      method: 'pigeon',
    });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(JSON.stringify(await res.json())).toContain('method');
  });
});
