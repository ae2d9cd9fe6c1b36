// Live updates without a reload: a long-poll on the station's open orders that the server holds
// until something in them changes (`since`: the newest change already seen), then answers with the
// inbox as it is. Errors back off and retry; the worker sees that the page is reconnecting.
import type { OrderPage, OrderView } from '../../../../../contracts/views.js';
import { api } from '../lib/api.js';

// triage and returned: no station leads the order then, so only orders this station assists come
// back in them (协办 goes on while the dispatcher routes the order again).
export const openStates = 'dispatched,accepted,contacted,in_progress,triage,returned';
export const doneStates = 'resolved,closed';
export const statesOf = (states: string) => states.split(',') as OrderView['state'][];
const pageSize = 200;
const maxPages = 10;
const waitSeconds = 25;

const inboxPath = (stationId: string) => `/v1/stations/${encodeURIComponent(stationId)}/orders`;

/** Every order of these states, following the cursor (bounded, so a huge archive cannot stall). */
export async function readAll(stationId: string, states: string): Promise<OrderView[]> {
  const all: OrderView[] = [];
  let cursor: string | null = null;
  for (let i = 0; i < maxPages; i++) {
    const q = new URLSearchParams({ state: states, limit: String(pageSize) });
    if (cursor) q.set('cursor', cursor);
    const page: OrderPage = await api<OrderPage>(`${inboxPath(stationId)}?${q.toString()}`);
    all.push(...page.items);
    cursor = page.nextCursor;
    if (!cursor) break;
  }
  return all;
}

export const newestChange = (views: readonly OrderView[]): string | undefined =>
  views.reduce<string | undefined>(
    (max, v) =>
      max === undefined || Date.parse(v.updatedAt) > Date.parse(max) ? v.updatedAt : max,
    undefined,
  );

export interface LiveHandlers {
  /** The open orders as they are now (after a change, or when the wait ended). */
  onOpen: (views: OrderView[]) => void;
  onConnection: (ok: boolean) => void;
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function followInbox(
  stationId: string,
  first: readonly OrderView[],
  on: LiveHandlers,
): Promise<never> {
  let since = newestChange(first);
  let failures = 0;
  for (;;) {
    let views: OrderView[];
    try {
      const q = new URLSearchParams({
        state: openStates,
        limit: String(pageSize),
        wait: String(waitSeconds),
      });
      if (since) q.set('since', since);
      const page = await api<OrderPage>(`${inboxPath(stationId)}?${q.toString()}`);
      views = page.nextCursor ? await readAll(stationId, openStates) : page.items;
      since = newestChange(views) ?? since;
      failures = 0;
      on.onConnection(true);
    } catch {
      failures += 1;
      on.onConnection(false);
      // 2 s, 4 s, 8 s … at most 30 s between attempts while the gateway is unreachable.
      await pause(Math.min(30_000, 1000 * 2 ** failures));
      continue;
    }
    // Outside the try: a fault in drawing the answer is not a lost connection.
    on.onOpen(views);
  }
}
