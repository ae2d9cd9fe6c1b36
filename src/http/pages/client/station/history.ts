// 流转记录: the order's timeline as a worker reads it, oldest first: when, what, who (the person's
// name where the API gives it, else the station or the hotline), and what they wrote. A reopen (重办)
// starts a new cycle and is marked as one; extension requests and decisions show their dates.
import type { OrderEvent } from '../../../../../contracts/events.js';
import { h } from '../lib/dom.js';
import { fmt, label, messages } from '../lib/messages.js';
import { beijingTime, deadlineTime } from '../lib/time.js';

export interface WhoNames {
  /** Station id → station name, for events by a station without a named person. */
  stations: ReadonlyMap<string, string>;
}

function who(e: OrderEvent, names: WhoNames): string {
  const m = messages<'station'>();
  if (e.actor.account?.name) return e.actor.account.name;
  switch (e.actor.role) {
    case 'system':
      return m.station.history.system;
    case 'source':
      return m.station.history.hotline;
    case 'station':
      return names.stations.get(e.actor.id) ?? label(m.common.roles, 'station');
    default:
      return label(m.common.roles, e.actor.role);
  }
}

function details(e: OrderEvent, names?: WhoNames): (string | null)[] {
  const m = messages<'station'>();
  const t = m.station.history;
  const c = m.common;
  const d = e.data;
  const note = (text: string | undefined) => (text ? fmt(t.note, { text }) : null);
  switch (d.type) {
    case 'order.dispatched':
      return [fmt(t.dispatchedTo, { name: d.stationName }), note(d.note)];
    case 'order.accepted':
    case 'order.work_started':
    case 'order.resumed':
      return [note(d.note)];
    case 'order.contacted':
      return [
        d.method ? fmt(t.method, { method: label(c.contactMethods, d.method) }) : null,
        note(d.note),
      ];
    case 'order.resolved':
      return [fmt(t.result, { text: d.result }), d.reply ? fmt(t.reply, { text: d.reply }) : null];
    case 'order.returned':
      return [fmt(t.reason, { text: label(c.returnReasons, d.reason) }), note(d.note)];
    case 'order.return_rejected':
      return [fmt(t.rejectedNote, { text: d.note })];
    case 'order.return_accepted':
      return [note(d.note)];
    case 'order.extension_requested':
      return [
        fmt(t.reason, { text: d.reason }),
        fmt(t.requested, { time: deadlineTime(d.requestedDueAt) }),
      ];
    case 'order.extension_decided':
      return [
        d.approved ? fmt(t.approved, { time: deadlineTime(d.newDueAt) }) : t.denied,
        note(d.note),
      ];
    case 'order.paused':
      return [fmt(t.reason, { text: d.reason })];
    case 'order.reopened':
      return [fmt(t.reason, { text: d.reason }), fmt(t.dispatchedTo, { name: d.stationName })];
    case 'order.callback_recorded':
      return [
        d.satisfaction
          ? fmt(t.satisfaction, { text: label(c.satisfaction, d.satisfaction) })
          : null,
        note(d.note),
      ];
    case 'sla.warning':
      return [label(c.targets, d.target), fmt(t.threshold, { p: Math.round(d.threshold * 100) })];
    case 'sla.breached':
      return [label(c.targets, d.target)];
    // 协办: which unit, and what it was asked or reported.
    case 'order.assist_requested':
      return [fmt(m.station.assist.historyAsked, { name: d.stationName }), note(d.note)];
    case 'order.assist_reported':
      return [fmt(m.station.assist.historyOpinion, { text: d.opinion })];
    case 'order.assist_closed':
    case 'order.assist_removed':
      return [
        fmt(m.station.assist.historyUnit, {
          name: names?.stations.get(d.stationId) ?? d.stationId,
        }),
        note(d.note),
      ];
    default:
      return [];
  }
}

export function historyList(events: readonly OrderEvent[], names: WhoNames): HTMLElement {
  const m = messages<'station'>();
  if (events.length === 0) return h('p', { class: 'muted' }, m.station.detail.historyEmpty);
  let cycle = 1;
  const items: HTMLElement[] = [];
  for (const e of events) {
    const reopened = e.data.type === 'order.reopened';
    if (reopened) cycle += 1;
    const kind = reopened
      ? 'reopen'
      : e.data.type === 'sla.breached'
        ? 'bad'
        : e.data.type === 'sla.warning'
          ? 'warn'
          : '';
    items.push(
      h(
        'li',
        { class: kind, 'data-type': e.data.type },
        reopened
          ? h('p', { class: 'cycle-mark' }, fmt(m.station.history.cycleStart, { n: cycle }))
          : null,
        h(
          'p',
          { class: 'history-head' },
          h('strong', {}, label(m.common.events, e.data.type)),
          ' ',
          h('span', { class: 'history-who' }, who(e, names)),
        ),
        h('p', { class: 'muted' }, h('time', { datetime: e.at }, beijingTime(e.at))),
        details(e, names)
          .filter((x): x is string => !!x)
          .map((x) => h('p', { class: 'history-detail' }, x)),
      ),
    );
  }
  return h('ol', { class: 'timeline' }, items);
}
