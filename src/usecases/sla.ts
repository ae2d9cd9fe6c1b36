// The SLA engine wired to the world: figures for presenting an order (the store's index entry is
// src/usecases/store-projection.ts), and the sweeper that emits each warning and breach once, when it falls due.
import type { NewEvent } from '../../contracts/events.js';
import type { SlaPolicy, SlaSummary } from '../../contracts/sla.js';
import type { OrderView } from '../../contracts/views.js';
import { DomainError } from '../domain/errors.js';
import { assessSla, type SlaAssessment } from '../domain/sla/assess.js';
import { supervisionEvent } from '../domain/supervision/fire-event.js';
import type { WorkCalendar } from '../domain/sla/calendar.js';
import type { Clock, OrderStore, SlaIndex } from '../ports/order-store.js';
import { startTimerLoop, type TimerLoop } from '../runtime/timer-loop.js';
import { traceSweep } from '../telemetry/spans.js';

export interface SlaEngine {
  policy: SlaPolicy;
  calendar: WorkCalendar;
  /** The order's figures and the fires still to emit, as of the clock's now. */
  assess(view: OrderView): SlaAssessment;
  summary(view: OrderView): SlaSummary;
  dueAt(view: OrderView, target: 'resolve' | 'callback'): string | undefined;
}

export function createSlaEngine(
  policy: SlaPolicy,
  calendar: WorkCalendar,
  clock: Clock,
): SlaEngine {
  const assess = (view: OrderView) => assessSla(view, policy, calendar, clock.now().getTime());
  return {
    policy,
    calendar,
    assess,
    summary: (view) => assess(view).summary,
    dueAt: (view, target) =>
      assess(view).summary.figures.find(
        (f) => f.target === target && f.cycle === view.slaFacts.cycle && f.stoppedAt === undefined,
      )?.dueAt,
  };
}

/** Orders per transaction in a burst (see sweepSla). */
const BURST_CHUNK = 1000;

export interface SweepResult {
  orders: number;
  emitted: number;
}

/**
 * One sweep: every order whose next warning or breach is due gets its due events appended, once.
 * Exactly-once holds across restarts because the emitted markers are part of the order's own
 * history (slaFacts.emitted) and each order is read and appended in one transaction (emitDue), or
 * the append is conditional on the version just read.
 */
export async function sweepSla(
  deps: { store: OrderStore; index: SlaIndex; sla: SlaEngine; clock: Clock },
  limit = 10_000,
): Promise<SweepResult> {
  const now = deps.clock.now().getTime();
  const ids = await deps.index.due(now, limit);
  if (ids.length === 0) return { orders: 0, emitted: 0 };
  const at = new Date(now).toISOString();
  const actor = { role: 'system', id: 'sla-sweeper' } as const;
  // What is due for a view read now; assessed once per order (the store's projection of the new view
  // is a second, necessary assessment: the emitted markers changed its facts).
  const dueEvents = (view: OrderView): NewEvent[] =>
    assessSla(view, deps.sla.policy, deps.sla.calendar, now)
      .fires.filter((f) => f.at <= now)
      .map((f) => ({
        orderId: view.id,
        at,
        actor,
        data:
          f.kind === 'breach'
            ? {
                type: 'sla.breached',
                target: f.target,
                cycle: f.cycle,
                dueAt: f.dueAt,
                // 协办: an assisting part's own deadline names the part.
                ...(f.assist ? { assist: f.assist } : {}),
              }
            : typeof f.kind === 'number'
              ? {
                  type: 'sla.warning',
                  target: f.target,
                  cycle: f.cycle,
                  threshold: f.kind,
                  dueAt: f.dueAt,
                  ...(f.assist ? { assist: f.assist } : {}),
                }
              : // 督办: reminder, 催办 and escalations, sent to the station holding the order now.
                supervisionEvent({ ...f, kind: f.kind }, view.station?.id),
      }));
  const emitDue = deps.index.emitDue?.bind(deps.index);
  if (emitDue) {
    // Read, decide and append each order in the store's transaction, without a race. A transaction
    // per chunk (each chunk is handed over in its own event-loop turn, so each is its own group
    // commit): one giant transaction spills the page cache and commits tens of MB at once.
    const pending: ReturnType<typeof emitDue>[] = [];
    for (let i = 0; i < ids.length; i += BURST_CHUNK) {
      pending.push(emitDue(ids.slice(i, i + BURST_CHUNK), dueEvents));
      await new Promise((resolve) => setImmediate(resolve));
    }
    const results = await Promise.all(pending);
    const emitted = results.reduce((n, r) => n + r.emitted, 0);
    const failed = results.flatMap((r) => r.failed);
    const first = failed[0];
    if (first)
      throw new Error(
        `SLA sweep: ${failed.length} of ${ids.length} orders could not be written (first ${first.orderId}: ${first.error.message}); ${emitted} events emitted`,
      );
    return { orders: ids.length, emitted };
  }
  let emitted = 0;
  const sweepOne = async (id: string) => {
    for (let attempt = 0; attempt < 3; attempt++) {
      const view = await deps.store.get(id);
      if (!view) return;
      const events = dueEvents(view);
      try {
        if (events.length > 0) await deps.store.append(id, view.version, events);
        emitted += events.length;
        return;
      } catch (err) {
        // A station acted meanwhile: read again and re-assess; anything else is for the caller.
        if (!(err instanceof DomainError && err.code === 'version_conflict')) throw err;
      }
    }
  };
  // In chunks, so the store can commit many orders' events in one transaction (group commit).
  for (let i = 0; i < ids.length; i += 500) await Promise.all(ids.slice(i, i + 500).map(sweepOne));
  return { orders: ids.length, emitted };
}

/** Runs sweeps on a real clock: sleeps until the next due instant (at most `maxSleepMs`), then sweeps. */
export function startSweeper(
  deps: Parameters<typeof sweepSla>[0] & { onError: (err: unknown) => void },
  maxSleepMs = 1000,
): TimerLoop {
  return startTimerLoop({
    tick: () => traceSweep(() => sweepSla(deps)),
    nextDueAt: () => deps.index.nextFireAt(),
    now: () => deps.clock.now().getTime(),
    maxSleepMs,
    onError: deps.onError,
  });
}
