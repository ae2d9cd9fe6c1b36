// One order on screen: what the citizen asked, where, who to call (a tel: link), the deadlines of
// this cycle, extensions and returns, the actions, and 流转记录. A newer view redraws only the parts
// that show data; the action panel (and anything typed in it) is left alone unless the allowed
// actions change.
import type { OrderEvent } from '../../../../../contracts/events.js';
import type { OrderView } from '../../../../../contracts/views.js';
import { ApiError, api } from '../lib/api.js';
import { h } from '../lib/dom.js';
import { fmt, label, messages } from '../lib/messages.js';
import { beijingTime, countdown, deadlineTime } from '../lib/time.js';
import { ActionPanel, type PanelHost } from './action-panel.js';
import { phoneText } from '../../messages/format.js';
import { historyList, type WhoNames } from './history.js';
import { orderNotices } from './order-notices.js';
import { assistParts, assistTag } from './assist.js';
import { currentFigures, hasPendingExtension } from './order-facts.js';

interface Shown {
  view: OrderView;
  panel: ActionPanel;
  head: HTMLElement;
  notices: HTMLElement;
  deadlines: HTMLElement;
  records: HTMLElement;
  history: HTMLElement;
}

export class OrderDetail {
  private shown: Shown | undefined;
  private loading = 0;

  constructor(
    private readonly body: HTMLElement,
    private readonly names: WhoNames,
    private readonly host: PanelHost,
  ) {}

  get id(): string | undefined {
    return this.shown?.view.id;
  }

  get view(): OrderView | undefined {
    return this.shown?.view;
  }

  clear(): void {
    this.shown = undefined;
    this.loading += 1;
    this.body.replaceChildren(h('p', { class: 'muted' }, messages<'station'>().station.pickOrder));
  }

  /** Loads and shows an order (a different one than on screen: everything is built afresh). */
  async open(id: string): Promise<void> {
    const mine = ++this.loading;
    const m = messages<'station'>();
    if (this.shown?.view.id !== id) {
      this.shown = undefined;
      this.body.replaceChildren(h('p', { class: 'muted' }, m.common.loading));
    }
    try {
      const [view, timeline] = await Promise.all([
        api<OrderView>(`/v1/orders/${encodeURIComponent(id)}`),
        api<{ events: OrderEvent[] }>(`/v1/orders/${encodeURIComponent(id)}/timeline`),
      ]);
      if (mine !== this.loading) return;
      this.build(view, timeline.events);
    } catch (err) {
      if (mine !== this.loading) return;
      const detail = err instanceof ApiError ? err.message : String(err);
      this.body.replaceChildren(
        h(
          'p',
          { class: 'form-error', role: 'alert' },
          fmt(m.station.detail.loadFailed, { detail }),
        ),
      );
    }
  }

  /** A newer view of the order on screen (a live refresh or an action's answer). */
  async update(view: OrderView): Promise<void> {
    const s = this.shown;
    if (!s || s.view.id !== view.id || s.view.version >= view.version) return;
    s.view = view;
    s.head.replaceChildren(...this.headParts(view));
    s.deadlines.replaceChildren(...this.deadlineParts(view));
    s.records.replaceChildren(...this.recordParts(view));
    s.panel.update(view);
    const timeline = await api<{ events: OrderEvent[] }>(
      `/v1/orders/${encodeURIComponent(view.id)}/timeline`,
    ).catch(() => undefined);
    if (timeline && this.shown === s) {
      s.history.replaceChildren(historyList(timeline.events, this.names));
      s.notices.replaceChildren(...orderNotices(view, timeline.events));
    }
  }

  /** Countdowns move with the clock; only their text changes. */
  tick(): void {
    for (const el of this.body.querySelectorAll<HTMLElement>('[data-due]')) {
      const due = el.dataset.due;
      if (due) el.textContent = countdown(due);
    }
  }

  private build(view: OrderView, events: readonly OrderEvent[]): void {
    const m = messages<'station'>();
    const d = m.station.detail;
    const o = view.order;
    const head = h('div', { class: 'order-tags' }, ...this.headParts(view));
    const notices = h('div', { class: 'order-notices' }, ...orderNotices(view, events));
    const deadlines = h('div', { class: 'order-deadlines' }, ...this.deadlineParts(view));
    const records = h('div', { class: 'order-records' }, ...this.recordParts(view));
    const history = h('div', { class: 'order-history' }, historyList(events, this.names));
    const panel = new ActionPanel(view, this.host);
    const place = [o.location.district, o.location.street, o.location.community, o.location.address]
      .filter((x, i, all) => x && !all.slice(i + 1).some((y) => y?.includes(x)))
      .join(' ');
    const fact = (term: string, value: string | Node | null) =>
      value ? [h('dt', {}, term), h('dd', {}, value)] : [];
    const caller = o.caller;
    this.body.replaceChildren(
      h(
        'article',
        { class: 'order', 'data-id': view.id },
        h('h2', { id: 'detail-title', tabindex: '-1' }, o.title),
        head,
        notices,
        caller.phone || caller.name
          ? h(
              'div',
              { class: 'caller' },
              h('span', {}, d.caller, '：', caller.name ?? ''),
              caller.phone
                ? h(
                    'a',
                    { class: 'button call', href: `tel:${caller.phone.replace(/[^\d+]/g, '')}` },
                    fmt(d.call, { phone: phoneText(caller.phone) }),
                  )
                : null,
            )
          : null,
        h('h3', {}, d.deadlines),
        deadlines,
        h('h3', {}, d.content),
        h('p', { class: 'order-content' }, o.content),
        h(
          'dl',
          { class: 'facts' },
          fact(d.address, place),
          fact(d.number, view.externalId),
          fact(d.type, label(m.common.types, o.type)),
          fact(d.topic, o.topic.join(' › ')),
          fact(d.channel, label(m.common.channels, o.channel)),
          fact(d.receivedAt, beijingTime(o.receivedAt)),
        ),
        records,
        panel.root,
        h('h3', {}, d.history),
        history,
      ),
    );
    this.shown = { view, panel, head, notices, deadlines, records, history };
  }

  private headParts(view: OrderView): Node[] {
    const m = messages<'station'>();
    const c = m.common;
    const tag = (cls: string, text: string, id?: string) =>
      h('span', { class: `tag ${cls}`, ...(id ? { id } : {}) }, text);
    return [
      view.order.urgency !== 'normal'
        ? tag(view.order.urgency, label(c.urgency, view.order.urgency))
        : null,
      assistTag(view),
      tag('state', label(c.states, view.state), 'state'),
      view.paused ? tag('paused', m.station.paused) : null,
      view.slaFacts.cycle > 1
        ? tag('warn', `${m.station.reopened} · ${fmt(m.station.cycle, { n: view.slaFacts.cycle })}`)
        : null,
      hasPendingExtension(view) ? tag('warn', m.station.pendingExtension) : null,
    ].filter((x): x is HTMLSpanElement => x !== null);
  }

  private deadlineParts(view: OrderView): Node[] {
    const m = messages<'station'>();
    const c = m.common;
    const figures = currentFigures(view);
    if (figures.length === 0) return [h('p', { class: 'muted' }, m.station.noDeadline)];
    return [
      h(
        'ul',
        { class: 'deadline-list' },
        figures.map((f) =>
          h(
            'li',
            { class: `deadline ${f.status}`, 'data-target': f.target },
            h(
              'span',
              { class: 'deadline-target' },
              fmt(m.station.detail.due, { target: label(c.targets, f.target) }),
            ),
            h('span', {}, fmt(m.station.detail.dueAt, { time: deadlineTime(f.dueAt) })),
            f.stoppedAt === undefined && f.status !== 'paused'
              ? h('span', { 'data-due': f.dueAt }, countdown(f.dueAt))
              : null,
            h('span', { class: 'deadline-status' }, label(c.slaStatus, f.status)),
          ),
        ),
      ),
    ];
  }

  private recordParts(view: OrderView): Node[] {
    const m = messages<'station'>();
    const d = m.station.detail;
    const c = m.common;
    const parts: Node[] = [...assistParts(view)];
    if (view.extensions.length > 0)
      parts.push(
        h('h3', {}, d.extensions),
        h(
          'ul',
          { class: 'plain' },
          view.extensions.map((e) =>
            h(
              'li',
              {},
              fmt(d.extensionLine, {
                requested: deadlineTime(e.requestedDueAt),
                status: label(c.extension, e.status),
              }),
              e.newDueAt ? ` ${fmt(d.extensionApproved, { time: deadlineTime(e.newDueAt) })}` : '',
              h('br'),
              h('span', { class: 'muted' }, e.reason),
            ),
          ),
        ),
      );
    if (view.returns.length > 0)
      parts.push(
        h('h3', {}, d.returns),
        h(
          'ul',
          { class: 'plain' },
          view.returns.map((r) =>
            h(
              'li',
              {},
              `${beijingTime(r.at)} ${label(c.returnReasons, r.reason)}`,
              h('br'),
              h('span', { class: 'muted' }, r.note),
              // The dispatcher's review: a rejection's reason is written for this station to read.
              r.review?.status === 'rejected'
                ? [
                    h('br'),
                    h(
                      'strong',
                      { class: 'review-note' },
                      fmt(d.returnRejected, { text: r.review.note ?? '' }),
                    ),
                  ]
                : r.review?.status === 'accepted'
                  ? [h('br'), h('span', { class: 'muted' }, d.returnAccepted)]
                  : r.review?.status === 'pending'
                    ? [h('br'), h('span', { class: 'muted' }, d.returnPending)]
                    : null,
            ),
          ),
        ),
      );
    if (view.result)
      parts.push(h('h3', {}, d.result), h('p', { class: 'order-content' }, view.result));
    return parts;
  }
}
