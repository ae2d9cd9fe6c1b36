// The columns of the auditors' CSV exports, in one place for both styles: Chinese column names and
// values from the one label table (contracts/labels.zh-CN.ts) with local times for people, or stable
// English column keys, codes and UTC for programs. Personal data is masked in both.
import { codeLabelsZhCN as zh } from '../../../contracts/labels.zh-CN.js';
import type { AssessmentConfig, Ranking } from '../../../contracts/metrics.js';
import type { SlaFigure } from '../../../contracts/sla.js';
import type { OrderView } from '../../../contracts/views.js';
import { maskName, maskPhone } from '../text/phone.js';
import { csvTime, timeZoneNameZh, type CsvStyle } from './csv.js';
import { lastValidCallback } from '../lifecycle/callbacks.js';

export interface CsvTable {
  header: string[];
  rows: unknown[][];
}

/** One column: its Chinese name, its key for programs, and its value in either style. */
interface Column<T> {
  zh: string;
  key: string;
  value: (row: T, style: CsvStyle) => unknown;
}

function labelled<K extends string>(
  table: Readonly<Record<K, string>>,
): (code: string | undefined, style: CsvStyle) => string {
  return (code, style) => {
    if (code === undefined) return '';
    if (style === 'codes') return code;
    return (table as Readonly<Record<string, string>>)[code] ?? code;
  };
}
const yesNo = (v: boolean | undefined, style: CsvStyle): string | boolean =>
  v === undefined ? '' : style === 'codes' ? v : v ? '是' : '否';

export interface OrderRow {
  view: OrderView;
  /** The SLA figures as of the export (SlaEngine.summary). */
  figures: readonly SlaFigure[];
  /** The hotline source's display name (principals.json), shown to people instead of its id. */
  sourceName?: string | undefined;
}

function orderColumns(utcOffsetMinutes: number): Column<OrderRow>[] {
  const time = (iso: string | undefined, style: CsvStyle) => csvTime(iso, style, utcOffsetMinutes);
  /** A time column's Chinese name says the zone: its cells are wall-clock times without an offset. */
  const timed = (name: string) => `${name}（${timeZoneNameZh(utcOffsetMinutes)}）`;
  const state = labelled(zh.states);
  const type = labelled(zh.types);
  const urgency = labelled(zh.urgency);
  const sla = labelled(zh.slaStatus);
  const reason = labelled(zh.returnReasons);
  const satisfaction = labelled(zh.satisfaction);
  const supervisionLevel = labelled(zh.supervisionLevels);
  /** The current cycle's figure of a target (a reopened order has one per cycle). */
  const fig = (r: OrderRow, target: string) => r.figures.filter((f) => f.target === target).at(-1);
  const callback = (r: OrderRow) => lastValidCallback(r.view);
  const caller = (r: OrderRow) => r.view.order.caller;
  return [
    { zh: '工单ID', key: 'id', value: (r) => r.view.id },
    { zh: '工单编号', key: 'externalId', value: (r) => r.view.externalId },
    // People read the source's name and its id after it; programs the id and the name after it.
    {
      zh: '来源',
      key: 'source',
      value: (r, s) => (s === 'codes' ? r.view.source : (r.sourceName ?? r.view.source)),
    },
    {
      zh: '来源编码',
      key: 'sourceName',
      value: (r, s) => (s === 'codes' ? (r.sourceName ?? '') : r.view.source),
    },
    { zh: '诉求类型', key: 'type', value: (r, s) => type(r.view.order.type, s) },
    { zh: '紧急程度', key: 'urgency', value: (r, s) => urgency(r.view.order.urgency, s) },
    { zh: '问题分类', key: 'topic', value: (r) => r.view.order.topic.join('>') },
    { zh: '标题', key: 'title', value: (r) => r.view.order.title },
    { zh: '来电人', key: 'callerName', value: (r) => mask(caller(r).name, maskName) },
    { zh: '来电号码', key: 'callerPhone', value: (r) => mask(caller(r).phone, maskPhone) },
    { zh: timed('来电时间'), key: 'receivedAt', value: (r, s) => time(r.view.order.receivedAt, s) },
    { zh: '承办单位', key: 'station', value: (r) => r.view.station?.name ?? '' },
    { zh: '状态', key: 'state', value: (r, s) => state(r.view.state, s) },
    { zh: '签收时限状态', key: 'acceptSla', value: (r, s) => sla(fig(r, 'accept')?.status, s) },
    { zh: '响应时限状态', key: 'respondSla', value: (r, s) => sla(fig(r, 'respond')?.status, s) },
    { zh: '办结时限状态', key: 'resolveSla', value: (r, s) => sla(fig(r, 'resolve')?.status, s) },
    {
      zh: timed('办结时限'),
      key: 'resolveDueAt',
      value: (r, s) => time(fig(r, 'resolve')?.dueAt, s),
    },
    { zh: '退单次数', key: 'returns', value: (r) => r.view.returns.length },
    {
      zh: '最近退单原因',
      key: 'lastReturnReason',
      value: (r, s) => reason(r.view.returns.at(-1)?.reason, s),
    },
    // The callback survey's answers (回访), not the station's own contact (its events): said so.
    { zh: '回访：是否联系', key: 'contacted', value: (r, s) => yesNo(callback(r)?.contacted, s) },
    { zh: '回访：是否解决', key: 'solved', value: (r, s) => yesNo(callback(r)?.solved, s) },
    {
      zh: '回访：是否满意',
      key: 'satisfaction',
      value: (r, s) => satisfaction(callback(r)?.satisfaction, s),
    },
    { zh: timed('回访时间'), key: 'callbackAt', value: (r, s) => time(callback(r)?.at, s) },
    { zh: '办理结果', key: 'result', value: (r) => r.view.result ?? '' },
    { zh: '催办次数', key: 'urges', value: (r) => r.view.supervision?.urges ?? 0 },
    {
      zh: '督办级别',
      key: 'supervisionLevel',
      value: (r, s) => supervisionLevel(r.view.supervision?.level, s),
    },
  ];
}

const mask = (v: string | undefined, f: (s: string) => string) => (v === undefined ? '' : f(v));

function table<T>(columns: Column<T>[], rows: Iterable<T>, style: CsvStyle): CsvTable {
  const out: unknown[][] = [];
  for (const r of rows) out.push(columns.map((c) => c.value(r, style)));
  return { header: columns.map((c) => (style === 'codes' ? c.key : c.zh)), rows: out };
}

/** The orders export: one row per order, caller masked. */
export function ordersTable(
  rows: Iterable<OrderRow>,
  style: CsvStyle,
  utcOffsetMinutes: number,
): CsvTable {
  return table(orderColumns(utcOffsetMinutes), rows, style);
}

type RankingRow = Ranking['rows'][number];

/** The ranking export: every unit with its rates and the configuration that made them. */
export function rankingTable(
  ranking: Ranking,
  period: AssessmentConfig['period'],
  style: CsvStyle,
): CsvTable {
  const basis =
    style === 'codes'
      ? `${ranking.config.version} / ${ranking.config.period}`
      : `${ranking.config.name} / ${periodNameZh(period)}`;
  const columns: Column<RankingRow>[] = [
    { zh: '排名', key: 'rank', value: (r) => r.rank },
    { zh: '编码', key: 'code', value: (r) => r.code },
    { zh: '名称', key: 'name', value: (r) => r.name },
    { zh: '受理量', key: 'received', value: (r) => r.received },
    { zh: '有效回访', key: 'validCallbacks', value: (r) => r.validCallbacks },
    { zh: '响应率', key: 'responseRate', value: (r) => r.responseRate },
    { zh: '解决率', key: 'resolutionRate', value: (r) => r.resolutionRate },
    { zh: '满意率', key: 'satisfactionRate', value: (r) => r.satisfactionRate },
    { zh: '综合得分', key: 'composite', value: (r) => r.composite },
    // 督办 of the period (contracts/metrics.ts SupervisionFigures): orders, except 催办次数.
    { zh: '催办件数', key: 'urgedOrders', value: (r) => r.supervision.urgedOrders },
    { zh: '催办次数', key: 'urges', value: (r) => r.supervision.urges },
    { zh: '督办件数', key: 'supervisedOrders', value: (r) => r.supervision.supervisedOrders },
    { zh: '升级至街道', key: 'escalatedToStreet', value: (r) => r.supervision.escalatedToStreet },
    {
      zh: '升级至区级',
      key: 'escalatedToDistrict',
      value: (r) => r.supervision.escalatedToDistrict,
    },
    { zh: '考核口径', key: 'basis', value: () => basis },
  ];
  return table(columns, ranking.rows, style);
}

/** The kind of assessment period in Chinese: 自然月, or 上月19日至本月18日. */
export function periodNameZh(period: AssessmentConfig['period']): string {
  return period.kind === 'calendar_month'
    ? '自然月'
    : `上月${period.startDay}日至本月${period.startDay - 1}日`;
}
