// Retention: a megacity's hotline takes about 20 million orders a year, and the hot store should
// hold what is live, not every closed order since the first day. Closed orders last changed more than
// ARCHIVE_AFTER_DAYS ago move to the archive (events, view and raw bytes kept, exportable); a repeated
// push still finds them, reads of them still answer, and the figures still count them.
import { z } from 'zod';
import type { OrderEvent } from '../../contracts/events.js';
import type { OrderView } from '../../contracts/views.js';
import type { Clock, RawRequest } from '../ports/order-store.js';

/** The setting, parsed like the gateway's environment: a bad value names the variable. */
export const ArchiveEnv = z.object({
  ARCHIVE_AFTER_DAYS: z.coerce
    .number()
    .int()
    .min(1)
    .max(36_500)
    .default(730)
    .describe('Closed orders unchanged for this many days leave the hot store for the archive'),
});

export interface ArchivedOrder {
  view: OrderView;
  events: OrderEvent[];
  raw: RawRequest[];
}

/** What a store with retention offers (the embedded store; the cluster keeps its log in Kafka). */
export interface OrderArchiver {
  archiveClosed(beforeMs: number): { orders: number; events: number; rawBytes: number };
  archived(): Iterable<ArchivedOrder>;
}

export function archiveClosedOrders(
  deps: { store: OrderArchiver; clock: Clock },
  afterDays: number,
): { before: string; orders: number; events: number; rawBytes: number } {
  const before = deps.clock.now().getTime() - afterDays * 86_400_000;
  return { before: new Date(before).toISOString(), ...deps.store.archiveClosed(before) };
}

/** One archived order as one line of NDJSON, the raw request bytes in base64. */
export function exportLine(o: ArchivedOrder, base64: (bytes: Uint8Array) => string): string {
  return JSON.stringify({
    view: o.view,
    events: o.events,
    raw: o.raw.map((r) => ({
      receivedAt: r.receivedAt,
      contentType: r.contentType,
      bodyBase64: base64(r.body),
    })),
  });
}
