// The orders behind a station's (or any unit's) figures in the period: a page at a time, each
// opening its timeline.
import { h } from '../lib/dom.js';
import { label, messages } from '../lib/messages.js';
import { beijingTime } from '../lib/time.js';
import type { OrderView } from './data.js';
import { dataTable } from './table.js';

/** The SLA status of the order's current 办结 target, as a coloured tag. */
export function resolveTag(v: OrderView): Node | string {
  const c = messages().common;
  const f = v.sla?.figures.filter((x) => x.target === 'resolve').at(-1);
  return f ? h('span', { class: `tag ${f.status}` }, label(c.slaStatus, f.status)) : '';
}

export function ordersTable(
  caption: string,
  items: readonly OrderView[],
  open: (id: string) => void,
  extra?: { head: string; cell: (v: OrderView) => Node | string },
): HTMLTableElement {
  const m = messages<'audit'>().audit.orders;
  const c = messages().common;
  return dataTable(
    caption,
    [m.receivedAt, m.title, m.type, m.urgency, m.state, extra?.head ?? m.resolveSla],
    items.map((v) => [
      beijingTime(v.order.receivedAt),
      h(
        'button',
        { type: 'button', class: 'link', 'data-order': v.id, onclick: () => open(v.id) },
        v.order.title,
      ),
      label(c.types, v.order.type),
      v.order.urgency === 'normal'
        ? label(c.urgency, v.order.urgency)
        : h('span', { class: `tag ${v.order.urgency}` }, label(c.urgency, v.order.urgency)),
      label(c.states, v.state),
      extra ? extra.cell(v) : resolveTag(v),
    ]),
  );
}
