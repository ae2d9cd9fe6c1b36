// What others put on an order that the worker must see at the top of it: 督办 (the level it was
// escalated to, how often it was urged, and the latest notices with a supervisor's words), and
// 重复件 (every other caller whose repeat joined this order, with a call button each, since each
// is called back on their own). Built from the view and its timeline; text only, never markup.
import type { OrderEvent } from '../../../../../contracts/events.js';
import type { OrderView } from '../../../../../contracts/views.js';
import { phoneText } from '../../messages/format.js';
import { h } from '../lib/dom.js';
import { fmt, label, messages } from '../lib/messages.js';
import { beijingTime, deadlineTime } from '../lib/time.js';

/** How many supervision notices are shown, newest first (the rest are in 流转记录). */
const shownNotices = 3;

const words = () => messages<'station'>();

function supervisionLine(e: OrderEvent): HTMLElement | null {
  const m = words();
  const c = m.common;
  const n = m.station.notices.supervision;
  const d = e.data;
  const when = h('span', { class: 'muted' }, beijingTime(e.at));
  const line = (title: string, text: string) =>
    h('li', { 'data-event': d.type }, h('strong', {}, title), ' ', when, h('br'), text);
  switch (d.type) {
    case 'supervision.urged':
      return line(
        n.urge,
        d.note ??
          fmt(n.urgeByPolicy, {
            target: label(c.targets, d.target ?? 'resolve'),
            time: deadlineTime(d.dueAt),
          }),
      );
    case 'supervision.escalated':
      return line(
        label(c.events, d.type),
        `${label(c.supervisionLevels, d.level)}：${d.note ?? n.byPolicy}`,
      );
    case 'supervision.reminded':
      return line(
        label(c.events, d.type),
        fmt(n.reminder, { target: label(c.targets, d.target), time: deadlineTime(d.dueAt) }),
      );
    default:
      return null;
  }
}

function supervisionNotice(view: OrderView, events: readonly OrderEvent[]): HTMLElement | null {
  const n = words().station.notices.supervision;
  const c = words().common;
  const lines = events
    .filter((e) => e.data.type.startsWith('supervision.'))
    .slice(-shownNotices)
    .reverse()
    .map(supervisionLine)
    .filter((x): x is HTMLElement => x !== null);
  const s = view.supervision;
  if (!s && lines.length === 0) return null;
  return h(
    'section',
    { class: 'order-notice supervision-notice', 'aria-labelledby': 'notice-supervision' },
    h('h3', { id: 'notice-supervision' }, n.heading),
    h(
      'p',
      { class: 'order-tags' },
      s?.level
        ? h(
            'span',
            { class: `tag ${s.level === 'district' ? 'breached' : 'warn'}` },
            fmt(n.level, { level: label(c.supervisionLevels, s.level) }),
          )
        : null,
      s && s.urges > 0 ? h('span', { class: 'tag warn' }, fmt(n.urges, { n: s.urges })) : null,
    ),
    lines.length > 0 ? h('ul', { class: 'plain', 'aria-label': n.recent }, lines) : null,
  );
}

function duplicatesNotice(view: OrderView): HTMLElement | null {
  const n = words().station.notices.duplicates;
  if (view.duplicateOf)
    return h(
      'section',
      { class: 'order-notice duplicate-notice' },
      h('p', {}, fmt(n.isDuplicate, { id: view.duplicateOf })),
    );
  const callers = view.joinedCallers ?? [];
  if (callers.length === 0) return null;
  return h(
    'section',
    { class: 'order-notice duplicate-notice', 'aria-labelledby': 'notice-duplicates' },
    h('h3', { id: 'notice-duplicates' }, fmt(n.heading, { n: callers.length })),
    h('p', { class: 'muted' }, n.intro),
    h(
      'ul',
      { class: 'plain joined-callers' },
      callers.map((j) =>
        h(
          'li',
          { 'data-order': j.orderId },
          h('strong', {}, j.caller.name ?? ''),
          ' ',
          h('span', { class: 'muted' }, fmt(n.receivedAt, { time: beijingTime(j.receivedAt) })),
          h('br'),
          h('span', { class: 'muted' }, fmt(n.number, { id: j.externalId })),
          h('p', { class: 'order-content' }, j.content),
          j.caller.phone
            ? h(
                'a',
                { class: 'button call', href: `tel:${j.caller.phone.replace(/[^\d+]/g, '')}` },
                fmt(n.call, { phone: phoneText(j.caller.phone) }),
              )
            : null,
        ),
      ),
    ),
  );
}

/** The notices of an order, in the order a worker needs them: 督办 first, then the other callers. */
export function orderNotices(view: OrderView, events: readonly OrderEvent[]): HTMLElement[] {
  return [supervisionNotice(view, events), duplicatesNotice(view)].filter(
    (x): x is HTMLElement => x !== null,
  );
}
