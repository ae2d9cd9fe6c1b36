// Personal data reaches only those who must call the citizen back. A 12345 export's contact columns
// (联系人, 手机号码, 回访电话, 身份证号 …) fill the caller or stay in extra; phone and ID numbers typed
// into the title, the content, station notes, results and callback notes are masked for auditors, in
// timelines, lists, CSV exports and Open311, while stations and dispatchers see the real data.
import { describe, expect, it } from 'vitest';
import { OrderView } from '../../contracts/views.js';
import { createTestGateway, keys } from '../support/test-gateway.js';

const secrets = {
  contactName: '王小明',
  mobile: '13911112222',
  callback: '13800138000',
  id: '110105199001011234',
  inTitle: '13512345678',
  inContent: '010-65432188',
  inNote: '13698765432',
  inResult: '13755556666',
  inCallback: '15900001111',
  // The caller named in free text, as workers and callers write it.
  nameInText: '王先生',
};
const leaks = (text: string) =>
  Object.entries(secrets)
    .filter(([k]) => k !== 'contactName' || text.includes(secrets.contactName))
    .filter(([, v]) => text.includes(v) || text.includes(v.replace(/-/g, '')))
    .map(([k]) => k);

async function scenario() {
  const gw = createTestGateway();
  const res = await gw.call('POST', '/v1/intake/cn-12345', keys.source, {
    工单编号: 'PD-1',
    工单类型: '投诉',
    问题分类: '供电>停电',
    标题: `停电，回电${secrets.inTitle}`,
    主要内容: `整栋楼停电，${secrets.nameInText}家里座机${secrets.inContent}打不通，身份证${secrets.id}可核实`,
    联系人: secrets.contactName,
    手机号码: secrets.mobile,
    回访电话: secrets.callback,
    身份证号: secrets.id,
    来电时间: '2026-03-02 08:30',
    被反映区: '朝阳区',
    被反映街乡镇: '垡头街道',
    村社区: '翠城艺园社区',
    小区点位: '翠城艺园321楼',
  });
  expect(res.status).toBe(202);
  const { id } = (await res.json()) as { id: string };
  const station = keys.station('cuicheng-yiyuan-grid');
  const act = async (action: string, body: unknown, key = station) =>
    expect((await gw.call('POST', `/v1/orders/${id}/${action}`, key, body)).status).toBe(200);
  await act('accept', {});
  await act('contact', {
    method: 'phone',
    note: `已联系${secrets.nameInText}，对方另留手机${secrets.inNote}`,
  });
  await act('start', {});
  await act('resolve', {
    result: `已修复，${secrets.contactName}表示满意，如再停电请拨${secrets.inResult}`,
    reply: '已恢复供电',
  });
  await act(
    'callback',
    {
      valid: true,
      contacted: true,
      solved: true,
      satisfaction: 'satisfied',
      note: `市民留言：有事打${secrets.inCallback}`,
    },
    keys.source,
  );
  return { gw, id, station };
}

describe('the contact columns of a 12345 export', () => {
  it('fill the caller; the others stay, real, for the station and the dispatcher', async () => {
    const { gw, id, station } = await scenario();
    for (const key of [station, keys.admin]) {
      const view = OrderView.parse(await (await gw.call('GET', `/v1/orders/${id}`, key)).json());
      expect(view.order.caller).toEqual({
        name: secrets.contactName,
        phone: `+86${secrets.mobile}`,
      });
      expect(view.order.extra).toMatchObject({ 回访电话: secrets.callback, 身份证号: secrets.id });
      expect(view.order.content).toContain(secrets.inContent);
      expect(view.result).toContain(secrets.inResult);
    }
  });
});

describe('readers who must not call the citizen', () => {
  it('an auditor reads the order, its timeline and the list with every phone, ID and name masked', async () => {
    const { gw, id } = await scenario();
    for (const url of [`/v1/orders/${id}`, `/v1/orders/${id}/timeline`, '/v1/orders']) {
      const res = await gw.call('GET', url, keys.auditor);
      expect(res.status).toBe(200);
      const text = await res.text();
      expect(leaks(text), url).toEqual([]);
      // Masked, not dropped: the auditor still sees that there was a number and whose order it is.
      expect(text).toContain('139****2222');
      expect(text).toContain('PD-1');
    }
    const view = OrderView.parse(
      await (await gw.call('GET', `/v1/orders/${id}`, keys.auditor)).json(),
    );
    expect(view.order.caller).toEqual({ name: '王**', phone: '139****2222' });
    expect(view.order.extra).toMatchObject({
      回访电话: '138****8000',
      身份证号: '1101**********1234',
    });
    expect(view.order.title).toBe('停电，回电135****5678');
    expect(view.order.content).toContain('整栋楼停电，王**家里座机');
    expect(view.result).toContain('已修复，王**表示满意');
  });

  it('the CSV export and Open311 (even for the platform itself) show them masked', async () => {
    const { gw } = await scenario();
    for (const [url, key] of [
      ['/v1/metrics/export/orders.csv?period=2026-03', keys.auditor],
      ['/v1/metrics/export/orders.csv?period=2026-03&labels=codes', keys.admin],
      ['/open311/v2/requests.json', keys.source],
      ['/open311/v2/requests.xml', keys.auditor],
    ] as const) {
      const res = await gw.call('GET', url, key);
      expect(res.status, url).toBe(200);
      const text = await res.text();
      expect(text, url).toContain('停电');
      expect(leaks(text), url).toEqual([]);
      expect(text, url).toContain('王**');
    }
  });
});
