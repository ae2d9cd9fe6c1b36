// GET /v1/dispatch/{triage,returns,extensions,overdue}: the dispatcher console's four work queues.
// Triage and returns carry each order's candidates (see candidates.ts) and page by arrival. Extension
// requests are found by a bounded scan of open orders (no store index holds them yet); overdue orders
// (the store's overdue index) are read up to the same bound and sorted by the deadline missed first.
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { OrderState, OrderView } from '../../../../contracts/views.js';
import { presentView, visibleQuery } from '../../../usecases/access.js';
import type { ListQuery } from '../../../ports/order-store.js';
import { defineRoute, json } from '../../define-route.js';
import type { AppDeps, AppEnv } from '../../deps.js';
import { query } from '../../parse.js';
import { candidatesFor } from './candidates.js';
import { DispatchQueue, QueueQuery } from './schema.js';

const dispatchers = ['dispatcher', 'admin'] as const;

/** How many orders one extensions or overdue request reads at most. */
export const QUEUE_SCAN_LIMIT = 5000;

type Queue = 'triage' | 'returns' | 'extensions' | 'overdue';

const summaries: Record<Queue, string> = {
  triage: '分拨: orders waiting for a dispatcher, each with its candidate places, oldest first',
  returns: '退单审核: returns waiting for review, with where the order could go now, oldest first',
  extensions:
    '延期审批: orders with an extension request waiting for a decision (a bounded scan of open orders)',
  overdue: '超期: open orders past a deadline, the deadline missed first on top',
};

const open: OrderState[] = [
  'triage',
  'returned',
  'dispatched',
  'accepted',
  'contacted',
  'in_progress',
];
const filters: Record<Queue, Omit<ListQuery, 'limit'>> = {
  triage: { states: ['triage'] },
  returns: { states: ['returned'] },
  extensions: { states: ['accepted', 'contacted', 'in_progress', 'resolved'] },
  overdue: { overdue: true, states: open },
};

const hasPendingExtension = (v: OrderView) => v.extensions.some((x) => x.status === 'pending');

/** The earliest deadline an order has missed and still not met (its oldest overdue target). */
function firstMissed(v: OrderView, now: number): number {
  const missed = (v.sla?.figures ?? [])
    .filter((f) => f.stoppedAt === undefined && Date.parse(f.dueAt) <= now)
    .map((f) => Date.parse(f.dueAt));
  return missed.length > 0 ? Math.min(...missed) : now;
}

export function dispatchQueues(app: OpenAPIHono<AppEnv>, deps: AppDeps): void {
  for (const queue of ['triage', 'returns', 'extensions', 'overdue'] as const) {
    defineRoute(
      app,
      {
        method: 'get',
        path: `/v1/dispatch/${queue}`,
        summary: summaries[queue],
        tags: ['Dispatch'],
        roles: dispatchers,
        request: { query: QueueQuery },
        responses: { 200: json(DispatchQueue, 'A page of the queue') },
      },
      async (c) => {
        const p = c.get('principal');
        const q = query(c, QueueQuery);
        const withCandidates = queue === 'triage' || queue === 'returns';
        const item = (v: OrderView) => ({
          order: presentView(p, v, deps.sla),
          candidates: withCandidates ? candidatesFor(v, deps.places) : [],
        });
        const visible = visibleQuery(p, filters[queue]);
        if (!visible) return c.json({ items: [], nextCursor: null }, 200);

        if (queue === 'extensions' || queue === 'overdue') {
          const found = await scan(
            deps,
            visible,
            queue === 'extensions' ? hasPendingExtension : () => true,
          );
          const now = deps.clock.now().getTime();
          const shown = found.items.map(item);
          if (queue === 'overdue')
            shown.sort((a, b) => firstMissed(a.order, now) - firstMissed(b.order, now));
          return c.json(
            {
              items: shown.slice(0, q.limit),
              nextCursor: null,
              truncated: found.truncated || shown.length > q.limit,
            },
            200,
          );
        }
        const page = await deps.store.list({ ...visible, cursor: q.cursor, limit: q.limit });
        return c.json({ items: page.items.map(item), nextCursor: page.nextCursor }, 200);
      },
    );
  }
}

/** The orders of a filter that pass `keep`, reading at most the scan bound. */
async function scan(
  deps: Pick<AppDeps, 'store'>,
  filter: Omit<ListQuery, 'limit'>,
  keep: (v: OrderView) => boolean,
): Promise<{ items: OrderView[]; truncated: boolean }> {
  const items: OrderView[] = [];
  let cursor: string | undefined;
  let read = 0;
  do {
    const page = await deps.store.list({ ...filter, cursor, limit: 200 });
    read += page.items.length;
    items.push(...page.items.filter(keep));
    cursor = page.nextCursor ?? undefined;
  } while (cursor !== undefined && read < QUEUE_SCAN_LIMIT);
  return { items, truncated: cursor !== undefined };
}
