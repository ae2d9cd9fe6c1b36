// The audit page's script (考核看板): a period, a place in the drill-down (scope → district → street →
// station → orders → timeline), and everything on screen read from the metrics API for that pair.
// Figures are never computed here: the page shows what the API answers.
import { ApiError } from './lib/api.js';
import { byId, h } from './lib/dom.js';
import { fmt, messages } from './lib/messages.js';
import { notify, requireSession } from './lib/shell.js';
import { read, type Periods, type RankBy } from './audit/data.js';
import { renderExports } from './audit/exports.js';
import { renderKpis } from './audit/kpis.js';
import { ordersTable } from './audit/orders.js';
import { renderRanking } from './audit/ranking.js';
import { DrillPath, type Step } from './audit/scope.js';
import { renderTimeline } from './audit/timeline.js';
import { renderTrend, resizeTrend } from './audit/trend-chart.js';
import { renderWatch, type WatchKind } from './audit/watch.js';
import { mountRoutingAccuracy } from './audit/routing-accuracy.js';
import { renderSupervisionFigures } from './audit/supervision-figures.js';

const m = () => messages<'audit'>().audit;
/** 2026-03-18 → 3月18日: the year is in the period's name already. */
const monthDay = (date: string) => {
  const [, mm = '', dd = ''] = date.split('-');
  return fmt(m().monthDay, { m: Number(mm), d: Number(dd) });
};

const fail = (err: unknown) => {
  if (err instanceof DOMException && err.name === 'AbortError') return;
  notify(
    fmt(messages().common.errors.failed, {
      detail: err instanceof ApiError ? err.message : String(err),
    }),
  );
};

class Dashboard {
  private period = '';
  private by: RankBy = 'street';
  private watchKind: WatchKind = 'overdue';
  private generation = 0;
  private ordersCursor: string | null = null;

  constructor(
    private drill: DrillPath,
    private readonly rootName: string,
    /** 考核周期为自然月。 or the configured 19th-to-18th month, said before the weights. */
    private readonly periodKind: string,
  ) {}

  start(periods: Periods): void {
    const select = byId<HTMLSelectElement>('period');
    const option = (p: Periods['periods'][number]) =>
      h(
        'option',
        { value: p.id },
        fmt(m().periodOption, { id: p.id, from: monthDay(p.from), to: monthDay(p.to) }),
      );
    select.replaceChildren(...[...periods.periods].reverse().map(option));
    select.value = periods.current;
    this.period = periods.current;
    select.addEventListener('change', () => {
      this.period = select.value;
      this.refresh();
    });
    // Any month up to the current one: added to the list (newest first) and opened.
    const month = byId<HTMLInputElement>('period-month');
    month.max = periods.current;
    month.addEventListener('change', () => {
      const id = month.value;
      if (!/^\d{4}-\d{2}$/.test(id) || id > periods.current) return;
      const open = () => {
        select.value = id;
        this.period = id;
        this.refresh();
      };
      if ([...select.options].some((o) => o.value === id)) return open();
      read
        .period(id)
        .then((answer) => {
          const p = answer.periods.at(-1);
          if (!p) return;
          const later = [...select.options].find((o) => o.value < id);
          select.insertBefore(option(p), later ?? null);
          open();
        })
        .catch(fail);
    });
    for (const b of byId('rank-by').querySelectorAll<HTMLButtonElement>('button[data-by]'))
      b.addEventListener('click', () => {
        this.by = b.dataset.by as RankBy;
        this.refresh();
      });
    for (const b of byId('watch-kind').querySelectorAll<HTMLButtonElement>('button[data-kind]'))
      b.addEventListener('click', () => {
        this.watchKind = b.dataset.kind as WatchKind;
        this.loadWatch(this.generation);
      });
    byId('orders-more').addEventListener('click', () => this.loadOrders(this.generation, true));
    byId('timeline-close').addEventListener('click', () => {
      byId('timeline-card').hidden = true;
    });
    window.addEventListener('resize', resizeTrend);
    this.refresh();
  }

  private open(step: Step): void {
    this.drill.push(step);
    this.refresh();
  }

  /** Everything for the current period and place; answers of an older request are dropped. */
  private refresh(): void {
    const gen = ++this.generation;
    const unit = this.drill.filter();
    const choices = this.drill.choices();
    if (!choices.includes(this.by)) this.by = choices[0] ?? 'station';
    const atStation = choices.length === 0;
    this.renderCrumbs();
    for (const b of byId('rank-by').querySelectorAll<HTMLButtonElement>('button[data-by]')) {
      b.hidden = !choices.includes(b.dataset.by as RankBy);
      b.setAttribute('aria-pressed', String(b.dataset.by === this.by));
    }
    byId('rank-by').hidden = atStation;
    byId('ranking').hidden = atStation;
    byId('orders').hidden = !atStation;
    byId('timeline-card').hidden = true;
    renderExports(byId('exports'), this.period, unit, atStation ? undefined : this.by);
    const current = () => gen === this.generation;
    read
      .figures(this.period, unit)
      .then((f) => {
        if (!current()) return;
        renderKpis(byId('kpis'), f);
        renderSupervisionFigures(f);
        const w = f.config.weights;
        byId('basis').textContent =
          this.periodKind +
          fmt(m().basis, {
            name: f.config.name,
            r: w.response,
            s: w.resolution,
            t: w.satisfaction,
            f: f.config.basicallySatisfiedFactor,
          });
      })
      .catch(fail);
    read
      .trend(this.period, unit)
      .then((t) => current() && renderTrend(byId('trend-chart'), byId('trend-table'), t))
      .catch(fail);
    if (atStation) this.loadOrders(gen, false);
    else
      read
        .ranking(this.period, this.by, unit)
        .then((r) => current() && renderRanking(byId('ranking'), r, (s) => this.open(s)))
        .catch(fail);
    this.loadWatch(gen);
  }

  private loadOrders(gen: number, more: boolean): void {
    const step = this.drill.last;
    if (!step) return;
    byId('orders-h').textContent = fmt(m().orders.heading, {
      name: step.name,
      period: this.period,
    });
    read
      .orders(this.period, this.drill.filter(), more ? (this.ordersCursor ?? undefined) : undefined)
      .then((page) => {
        if (gen !== this.generation) return;
        this.ordersCursor = page.nextCursor;
        byId('orders-more').hidden = page.nextCursor === null;
        const box = byId('orders-table');
        const table = ordersTable(byId('orders-h').textContent ?? '', page.items, (id) =>
          this.openOrder(id),
        );
        if (more) {
          const body = box.querySelector('tbody');
          const rows = table.querySelector('tbody')?.children;
          if (body && rows) body.append(...rows);
          return;
        }
        box.replaceChildren(
          page.items.length ? table : h('p', { class: 'muted' }, m().orders.empty),
        );
      })
      .catch(fail);
  }

  private loadWatch(gen: number): void {
    for (const b of byId('watch-kind').querySelectorAll<HTMLButtonElement>('button[data-kind]'))
      b.setAttribute('aria-pressed', String(b.dataset.kind === this.watchKind));
    const kind = this.watchKind;
    const station = this.drill.last?.level === 'station' ? this.drill.last.code : undefined;
    read
      .watch(kind, this.drill.placeCode())
      .then((page) => {
        if (gen !== this.generation || kind !== this.watchKind) return;
        // At a station, its street's list narrowed to the station (presentation only).
        const items = station ? page.items.filter((v) => v.station?.id === station) : page.items;
        renderWatch(byId('watch'), kind, items, (id) => this.openOrder(id));
      })
      .catch(fail);
  }

  private openOrder(id: string): void {
    Promise.all([read.order(id), read.timeline(id)])
      .then(([view, timeline]) => {
        renderTimeline(byId('timeline'), view, timeline.events);
        const card = byId('timeline-card');
        card.hidden = false;
        card.scrollIntoView({ block: 'start' });
        byId('timeline-h').focus({ preventScroll: true });
      })
      .catch(fail);
  }

  private renderCrumbs(): void {
    const list = byId('crumbs').querySelector('ol');
    if (!list) return;
    const path = this.drill.path;
    const root = this.drill.rootDepth;
    const items: { name: string; index: number }[] = [
      ...(root === 0 ? [{ name: this.rootName, index: -1 }] : []),
      ...path.map((s, i) => ({ name: s.name, index: i })).filter((x) => x.index >= root - 1),
    ];
    list.replaceChildren(
      ...items.map((it, i) =>
        i === items.length - 1
          ? h('li', { 'aria-current': 'page' }, it.name)
          : h(
              'li',
              {},
              h(
                'button',
                {
                  type: 'button',
                  class: 'link',
                  onclick: () => {
                    this.drill.upTo(it.index);
                    this.refresh();
                  },
                },
                it.name,
              ),
            ),
      ),
    );
  }
}

async function main(): Promise<void> {
  const session = await requireSession(['auditor', 'supervisor', 'admin']);
  const periods = await read.periods();
  const kind = periods.kind;
  const basisKind =
    kind.kind === 'calendar_month'
      ? m().periodKind.calendar_month
      : fmt(m().periodKind.offset_month, { start: kind.startDay, end: kind.startDay - 1 });
  // A scoped reader starts at their district or street, named by the API.
  const roots: Step[] = [];
  const scope = session.account.scope;
  if (scope) {
    const f = await read.figures(periods.current, {});
    if (f.scope.level === 'district' || f.scope.level === 'street')
      roots.push({ level: f.scope.level, code: scope, name: f.scope.name ?? scope });
  }
  new Dashboard(new DrillPath(roots), m().scopeAll, basisKind).start(periods);
  mountRoutingAccuracy(fail);
}

main().catch(fail);
