// What one order adds to the rollups: counters in the periods where things happened (received,
// accepted, resolved, called back, returns reviewed, urged, supervised, escalated), under the order's
// district, street, station, type and topic.
// The store keeps each order's last contribution and applies only the difference on every change,
// so the rollups stay exact however often an order changes, and a rebuild is a re-sum.
import type { AssessmentConfig } from '../../../contracts/metrics.js';
import type { SlaSummary } from '../../../contracts/sla.js';
import type { OrderView } from '../../../contracts/views.js';
import type { Measure } from '../sla/clocks.js';
import { periodOf } from './period.js';

export const counterNames = [
  'received',
  'returned',
  'reopened',
  'extended',
  'accepted',
  'acceptedOnTime',
  'resolved',
  'resolvedOnTime',
  'valid',
  'contacted',
  'solved',
  'satisfied',
  'basic',
  'respN',
  'respSum',
  'resN',
  'resSum',
  'returnsPending',
  'returnsAccepted',
  'returnsRejected',
  'urgedOrders',
  'urges',
  'supervisedOrders',
  'escalatedStreet',
  'escalatedDistrict',
] as const;
export type CounterName = (typeof counterNames)[number];
export type Counters = Partial<Record<CounterName, number>>;

export interface CellKey {
  period: string;
  district: string;
  street: string;
  station: string;
  type: string;
  topic: string;
}

export interface Contribution extends CellKey {
  counters: Counters;
  /** Durations in working hours, bucketed to 0.1 h: kind → bucket → count. */
  hist: { kind: 'resp' | 'res'; bucket: number; n: number }[];
}

export interface ContributionContext {
  config: AssessmentConfig;
  utcOffsetMinutes: number;
  /** Working-hours measure for durations (policy working hours on the calendar). */
  workingHours: Measure;
  /** The division code a station stands for (its covered place), for stations that have one. */
  stationCode: (stationId: string) => string | undefined;
}

export const bucketOf = (ms: number): number => Math.round(ms / 360_000); // 0.1 working hour

export function contributions(
  view: OrderView,
  sla: SlaSummary,
  ctx: ContributionContext,
): Contribution[] {
  // 重复件 counted once (the default): a repeat linked to its lead adds nothing; the lead counts it.
  if (view.duplicateOf !== undefined && ctx.config.duplicates !== 'each') return [];
  const cells = new Map<string, Contribution>();
  const holdings = view.slaFacts.holdings;
  const stationOfCycle = (cycle: number) =>
    [...holdings].reverse().find((h) => h.cycle === cycle)?.stationId ??
    holdings.at(-1)?.stationId ??
    '';
  const codeOf = (station: string) =>
    ctx.stationCode(station) ?? view.route.place?.code ?? view.order.location.divisionCode ?? '';
  const cell = (atIso: string, station: string): Contribution => {
    const code = codeOf(station);
    const key: CellKey = {
      period: periodOf(Date.parse(atIso), ctx.config, ctx.utcOffsetMinutes),
      district: code.length >= 6 ? code.slice(0, 6) : '',
      street: code.length >= 9 ? code.slice(0, 9) : '',
      station,
      type: view.order.type,
      topic: view.order.topic[0] ?? '',
    };
    const id = `${key.period}|${key.district}|${key.street}|${key.station}|${key.type}|${key.topic}`;
    let c = cells.get(id);
    if (!c) {
      c = { ...key, counters: {}, hist: [] };
      cells.set(id, c);
    }
    return c;
  };
  const add = (c: Contribution, name: CounterName, n = 1) => {
    c.counters[name] = (c.counters[name] ?? 0) + n;
  };

  const receivedCell = cell(view.order.receivedAt, stationOfCycle(1));
  add(receivedCell, 'received');
  if (view.returns.length > 0) add(receivedCell, 'returned');
  if (view.slaFacts.cycle > 1) add(receivedCell, 'reopened');
  if (view.extensions.length > 0) add(receivedCell, 'extended');

  // 退单审核: each reviewed return under the station that returned it, in the period of the return.
  for (const r of view.returns) {
    if (r.review === undefined) continue;
    const c = cell(r.at, r.stationId);
    if (r.review.status === 'pending') add(c, 'returnsPending');
    if (r.review.status === 'accepted') add(c, 'returnsAccepted');
    if (r.review.status === 'rejected') add(c, 'returnsRejected');
  }

  for (const f of sla.figures) {
    if (f.stoppedAt === undefined) continue;
    const c = cell(f.stoppedAt, stationOfCycle(f.cycle));
    const hours = ctx.workingHours.count(Date.parse(f.startedAt), Date.parse(f.stoppedAt));
    if (f.target === 'accept') {
      add(c, 'accepted');
      if (f.met) add(c, 'acceptedOnTime');
    }
    if (f.target === 'resolve') {
      add(c, 'resolved');
      if (f.met) add(c, 'resolvedOnTime');
      add(c, 'resN');
      add(c, 'resSum', Math.round(hours / 1000));
      c.hist.push({ kind: 'res', bucket: bucketOf(hours), n: 1 });
    }
    if (f.target === 'respond') {
      add(c, 'respN');
      add(c, 'respSum', Math.round(hours / 1000));
      c.hist.push({ kind: 'resp', bucket: bucketOf(hours), n: 1 });
    }
  }

  // 协办 credited (AssessmentConfig.assists): each part counts in its own unit's on-time 签收 figures
  // once the unit accepted it, and in its 办结 figures once it reported (a closed part: none).
  if (ctx.config.assists === 'credited')
    for (const part of sla.assists ?? []) {
      const own = view.assists?.find((a) => a.part === part.part);
      for (const f of part.figures) {
        if (f.stoppedAt === undefined || own === undefined) continue;
        const c = cell(f.stoppedAt, part.stationId);
        if (f.target === 'accept' && own.acceptedAt !== undefined) {
          add(c, 'accepted');
          if (f.met) add(c, 'acceptedOnTime');
        }
        if (f.target === 'resolve' && own.status === 'reported') {
          add(c, 'resolved');
          if (f.met) add(c, 'resolvedOnTime');
        }
      }
    }

  // 督办: where and when it happened (the station urged, or holding the order then). The auditor's
  // 催办件数, 督办件数 and 升级件数 count orders (件), so an order counts once per kind in a period,
  // at its first such event there, however often it was urged or escalated in it (a later period
  // counts it again: it was urged again then); 催办次数 (urges) counts every notice. Escalations
  // are the policy's; a supervisor's 督办 by hand, at any level, is supervisedOrders alone.
  const sup = view.supervision;
  if (sup) {
    const stationAt = (at: string) => {
      const t = Date.parse(at);
      const held = holdings.find(
        (h) => Date.parse(h.from) <= t && (h.to === undefined || t < Date.parse(h.to)),
      );
      return held?.stationId ?? holdings.at(-1)?.stationId ?? '';
    };
    const counted = new Set<string>();
    const once = (c: Contribution, name: CounterName) => {
      if (counted.has(`${c.period}|${name}`)) return;
      counted.add(`${c.period}|${name}`);
      add(c, name);
    };
    for (const u of sup.urged ?? []) {
      const c = cell(u.at, u.stationId ?? stationAt(u.at));
      add(c, 'urges');
      once(c, 'urgedOrders');
    }
    for (const x of sup.escalations) {
      const c = cell(x.at, x.stationId ?? stationAt(x.at));
      if (x.by !== 'policy') once(c, 'supervisedOrders');
      else once(c, x.level === 'street' ? 'escalatedStreet' : 'escalatedDistrict');
    }
  }

  for (const cb of view.callbacks) {
    if (!cb.valid) continue;
    const c = cell(cb.at, stationOfCycle(cb.cycle));
    add(c, 'valid');
    if (cb.contacted) add(c, 'contacted');
    if (cb.solved) add(c, 'solved');
    if (cb.satisfaction === 'satisfied') add(c, 'satisfied');
    if (cb.satisfaction === 'basically_satisfied') add(c, 'basic');
  }
  return [...cells.values()];
}
