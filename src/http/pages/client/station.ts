// The station app (/station): a community worker's inbox and orders, phone first. On a phone one
// column (list → order → back, with the browser's back button working too); on a desktop the list
// and the order side by side. New orders arrive by themselves; nothing typed is lost to a refresh.
import type { OrderView } from '../../../../contracts/views.js';
import { ApiError, api } from './lib/api.js';
import { byId } from './lib/dom.js';
import { fmt, messages } from './lib/messages.js';
import { notify, requireSession } from './lib/shell.js';
import { actionPath } from './station/action-forms.js';
import { announceArrivals, armSound, clearArrivals } from './station/arrival-cue.js';
import { OrderDetail } from './station/detail.js';
import { setAssistViewer } from './station/assist.js';
import { Inbox } from './station/inbox.js';
import { ReturnedList } from './station/returned-list.js';
import { doneStates, followInbox, openStates, readAll, statesOf } from './station/live.js';
import { tabOf, type ActionName } from './station/order-facts.js';

const phone = () => !matchMedia('(min-width: 900px)').matches;
const orderInHash = () => /^#order=([\w-]+)$/.exec(location.hash)?.[1];

async function main(): Promise<void> {
  const session = await requireSession(['station']);
  const m = messages<'station'>();
  const stationId = session.account.stationId ?? '';
  const stationName = session.account.stationName ?? '';
  byId('station-name').textContent = stationName;
  armSound();

  const names = { stations: new Map<string, string>([[stationId, stationName]]) };
  void api<{ items: { id: string; name: string }[] }>('/v1/stations')
    .then((r) => r.items.forEach((s) => names.stations.set(s.id, s.name)))
    .catch(() => undefined); // names are a nicety: ids' owners fall back to the role's label

  const app = byId('station-app');
  const inbox = new Inbox((id) => {
    if (orderInHash() === id) void route();
    else location.hash = `order=${id}`;
  });
  const detail = new OrderDetail(byId('detail-body'), names, { submit });
  setAssistViewer(stationId, (v) => {
    inbox.upsert(v);
    void detail.update(v);
  });
  const returned = new ReturnedList(stationId, byId('list-status'));
  let cameFromList = false;

  async function submit(action: ActionName, body: Record<string, unknown>): Promise<boolean> {
    const id = detail.id;
    const seen = id ? (detail.view ?? inbox.get(id)) : undefined;
    if (!id || !seen) return false;
    try {
      const view = await api<OrderView>(
        `/v1/orders/${encodeURIComponent(id)}/${actionPath[action]}`,
        { method: 'POST', body: { ...body, expectedVersion: seen.version } },
      );
      notify(m.station.actions.done[action], 'ok');
      inbox.upsert(view);
      if (action === 'return' || !tabOf(view)) {
        void returned.refresh();
        backToList();
        return true;
      }
      const tab = tabOf(view);
      if (tab && tab !== inbox.currentTab && !phone()) inbox.show(tab);
      inbox.select(id);
      await detail.update(view);
      return true;
    } catch (err) {
      const text = err instanceof ApiError ? err.message : String(err);
      notify(fmt(m.common.errors.failed, { detail: text }));
      // Someone else changed the order first: show it as it is now (typed text stays in drafts).
      if (err instanceof ApiError && err.status === 409) {
        const fresh = await api<OrderView>(`/v1/orders/${encodeURIComponent(id)}`).catch(
          () => undefined,
        );
        if (fresh) {
          inbox.upsert(fresh);
          await detail.update(fresh);
        }
      }
      return false;
    }
  }

  function backToList(): void {
    if (cameFromList && orderInHash()) history.back();
    else location.hash = '';
  }
  byId('back').addEventListener('click', backToList);

  async function route(): Promise<void> {
    const id = orderInHash();
    if (!id) {
      const was = detail.id;
      app.dataset.view = 'list';
      inbox.select(undefined);
      detail.clear();
      if (was && phone()) inbox.row(was)?.focus();
      cameFromList = false;
      return;
    }
    app.dataset.view = 'detail';
    inbox.select(id);
    if (detail.id !== id) {
      await detail.open(id);
      if (phone()) byId('detail-title').focus();
    }
  }
  window.addEventListener('hashchange', () => {
    cameFromList = orderInHash() !== undefined;
    void route();
  });

  byId('tab-waiting').addEventListener('click', () => clearArrivals());
  // The live answer covers open orders; one closed by a colleague is fetched when 已办结 is shown.
  byId('tab-done').addEventListener('click', () => {
    readAll(stationId, doneStates)
      .then((views) => inbox.replace(views, statesOf(doneStates)))
      .catch(() => undefined);
  });
  const loaded = await Promise.all([
    readAll(stationId, openStates),
    readAll(stationId, doneStates),
  ]).catch((err: unknown) => {
    const detail = err instanceof ApiError ? err.message : String(err);
    notify(fmt(m.common.errors.failed, { detail }));
    byId('list-status').textContent = fmt(m.common.errors.failed, { detail });
    return undefined;
  });
  if (!loaded) return;
  const [open, done] = loaded;
  inbox.replace([...open, ...done], [...statesOf(openStates), ...statesOf(doneStates)]);
  void returned.refresh();
  void route();

  const status = byId('live-status');
  let known = new Set(open.map((v) => v.id));
  void followInbox(stationId, open, {
    onConnection: (ok) => {
      status.textContent = ok ? m.station.live : m.station.offline;
      status.classList.toggle('offline', !ok);
    },
    onOpen: (views) => {
      const arrived = views.filter((v) => v.state === 'dispatched' && !known.has(v.id));
      known = new Set(views.map((v) => v.id));
      inbox.replace(views, statesOf(openStates));
      void returned.refresh(); // a rejected or accepted return changes 退单审核中 as well
      const shown = detail.id ? views.find((v) => v.id === detail.id) : undefined;
      if (shown) void detail.update(shown);
      announceArrivals(
        arrived.map((v) => v.order.title),
        () => {
          // From an order on a phone, the badge leads back to the list of new orders.
          if (orderInHash() && phone()) backToList();
          inbox.show('waiting');
          byId('tab-waiting').focus();
        },
      );
    },
  });

  // Countdowns move with the clock.
  setInterval(() => {
    inbox.render();
    detail.tick();
  }, 30_000);
}

void main();
