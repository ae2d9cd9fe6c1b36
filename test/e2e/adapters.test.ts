// Every vendor fixture (kept as files, bytes as a platform sends them) goes through its intake route,
// lands routed with its fields in canonical form, says what was repaired, and keeps its exact bytes.
import { describe, expect, it } from 'vitest';
import { OrderView } from '../../contracts/views.js';
import { keys } from '../support/test-gateway.js';
import {
  createIntakeGateway,
  inboundFixture,
  postBytes,
  type AcceptedBody,
} from '../support/intake.js';

interface Case {
  adapter: 'canonical' | 'cn-12345';
  file: string;
  contentType: string;
  key: string;
  station: string;
  flags: string[];
  expect: Record<string, unknown>;
}

const route = { canonical: '/v1/orders', 'cn-12345': '/v1/intake/cn-12345' } as const;

const cases: Case[] = [
  {
    adapter: 'cn-12345',
    file: '01-chaoyang-power-outage.gbk.form',
    contentType: 'application/x-www-form-urlencoded; charset=GBK',
    key: keys.source,
    station: 'cuicheng-yiyuan-grid',
    flags: [],
    expect: {
      externalId: 'BJ2025072700123',
      type: 'help',
      topic: ['供电', '停电'],
      urgency: 'emergency',
      channel: 'phone',
      receivedAt: '2025-07-27T04:30:00+08:00',
      caller: { name: '黄先生', phone: '+8613800138000' },
      // 工单性质 is mapped (主办/协办/转办), no longer left in extra.
      handling: { nature: 'lead' },
      extra: {},
    },
  },
  {
    adapter: 'cn-12345',
    file: '02-chaoyang-generator-noise.gb18030.xml',
    contentType: 'application/xml',
    key: keys.source,
    station: 'cuicheng-yiyuan-grid',
    flags: [],
    expect: {
      externalId: 'BJ2025072800456',
      type: 'complaint',
      topic: ['噪音'],
      receivedAt: '2025-07-28T23:10:00+08:00',
      caller: { name: '刘䶮', phone: '+8613911112222' },
    },
  },
  {
    adapter: 'cn-12345',
    file: '03-dongcheng-dialysis.traditional.json',
    contentType: 'application/json',
    key: keys.source,
    station: 'zhonglouwan-grid',
    flags: ['field_names_traditional', 'traditional_converted', 'pinyin_removed'],
    expect: {
      title: '钟库胡同居民需定期透析',
      topic: ['疫情防控', '就医'],
      urgency: 'urgent',
      location: {
        district: '东城区',
        street: '安定门街道',
        community: '钟楼湾社区',
        address: '钟库胡同1号院',
      },
    },
  },
  {
    adapter: 'cn-12345',
    file: '04-dongcheng-gas.utf8-labelled-gbk.json',
    contentType: 'application/json; charset=gbk',
    key: keys.source,
    station: 'qinglong-grid',
    flags: ['charset_declared_wrong'],
    expect: {
      title: '封控区居民需要换煤气罐',
      caller: { name: '闻女士', phone: '+86-10-65123456' },
    },
  },
  {
    adapter: 'cn-12345',
    file: '05-changsha-roof-leak.unlabelled-gbk.json',
    contentType: 'application/json',
    key: 'demo-source-cs-12345',
    station: 'shaoguang-grid',
    flags: ['charset_detected'],
    expect: {
      receivedAt: '2023-09-01T10:05:00+08:00',
      topic: ['房屋', '漏水'],
      content: '我家里漏水漏的像水帘洞一样，这可怎么办呀？屋顶天沟排水不畅，积水倒灌至家中。',
    },
  },
  {
    adapter: 'cn-12345',
    file: '06-changping-access-control.mojibake.json',
    contentType: 'application/json; charset=utf-8',
    key: keys.source,
    station: 'hualongyuan-beili-grid',
    flags: ['mojibake_repaired', 'lost_characters'],
    expect: {
      title: '华龙苑北里楼门门禁坏?',
      content: '楼里的门禁不好使，老觉得不安全，希望物业尽快更换门禁?',
      location: { district: '昌平区', street: '霍营街道', address: '华龙苑北里社区内13号楼' },
    },
  },
  {
    adapter: 'cn-12345',
    file: '07-yangpu-bath-handrail.html.form',
    contentType: 'application/x-www-form-urlencoded',
    key: keys.otherSource,
    station: 'yinhang-street',
    flags: ['html_stripped', 'fullwidth_folded'],
    expect: {
      content: '老人购买了浴缸扶手，物业没有合适的打孔工具，无法协助安装。\n希望有关部门帮助解决。',
      location: { district: '杨浦区', street: '殷行街道', address: '殷行街道32号楼' },
      channel: 'phone',
    },
  },
  {
    adapter: 'cn-12345',
    file: '08-changsha-sewer.lost-characters.xml',
    contentType: 'text/xml',
    key: 'demo-source-cs-12345',
    station: 'shaoguang-grid',
    flags: ['lost_characters'],
    expect: { externalId: 'CS2023120600310', topic: ['排水', '下水道堵塞'], urgency: 'urgent' },
  },
  {
    adapter: 'canonical',
    file: '01-chaoyang-outage.traditional-pinyin.json',
    contentType: 'application/json',
    key: keys.source,
    station: 'cuicheng-yiyuan-grid',
    flags: ['traditional_converted', 'pinyin_removed'],
    expect: {
      title: '翠城艺园社区321楼停电',
      content: '7月27日凌晨4点30分,翠城艺园社区321楼180户居民停电,需要吸氧的老人很焦急。',
      caller: { name: '黄先生', phone: '+8613800138000' },
    },
  },
];

describe('inbound adapters on their fixtures', () => {
  it.each(cases.map((c) => [`${c.adapter}/${c.file}`, c] as const))('%s', async (_name, c) => {
    const gw = await createIntakeGateway();
    const bytes = inboundFixture(c.adapter, c.file);
    const res = await postBytes(gw, route[c.adapter], c.key, bytes, c.contentType);
    const body = (await res.json()) as AcceptedBody;
    expect(res.status, JSON.stringify(body)).toBe(202);
    expect(body.status).toBe('created');
    expect([...new Set((body.quality ?? []).map((q) => q.flag))].sort()).toEqual(
      [...c.flags].sort(),
    );

    const view = OrderView.parse(
      await (await gw.call('GET', `/v1/orders/${body.id}`, keys.admin)).json(),
    );
    expect(view.station?.id).toBe(c.station);
    expect(view.order).toMatchObject(c.expect);
    expect(view.order.quality ?? []).toEqual(body.quality ?? []);

    // The original bytes are archived exactly, whatever the charset.
    const raw = await gw.call('GET', `/v1/orders/${body.id}/raw`, keys.admin);
    expect(new Uint8Array(await raw.arrayBuffer())).toEqual(bytes);
    expect(gw.logLines.join('')).toContain('raw_request_read');

    // Pushed again: the same order, not a second one.
    const again = (await (
      await postBytes(gw, route[c.adapter], c.key, bytes, c.contentType)
    ).json()) as AcceptedBody;
    expect(again).toMatchObject({ id: body.id, status: 'existing' });
  });

  it('names the field as the platform wrote it when a value is wrong', async () => {
    const gw = await createIntakeGateway();
    const res = await postBytes(
      gw,
      '/v1/intake/cn-12345',
      keys.source,
      JSON.stringify({
        工单编号: 'X1',
        工單類型: '抱怨',
        问题分类: '噪音',
        标题: '吵',
        主要内容: '楼下很吵',
        小区点位: '翠城艺园',
        来电时间: '昨天晚上',
      }),
      'application/json',
    );
    expect(res.status).toBe(400);
    const p = (await res.json()) as { code: string; errors: { path: string; message: string }[] };
    expect(p.code).toBe('validation_failed');
    expect(p.errors.map((e) => e.path).sort()).toEqual(['工單類型', '来电时间']);
    expect(p.errors.find((e) => e.path === '来电时间')?.message).toContain('receivedAt');
  });

  it("keeps the sender's unmapped fields in extra under their own names", async () => {
    const gw = await createIntakeGateway();
    const res = await postBytes(
      gw,
      '/v1/intake/cn-12345',
      keys.source,
      JSON.stringify({
        工单编号: 'X2',
        工单类型: '咨询',
        问题分类: '其他',
        标题: '咨询',
        主要内容: '咨询办事时间',
        小区点位: '翠城艺园',
        来电时间: '2026-03-01 10:00',
        主办单位: '垡头街道',
        承办意见: '',
      }),
      'application/json',
    );
    const { id } = (await res.json()) as AcceptedBody;
    const view = OrderView.parse(
      await (await gw.call('GET', `/v1/orders/${id}`, keys.admin)).json(),
    );
    expect(view.order.extra).toEqual({ 承办意见: '' });
    expect(view.order.handling).toEqual({ leadUnit: '垡头街道' });
  });

  it('maps 工单性质 and 协办单位: units of the directory are asked for their part at intake', async () => {
    const gw = await createIntakeGateway();
    const res = await postBytes(
      gw,
      '/v1/intake/cn-12345',
      keys.source,
      JSON.stringify({
        工单编号: 'X3',
        工单类型: '求助',
        问题分类: '供电>停电',
        标题: '321楼停电',
        主要内容: '整栋楼停电',
        区划代码: '110105019040',
        来电时间: '2026-03-01 10:00',
        工单性质: '主办',
        协办单位: '国网北京朝阳供电公司接诉即办联络站、某物业公司',
      }),
      'application/json',
    );
    expect(res.status).toBe(202);
    const { id } = (await res.json()) as AcceptedBody;
    const view = OrderView.parse(
      await (await gw.call('GET', `/v1/orders/${id}`, keys.admin)).json(),
    );
    expect(view.order.handling).toEqual({
      nature: 'lead',
      assistUnits: ['国网北京朝阳供电公司接诉即办联络站', '某物业公司'],
    });
    // The unit in the directory is asked; the one that is not stays a name on the order.
    expect(view.assists?.map((a) => [a.stationId, a.status])).toEqual([
      ['bj-chaoyang-power-liaison', 'requested'],
    ]);
    // An unknown 工单性质 is a 400 naming the field.
    const bad = await postBytes(
      gw,
      '/v1/intake/cn-12345',
      keys.source,
      JSON.stringify({
        工单编号: 'X4',
        工单类型: '求助',
        问题分类: '供电',
        标题: '停电',
        主要内容: '停电',
        来电时间: '2026-03-01 10:00',
        工单性质: '代办',
      }),
      'application/json',
    );
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toContain('工单性质');
  });
});
