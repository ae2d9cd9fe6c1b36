// CSV exports for auditors: the orders of a period and scope (names and phones masked), and the
// ranking figures. UTF-8 with BOM so Excel shows Chinese correctly.
import type { OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import type { OrderView } from '../../../../contracts/views.js';
import { toCsv } from '../../../domain/metrics/csv.js';
import { maskName, maskPhone } from '../../../domain/text/phone.js';
import { defineRoute } from '../../define-route.js';
import type { AppDeps, AppEnv } from '../../deps.js';
import { query } from '../../parse.js';
import { MetricsQuery, scopedFilter } from './query.js';

const csvResponse = {
  description: 'text/csv; charset=utf-8, with a byte-order mark',
  content: { 'text/csv': { schema: z.string() } },
};

function orderRow(
  v: OrderView,
  figures: { target: string; status: string; dueAt: string }[],
): unknown[] {
  const f = (t: string) => figures.find((x) => x.target === t);
  const cb = [...v.callbacks].reverse().find((c) => c.valid);
  return [
    v.id,
    v.externalId,
    v.source,
    v.order.type,
    v.order.topic.join('>'),
    v.order.title,
    v.order.caller.name === undefined ? '' : maskName(v.order.caller.name),
    v.order.caller.phone === undefined ? '' : maskPhone(v.order.caller.phone),
    v.order.receivedAt,
    v.station?.name ?? '',
    v.state,
    f('respond')?.status ?? '',
    f('resolve')?.status ?? '',
    f('resolve')?.dueAt ?? '',
    cb?.contacted ?? '',
    cb?.solved ?? '',
    cb?.satisfaction ?? '',
    v.result ?? '',
  ];
}

export function metricsExport(app: OpenAPIHono<AppEnv>, deps: AppDeps): void {
  defineRoute(
    app,
    {
      method: 'get',
      path: '/v1/metrics/export/orders.csv',
      summary: 'Orders received in a period, as CSV (personal data masked)',
      tags: ['Metrics'],
      roles: ['auditor', 'admin'],
      request: { query: MetricsQuery },
      responses: { 200: csvResponse },
    },
    async (c) => {
      const filter = scopedFilter(c.get('principal'), query(c, MetricsQuery), deps);
      const { fromMs, toMs } = deps.metrics.periodBounds(filter.period);
      const prefix = filter.street ?? filter.district;
      const rows: unknown[][] = [];
      let cursor: string | undefined;
      // Bounded export: at most 100,000 rows; the UI splits larger requests by scope.
      do {
        const page = await deps.store.list({
          placePrefix: prefix,
          receivedFrom: fromMs,
          receivedTo: toMs,
          cursor,
          limit: 200,
        });
        for (const v of page.items) {
          if (filter.station !== undefined && v.station?.id !== filter.station) continue;
          if (filter.types && !filter.types.includes(v.order.type)) continue;
          if (filter.topic !== undefined && v.order.topic[0] !== filter.topic) continue;
          rows.push(orderRow(v, deps.sla.summary(v).figures));
        }
        cursor = page.nextCursor ?? undefined;
      } while (cursor && rows.length < 100_000);
      const header = [
        '工单ID',
        '工单编号',
        '来源',
        '诉求类型',
        '问题分类',
        '标题',
        '来电人',
        '来电号码',
        '来电时间',
        '承办单位',
        '状态',
        '响应',
        '办结',
        '办结时限',
        '是否联系',
        '是否解决',
        '是否满意',
        '办理结果',
      ];
      return c.body(toCsv(header, rows), 200, {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="orders-${filter.period}.csv"`,
      });
    },
  );
  const FiguresCsvQuery = MetricsQuery.extend({
    by: z.enum(['district', 'street', 'station']).default('street'),
  });
  defineRoute(
    app,
    {
      method: 'get',
      path: '/v1/metrics/export/figures.csv',
      summary: 'The ranking with every rate, as CSV',
      tags: ['Metrics'],
      roles: ['auditor', 'admin'],
      request: { query: FiguresCsvQuery },
      responses: { 200: csvResponse },
    },
    async (c) => {
      const q = query(c, FiguresCsvQuery);
      const { period, ...filter } = scopedFilter(c.get('principal'), q, deps);
      const r = await deps.metrics.ranking(period, q.by, filter);
      const header = [
        '排名',
        '编码',
        '名称',
        '受理量',
        '有效回访',
        '响应率',
        '解决率',
        '满意率',
        '综合得分',
        '口径',
      ];
      const rows = r.rows.map((x) => [
        x.rank,
        x.code,
        x.name,
        x.received,
        x.validCallbacks,
        x.responseRate,
        x.resolutionRate,
        x.satisfactionRate,
        x.composite,
        `${r.config.version} / ${r.config.period}`,
      ]);
      return c.body(toCsv(header, rows), 200, {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="figures-${period}-${q.by}.csv"`,
      });
    },
  );
}
