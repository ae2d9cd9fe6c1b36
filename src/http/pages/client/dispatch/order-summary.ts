// The top of every queue card: what the order is about, where, since when, and how urgent; the
// citizen's words as text (never markup).
import type { OrderView } from '../../../../../contracts/views.js';
import { h } from '../lib/dom.js';
import { label } from '../lib/messages.js';
import { beijingTime } from '../lib/time.js';
import type { ConsoleContext } from './context.js';

export function orderSummary(o: OrderView, ctx: ConsoleContext, extra: Node[] = []): HTMLElement {
  const { m } = ctx;
  const c = m.common;
  const d = m.dispatch.order;
  const urgency = o.order.urgency;
  return h(
    'div',
    { class: 'order-summary' },
    h(
      'h3',
      { class: 'order-title' },
      urgency !== 'normal'
        ? h('span', { class: `tag ${urgency}` }, label(c.urgency, urgency))
        : null,
      ' ',
      o.order.title,
    ),
    h(
      'p',
      { class: 'order-tags' },
      o.order.urgency !== 'normal'
        ? [h('span', { class: `tag ${o.order.urgency}` }, label(c.urgency, o.order.urgency)), ' ']
        : null,
      h('span', { class: 'tag' }, label(c.types, o.order.type)),
      ' ',
      o.order.topic.length > 0 ? h('span', { class: 'tag' }, o.order.topic.join(' › ')) : null,
      ' ',
      h('span', { class: 'tag' }, label(c.states, o.state)),
    ),
    h(
      'dl',
      { class: 'facts' },
      h('dt', {}, d.receivedAt),
      h('dd', {}, beijingTime(o.order.receivedAt)),
      o.order.location.address !== undefined
        ? [h('dt', {}, d.address), h('dd', {}, o.order.location.address)]
        : null,
      o.station ? [h('dt', {}, d.station), h('dd', {}, o.station.name)] : null,
      h('dt', {}, d.externalId),
      h('dd', {}, o.externalId),
      ...extra,
    ),
    h(
      'details',
      { class: 'order-content' },
      h('summary', {}, d.content),
      h('p', {}, o.order.content),
    ),
  );
}
