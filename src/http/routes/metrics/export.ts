// CSV exports for auditors: the orders of a period and scope (names and phones masked), and the
// ranking figures. UTF-8 with BOM so Excel shows Chinese correctly. By default the columns and values
// are in Chinese from the one label table with Beijing wall-clock times (2026-03-02 09:00:00, the zone
// in the column name: Excel reads them as dates); `?labels=codes` gives stable
// English column keys, codes and UTC for programs.
import type { OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import { ordersTable, rankingTable, type OrderRow } from '../../../domain/metrics/export-tables.js';
import { toCsv, type CsvStyle } from '../../../domain/metrics/csv.js';
import { maskPersonalData, visibleQuery } from '../../../usecases/access.js';
import { defineRoute } from '../../define-route.js';
import type { AppDeps, AppEnv } from '../../deps.js';
import { query } from '../../parse.js';
import { MetricsQuery, scopedFilter } from './query.js';

const csvResponse = {
  description: 'text/csv; charset=utf-8, with a byte-order mark and CRLF line ends',
  content: { 'text/csv': { schema: z.string() } },
};

const Labels = z
  .enum(['zh-CN', 'codes'])
  .default('zh-CN')
  .describe(
    'zh-CN: Chinese column names and values (状态 待签收…), times as Beijing wall-clock time ' +
      '(2026-03-02 09:00:00, column 来电时间（北京时间）); ' +
      'codes: English column keys, codes (dispatched…) and UTC times (Z)',
  );
const style = (labels: 'zh-CN' | 'codes'): CsvStyle => (labels === 'codes' ? 'codes' : 'labels');

/** An attachment name: ASCII for old clients, the Chinese name (RFC 6266 filename*) for the rest. */
const attachment = (ascii: string, chinese: string, codes: boolean) =>
  codes
    ? `attachment; filename="${ascii}"`
    : `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(chinese)}`;

/** At most this many rows in one file; a larger request is split by scope (district, street). */
const MAX_ROWS = 100_000;

export function metricsExport(app: OpenAPIHono<AppEnv>, deps: AppDeps): void {
  const utcOffsetMinutes = deps.sla.calendar.offsetMs / 60_000;
  const OrdersCsvQuery = MetricsQuery.extend({ labels: Labels });
  defineRoute(
    app,
    {
      method: 'get',
      path: '/v1/metrics/export/orders.csv',
      summary: 'Orders received in a period, as CSV (personal data masked)',
      tags: ['Metrics'],
      roles: ['auditor', 'supervisor', 'admin'],
      request: { query: OrdersCsvQuery },
      responses: { 200: csvResponse },
    },
    async (c) => {
      const p = c.get('principal');
      const q = query(c, OrdersCsvQuery);
      const filter = scopedFilter(p, q, deps);
      const { fromMs, toMs } = deps.metrics.periodBounds(filter.period);
      const list = visibleQuery(p, {
        placePrefix: filter.street ?? filter.district,
        stationId: filter.station,
        receivedFrom: fromMs,
        receivedTo: toMs,
      });
      const rows: OrderRow[] = [];
      let cursor: string | undefined;
      while (list) {
        const page = await deps.store.list({ ...list, cursor, limit: 200 });
        for (const v of page.items) {
          if (filter.types && !filter.types.includes(v.order.type)) continue;
          if (filter.topic !== undefined && v.order.topic[0] !== filter.topic) continue;
          // Phones and ID numbers masked in every text of the row, not only the caller.
          rows.push({
            view: maskPersonalData(v),
            figures: deps.sla.summary(v).figures,
            sourceName: deps.principals.nameOf(v.source),
          });
        }
        cursor = page.nextCursor ?? undefined;
        if (!cursor || rows.length >= MAX_ROWS) break;
      }
      const t = ordersTable(rows.slice(0, MAX_ROWS), style(q.labels), utcOffsetMinutes);
      const codes = q.labels === 'codes';
      return c.body(toCsv(t.header, t.rows), 200, {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': attachment(
          `orders-${filter.period}.csv`,
          `工单明细-${filter.period}.csv`,
          codes,
        ),
      });
    },
  );
  const FiguresCsvQuery = MetricsQuery.extend({
    by: z.enum(['district', 'street', 'station']).default('street'),
    labels: Labels,
  });
  const unitZh = { district: '区县', street: '街道', station: '工作站' } as const;
  defineRoute(
    app,
    {
      method: 'get',
      path: '/v1/metrics/export/figures.csv',
      summary: 'The ranking with every rate, as CSV',
      tags: ['Metrics'],
      roles: ['auditor', 'supervisor', 'admin'],
      request: { query: FiguresCsvQuery },
      responses: { 200: csvResponse },
    },
    async (c) => {
      const q = query(c, FiguresCsvQuery);
      const { period, ...filter } = scopedFilter(c.get('principal'), q, deps);
      const r = await deps.metrics.ranking(period, q.by, filter);
      const t = rankingTable(r, deps.metrics.config.period, style(q.labels));
      return c.body(toCsv(t.header, t.rows), 200, {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': attachment(
          `figures-${period}-${q.by}.csv`,
          `${unitZh[q.by]}排名-${period}.csv`,
          q.labels === 'codes',
        ),
      });
    },
  );
}
