// Wraps an order store (either adapter) so every submit and append is a span and what it wrote is
// counted: orders received by outcome, routing decisions, time to dispatch, SLA warnings and
// breaches, callbacks. Counting the events a write committed (not the HTTP answers) makes the
// figures the same for every intake path and for the SLA sweeper; a write that fails counts nothing.
import type { Attributes } from '@opentelemetry/api';
import type { NewEvent } from '../../contracts/events.js';
import type { OrderView } from '../../contracts/views.js';
import type { OrderStore, SubmitOutcome, Submission } from '../ports/order-store.js';
import { instruments } from './instruments.js';
import { SpanKind, inSpan } from './spans.js';

/** Counts what the committed events mean for operators. */
export function countCommitted(events: readonly NewEvent[], view: OrderView): void {
  const m = instruments();
  for (const e of events) {
    const d = e.data;
    switch (d.type) {
      case 'order.dispatched': {
        const decision = e.actor.role === 'system' ? 'auto' : 'manual';
        m.routingDecisions.add(1, { rule: d.decision.rule ?? 'none', decision });
        const waited = (Date.parse(e.at) - Date.parse(view.createdAt)) / 1000;
        if (Number.isFinite(waited)) m.dispatchDuration.record(Math.max(0, waited), { decision });
        break;
      }
      case 'order.triaged':
        m.routingDecisions.add(1, { rule: d.decision.rule ?? 'none', decision: 'triage' });
        break;
      case 'sla.warning':
        m.slaWarnings.add(1, { target: d.target });
        break;
      case 'sla.breached':
        m.slaBreaches.add(1, { target: d.target });
        break;
      case 'order.callback_recorded':
        m.callbacks.add(1, {
          valid: d.valid ? 'true' : 'false',
          satisfaction: d.satisfaction ?? 'none',
        });
        break;
      default:
        break;
    }
  }
}

function received(view: OrderView, outcome: string): Attributes {
  return {
    source: view.source,
    channel: view.order.channel,
    type: view.order.type,
    outcome,
  };
}

function instrumentedSubmit(store: OrderStore, system: string) {
  return (s: Submission): Promise<SubmitOutcome> =>
    inSpan(
      'order-store submit',
      {
        kind: SpanKind.INTERNAL,
        attributes: { 'db.system.name': system, 'db.operation.name': 'submit' },
      },
      async (span) => {
        const outcome = await store.submit(s);
        span.setAttribute('hotline.submit.outcome', outcome.status);
        const m = instruments();
        if (outcome.status === 'created') {
          m.ordersReceived.add(1, received(outcome.view, 'created'));
          countCommitted(s.events, outcome.view);
        } else if (outcome.status === 'existing') {
          m.ordersReceived.add(1, received(outcome.view, 'duplicate'));
        } else {
          m.ordersReceived.add(1, {
            source: s.source,
            channel: 'unknown',
            type: 'unknown',
            outcome: 'conflict',
          });
        }
        return outcome;
      },
    );
}

function instrumentedAppend(store: OrderStore, system: string) {
  return (orderId: string, expectedVersion: number, events: NewEvent[]): Promise<OrderView> =>
    inSpan(
      'order-store append',
      {
        kind: SpanKind.INTERNAL,
        attributes: {
          'db.system.name': system,
          'db.operation.name': 'append',
          'hotline.events': events.length,
        },
      },
      async () => {
        const view = await store.append(orderId, expectedVersion, events);
        countCommitted(events, view);
        return view;
      },
    );
}

/**
 * The same store, with submit and append traced and counted; every other member (the SLA index,
 * the rollups, close) is the store's own. `system`: 'sqlite' or 'kafka' (db.system.name).
 */
export function instrumentStore<T extends OrderStore>(store: T, system: string): T {
  const submit = instrumentedSubmit(store, system);
  const append = instrumentedAppend(store, system);
  return new Proxy(store, {
    get(target, prop) {
      if (prop === 'submit') return submit;
      if (prop === 'append') return append;
      const value: unknown = Reflect.get(target, prop, target);
      return typeof value === 'function'
        ? (value as (...a: unknown[]) => unknown).bind(target)
        : value;
    },
  });
}
