// 退单审核中: the orders this station returned that wait for a dispatcher's review, listed under the
// inbox, read-only (no button, nothing to do but wait), so a worker does not lose sight of them; a
// rejected return comes back into the inbox by itself, an accepted one leaves this list.
import type { OrderView } from '../../../../../contracts/views.js';
import { api } from '../lib/api.js';
import { h } from '../lib/dom.js';
import { fmt, label, messages } from '../lib/messages.js';
import { beijingTime } from '../lib/time.js';

export class ReturnedList {
  private readonly root: HTMLElement;
  private readonly heading: HTMLElement;
  private readonly list: HTMLUListElement;
  private reading = 0;

  constructor(
    private readonly stationId: string,
    after: Element,
  ) {
    const n = messages<'station'>().station.notices.returned;
    this.heading = h('h2', { id: 'returned-title' });
    this.list = h('ul', { class: 'list station-list returned-list', id: 'returned-orders' });
    this.root = h(
      'section',
      { class: 'returned-orders', id: 'returned', 'aria-labelledby': 'returned-title' },
      this.heading,
      h('p', { class: 'muted' }, n.intro),
      this.list,
    );
    this.root.hidden = true;
    after.after(this.root);
  }

  /** Reads the list again; a slower answer of an older read never overwrites a newer one. */
  async refresh(): Promise<void> {
    const mine = ++this.reading;
    const page = await api<{ items: OrderView[] }>(
      `/v1/stations/${encodeURIComponent(this.stationId)}/returns`,
    ).catch(() => undefined);
    if (!page || mine !== this.reading) return;
    this.render(page.items);
  }

  private render(items: readonly OrderView[]): void {
    const m = messages<'station'>();
    const n = m.station.notices.returned;
    this.root.hidden = items.length === 0;
    this.heading.textContent = fmt(n.heading, { n: items.length });
    this.list.replaceChildren(
      ...items.map((v) => {
        const r = v.returns.at(-1);
        return h(
          'li',
          { 'data-id': v.id, class: 'returned-item' },
          h(
            'span',
            { class: 'row-title' },
            h('span', { class: 'tag warn' }, n.state),
            ' ',
            h('strong', {}, v.order.title),
          ),
          r
            ? h(
                'span',
                { class: 'row-meta' },
                fmt(n.reason, { reason: label(m.common.returnReasons, r.reason) }),
                ' · ',
                fmt(n.at, { time: beijingTime(r.at) }),
              )
            : null,
          h('span', { class: 'row-meta muted' }, v.externalId),
        );
      }),
    );
  }
}
