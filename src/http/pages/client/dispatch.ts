// The dispatcher console (/dispatch), desktop first and usable on a phone: four work queues as tabs
// (待分拨, 退单审核, 延期审批, 超期), each order a card with the one action it needs. Every action
// is the same API call a machine would make; the queues are re-read after each one.
import type { OrderView } from '../../../../contracts/views.js';
import { ApiError, api } from './lib/api.js';
import { byId } from './lib/dom.js';
import { mountAssistPanel } from './dispatch/assist.js';
import { fmt } from './lib/messages.js';
import { notify, requireSession } from './lib/shell.js';
import { renderCard } from './dispatch/cards.js';
import {
  words,
  type ConsoleContext,
  type QueuePage,
  type StationEntry,
} from './dispatch/context.js';

const queues = ['triage', 'returns', 'extensions', 'overdue'] as const;
type Queue = (typeof queues)[number];
const REFRESH_MS = 20_000;

async function main(): Promise<void> {
  // The tabs answer from the first moment, before the session and the station list are read: a
  // dispatcher who taps 延期审批 while the page is still loading must not be left on 待分拨.
  const show = (queue: Queue): void => {
    for (const q of queues) {
      byId(`tab-${q}`).setAttribute('aria-pressed', String(q === queue));
      byId(`panel-${q}`).hidden = q !== queue;
    }
  };
  for (const q of queues) byId(`tab-${q}`).addEventListener('click', () => show(q));
  show('triage');

  await requireSession(['dispatcher', 'admin']);
  const m = words();
  const stations = (await api<{ items: StationEntry[] }>('/v1/stations')).items;
  const names = new Map(stations.map((s) => [s.id, s.name]));

  const ctx: ConsoleContext = {
    m,
    stations,
    stationName: (id) => names.get(id) ?? id,
    act: async (order: OrderView, path: string, body: Record<string, unknown>, done: string) => {
      try {
        await api<OrderView>(`/v1/orders/${encodeURIComponent(order.id)}/${path}`, {
          method: 'POST',
          body: { ...body, expectedVersion: order.version },
        });
        notify(done, 'ok');
        await loadAll();
        return true;
      } catch (err) {
        notify(
          fmt(m.common.errors.failed, { detail: err instanceof Error ? err.message : String(err) }),
        );
        if (err instanceof ApiError && err.status === 409) await loadAll();
        return false;
      }
    },
  };

  // 协办: the panel that finds an order in work by number and works its parts.
  const refreshAssist = mountAssistPanel(document.querySelector('main') ?? document.body, ctx);

  const urgencyRank = (o: QueuePage['items'][number]['order']) =>
    o.order.urgency === 'emergency' ? 0 : o.order.urgency === 'urgent' ? 1 : 2;

  async function load(queue: Queue): Promise<void> {
    const status = byId(`status-${queue}`);
    const list = byId(`list-${queue}`);
    try {
      const page = await api<QueuePage>(`/v1/dispatch/${queue}?limit=100`);
      // 特急 before 紧急 before the rest; the API's order (oldest first, or most overdue) inside each.
      if (queue === 'triage' || queue === 'returns')
        page.items.sort((a, b) => urgencyRank(a.order) - urgencyRank(b.order));
      // Cards of orders that did not change stay as they are (with anything typed in them).
      const kept = new Map(
        [...list.children].map((li) => [(li as HTMLElement).dataset.key ?? '', li]),
      );
      const keys = page.items.map((i) => `${i.order.id}@${i.order.version}`);
      if (keys.join() !== [...kept.keys()].join())
        list.replaceChildren(
          ...page.items.map((item, i) => kept.get(keys[i] ?? '') ?? renderCard[queue](item, ctx)),
        );
      const count = page.items.length;
      byId(`tab-${queue}`).textContent = fmt(m.dispatch.tabCount, {
        label: m.dispatch.tabs[queue],
        n: count + (page.nextCursor || page.truncated ? '+' : ''),
      });
      status.textContent = count
        ? [
            fmt(m.common.count, { n: count }),
            page.nextCursor || page.truncated ? m.dispatch.truncated : '',
          ].join(' ')
        : m.dispatch.empty[queue];
    } catch (err) {
      status.textContent = err instanceof Error ? err.message : String(err);
    }
  }

  async function loadAll(): Promise<void> {
    await Promise.all([...queues.map(load), refreshAssist()]);
  }

  byId('refresh').addEventListener('click', () => {
    void loadAll().then(() => notify(m.dispatch.refreshed, 'ok'));
  });
  await loadAll();
  // New orders and decisions by colleagues appear by themselves.
  setInterval(() => {
    if (!document.hidden) void loadAll();
  }, REFRESH_MS);
}

void main();
