// One order as an auditor reads it: who called (masked by the API), where, what, which station, and
// every event of its history with who did it and when.
import { phoneText } from '../../messages/format.js';
import { h } from '../lib/dom.js';
import { fmt, label, messages } from '../lib/messages.js';
import { beijingTime, deadlineTime } from '../lib/time.js';
import type { OrderEvent, OrderView } from './data.js';

function detail(e: OrderEvent): string {
  const t = messages<'audit'>().audit.timeline;
  const c = messages().common;
  const d = e.data;
  switch (d.type) {
    case 'order.dispatched':
      return [fmt(t.to, { name: d.stationName }), d.note].filter(Boolean).join('；');
    case 'order.returned':
      return [label(c.returnReasons, d.reason), d.note].filter(Boolean).join('：');
    case 'order.return_rejected':
      return [fmt(t.to, { name: d.stationName }), d.note].join('；');
    case 'order.reopened':
      return [fmt(t.to, { name: d.stationName }), d.reason].join('；');
    case 'order.resolved':
      return d.result;
    case 'order.extension_requested':
      return [d.reason, fmt(t.requested, { at: deadlineTime(d.requestedDueAt) })].join('；');
    case 'order.extension_decided':
      return [
        d.approved ? t.approved : t.denied,
        d.newDueAt ? fmt(t.newDue, { at: deadlineTime(d.newDueAt) }) : '',
        d.note ?? '',
      ]
        .filter(Boolean)
        .join('；');
    case 'order.paused':
      return d.reason;
    case 'order.callback_recorded':
      return [d.satisfaction ? label(c.satisfaction, d.satisfaction) : '', d.note ?? '']
        .filter(Boolean)
        .join('；');
    case 'sla.warning':
    case 'sla.breached':
      return `${label(c.targets, d.target)} ${fmt(t.dueAt, { at: deadlineTime(d.dueAt) })}`;
    case 'order.received':
    case 'order.triaged':
      return '';
    default:
      return 'note' in d && typeof d.note === 'string' ? d.note : '';
  }
}

/** Who acted, as a person reads it: the person's name, else the station's name, never a raw id. */
function who(e: OrderEvent, stations: ReadonlyMap<string, string>): string {
  const t = messages<'audit'>().audit.timeline;
  const c = messages().common;
  if (e.actor.role === 'system') return t.system;
  const role = label(c.roles, e.actor.role);
  const name =
    e.actor.account?.name ?? (e.actor.role === 'station' ? stations.get(e.actor.id) : undefined);
  return name ? fmt(t.by, { role, who: name }) : role;
}

/** Station names the order's own history gives (dispatches, reopenings), and its current station. */
function stationNames(v: OrderView, events: readonly OrderEvent[]): Map<string, string> {
  const names = new Map<string, string>();
  for (const e of events)
    if ('stationName' in e.data && 'stationId' in e.data)
      names.set(e.data.stationId, e.data.stationName);
  if (v.station) names.set(v.station.id, v.station.name);
  return names;
}

const address = (v: OrderView): string => {
  const l = v.order.location;
  return [l.district, l.street, l.community, l.address].filter(Boolean).join(' ');
};

export function renderTimeline(box: HTMLElement, v: OrderView, events: OrderEvent[]): void {
  const t = messages<'audit'>().audit.timeline;
  const c = messages().common;
  const o = v.order;
  const stations = stationNames(v, events);
  const row = (name: string, value: string | undefined) =>
    value ? [h('dt', {}, name), h('dd', {}, value)] : [];
  box.replaceChildren(
    h('h3', {}, o.title),
    h(
      'dl',
      { class: 'facts' },
      row(t.externalId, v.externalId),
      row(t.caller, o.caller.name),
      // Auditors read phones masked (the API masks them for them; an admin here reads them so too).
      row(
        t.phone,
        o.caller.phone === undefined ? undefined : phoneText(o.caller.phone, { mask: true }),
      ),
      row(t.address, address(v)),
      row(t.station, v.station?.name),
      row(t.state, label(c.states, v.state)),
      row(t.content, o.content),
    ),
    h('h3', {}, t.events),
    h(
      'ol',
      { class: 'timeline' },
      events.map((e) =>
        h(
          'li',
          { 'data-event': e.data.type },
          h('strong', {}, label(c.events, e.data.type)),
          ' ',
          h('span', { class: 'muted' }, `${beijingTime(e.at)} · ${who(e, stations)}`),
          detail(e) ? h('div', {}, detail(e)) : null,
        ),
      ),
    ),
  );
}
