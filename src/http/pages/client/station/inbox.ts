// The inbox: three tabs (待签收, 办理中, 已办结), each sorted by urgency and the next deadline, with
// that deadline's countdown coloured as the policy's warning thresholds pass; and 协办, the orders
// the station assists, grouped by its own part (待签收协办, 协办中, finished) whatever the lead's state. Updated in place,
// row by row, so a refresh never moves focus or scroll.
import type { OrderView } from '../../../../../contracts/views.js';
import { byId, h } from '../lib/dom.js';
import { fmt, label, messages } from '../lib/messages.js';
import { countdown } from '../lib/time.js';
import { compareOrders, nextFigure, otherBreached, tabOf, tabs, type Tab } from './order-facts.js';
import { assistTag } from './assist.js';
import { ownPart, partGroup, partGroups, type PartGroup } from './assist-part.js';

/** At most this many done orders are listed (the most recently changed). */
const doneShown = 100;

export class Inbox {
  private readonly orders = new Map<string, OrderView>();
  private readonly rows = new Map<string, HTMLLIElement>();
  private readonly groupHeads = new Map<PartGroup, HTMLLIElement>();
  private readonly list = byId<HTMLUListElement>('orders');
  private readonly status = byId('list-status');
  private tab: Tab = 'waiting';
  private selected: string | undefined;
  private loaded = false;

  constructor(private readonly onSelect: (id: string) => void) {
    for (const t of tabs) byId(`tab-${t}`).addEventListener('click', () => this.show(t));
  }

  get currentTab(): Tab {
    return this.tab;
  }

  get(id: string): OrderView | undefined {
    return this.orders.get(id);
  }

  has(id: string): boolean {
    return this.orders.has(id);
  }

  /** Replaces every order in the states read with these (orders gone from them are dropped). */
  replace(views: readonly OrderView[], states: readonly OrderView['state'][]): void {
    for (const [id, v] of this.orders) {
      if (!tabOf(v) || states.includes(v.state)) this.orders.delete(id);
    }
    for (const v of views) this.put(v);
    this.loaded = true;
    this.render();
  }

  /** One newer view of one order (after an action): never replaces a newer one with an older. */
  upsert(view: OrderView): void {
    this.put(view);
    this.render();
  }

  private put(view: OrderView): void {
    const known = this.orders.get(view.id);
    if (known && known.version > view.version) return;
    if (tabOf(view)) this.orders.set(view.id, view);
    else this.orders.delete(view.id); // returned or re-routed: no longer this station's
  }

  show(tab: Tab): void {
    this.tab = tab;
    for (const t of tabs) byId(`tab-${t}`).setAttribute('aria-pressed', String(t === tab));
    this.render();
  }

  select(id: string | undefined): void {
    this.selected = id;
    for (const [rowId, row] of this.rows) row.setAttribute('aria-current', String(rowId === id));
  }

  /** The row of an order, to give focus back when the worker returns to the list. */
  row(id: string): HTMLElement | undefined {
    return this.rows.get(id)?.querySelector('button') ?? undefined;
  }

  render(): void {
    const m = messages<'station'>();
    const counts: Record<Tab, number> = { waiting: 0, working: 0, done: 0, assist: 0 };
    const groupCounts: Record<PartGroup, number> = { requested: 0, accepted: 0, finished: 0 };
    for (const v of this.orders.values()) {
      const t = tabOf(v);
      const part = ownPart(v);
      if (part) groupCounts[partGroup(part)] += 1;
      // 协办 counts the parts still to do, as 待签收 and 办理中 count open orders.
      if (t && (t !== 'assist' || (part && partGroup(part) !== 'finished'))) counts[t] += 1;
    }
    for (const t of tabs) byId(`count-${t}`).textContent = t === 'done' ? '' : String(counts[t]);
    const group = (v: OrderView) => {
      const part = ownPart(v);
      return part ? partGroup(part) : 'finished';
    };
    let shown = [...this.orders.values()]
      .filter((v) => tabOf(v) === this.tab)
      .sort((a, b) =>
        this.tab === 'assist'
          ? partGroups.indexOf(group(a)) - partGroups.indexOf(group(b)) || compareOrders(a, b)
          : compareOrders(a, b),
      );
    if (this.tab === 'done' || this.tab === 'assist') shown = shown.slice(0, doneShown);

    const keep = new Set(shown.map((v) => v.id));
    for (const [id, row] of this.rows)
      if (!keep.has(id)) {
        row.remove();
        this.rows.delete(id);
      }
    const headsShown = new Set<PartGroup>();
    let before: ChildNode | null = this.list.firstChild;
    for (const v of shown) {
      // 协办: a heading above each group of parts (待签收协办, 协办中, 已反馈或已关闭).
      const g = this.tab === 'assist' ? group(v) : undefined;
      if (g && !headsShown.has(g)) {
        headsShown.add(g);
        const head = this.groupHead(g, groupCounts[g]);
        if (head !== before) this.list.insertBefore(head, before);
        before = head.nextSibling;
      }
      let row = this.rows.get(v.id);
      if (!row) {
        row = h('li', { 'data-id': v.id });
        this.rows.set(v.id, row);
      }
      if (row.dataset.version !== String(v.version) || row.dataset.minute !== minuteNow()) {
        this.fill(row, v);
      }
      row.setAttribute('aria-current', String(v.id === this.selected));
      // Move a row only when it is out of place, so a focused row keeps its focus.
      if (row !== before) this.list.insertBefore(row, before);
      before = row.nextSibling;
    }
    for (const [g, head] of this.groupHeads) if (!headsShown.has(g)) head.remove();
    this.status.textContent = !this.loaded
      ? m.station.loadingList
      : shown.length === 0
        ? m.station.emptyList
        : fmt(m.common.count, { n: shown.length });
  }

  private groupHead(g: PartGroup, n: number): HTMLLIElement {
    const w = messages<'station'>().station.assist;
    let head = this.groupHeads.get(g);
    if (!head) {
      head = h('li', { class: 'list-group', 'data-group': g });
      this.groupHeads.set(g, head);
    }
    head.replaceChildren(h('h2', {}, fmt(w.group, { name: w.groups[g], n })));
    return head;
  }

  private fill(row: HTMLLIElement, v: OrderView): void {
    const m = messages<'station'>();
    const c = m.common;
    row.dataset.version = String(v.version);
    row.dataset.minute = minuteNow();
    const next = nextFigure(v);
    const urgent = v.order.urgency !== 'normal';
    const place = v.order.location.address ?? v.order.location.community ?? '';
    const chip = (f: NonNullable<typeof next>, main: boolean) =>
      h(
        'span',
        { class: `deadline ${f.status}${main ? ' next' : ''}` },
        h(
          'span',
          { class: 'deadline-target' },
          // 协办: the part's own clocks are named as such (协办签收, 协办反馈), not as the lead's 办结.
          ownPart(v) ? label(m.station.assist.targets, f.target) : label(c.targets, f.target),
        ),
        ' ',
        f.status === 'paused' ? m.station.paused : countdown(f.dueAt),
        f.status === 'warning' || f.status === 'breached'
          ? h('span', { class: 'deadline-status' }, label(c.slaStatus, f.status))
          : null,
      );
    const content = [
      h(
        'span',
        { class: 'row-title' },
        urgent
          ? h('span', { class: `tag ${v.order.urgency}` }, label(c.urgency, v.order.urgency))
          : null,
        urgent ? ' ' : null,
        h('strong', {}, v.order.title),
      ),
      h(
        'span',
        { class: 'row-deadlines' },
        next ? chip(next, true) : null,
        otherBreached(v, next).map((f) => chip(f, false)),
        v.paused && next?.status !== 'paused'
          ? h('span', { class: 'tag paused' }, m.station.paused)
          : null,
        v.slaFacts.cycle > 1 ? h('span', { class: 'tag warn' }, m.station.reopened) : null,
        assistTag(v),
        tabOf(v) === 'done' ? h('span', { class: 'tag' }, label(c.states, v.state)) : null,
        // 协办: where the lead's order stands, so a unit sees why it is back in triage or returned.
        tabOf(v) === 'assist'
          ? h(
              'span',
              { class: 'tag' },
              fmt(m.station.assist.leadState, { state: label(c.states, v.state) }),
            )
          : null,
      ),
      h(
        'span',
        { class: 'row-meta muted' },
        [v.externalId, label(c.types, v.order.type), place].filter(Boolean).join(' · '),
      ),
    ];
    const button = row.querySelector('button');
    if (button) button.replaceChildren(...content);
    else
      row.replaceChildren(
        h(
          'button',
          { type: 'button', class: 'item', onclick: () => this.onSelect(v.id) },
          ...content,
        ),
      );
  }
}

/** Countdowns are redrawn once a minute, not on every refresh. */
function minuteNow(): string {
  return String(Math.floor(Date.now() / 60_000));
}
