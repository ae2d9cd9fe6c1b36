// The order view is a fold over the order's events: the same function serves the embedded store,
// the cluster views and any replay, so every view of an order agrees with its history.
import type { OrderEvent } from '../../../contracts/events.js';
import type { OrderView } from '../../../contracts/views.js';
import { emptyFacts, evolveFacts } from '../sla/facts.js';

function apply(view: OrderView | null, event: OrderEvent): OrderView {
  const d = event.data;
  if (d.type === 'order.received') {
    return {
      id: d.order.id,
      source: d.order.source,
      externalId: d.order.externalId,
      state: 'triage',
      version: event.seq,
      station: null,
      route: { outcome: 'triage', candidates: [], reason: 'not routed yet' },
      returns: [],
      extensions: [],
      paused: false,
      callbacks: [],
      slaFacts: emptyFacts(),
      order: d.order,
      createdAt: event.at,
      updatedAt: event.at,
    };
  }
  if (view === null) throw new Error(`event ${d.type} before order.received on ${event.orderId}`);
  const next: OrderView = { ...view, version: event.seq, updatedAt: event.at };
  switch (d.type) {
    case 'order.dispatched':
      return {
        ...next,
        state: 'dispatched',
        station: { id: d.stationId, name: d.stationName },
        route: d.decision,
      };
    case 'order.triaged':
      return { ...next, state: 'triage', station: null, route: d.decision };
    case 'order.accepted':
      return { ...next, state: 'accepted' };
    case 'order.contacted':
      return { ...next, state: 'contacted' };
    case 'order.work_started':
      return { ...next, state: 'in_progress' };
    case 'order.resolved':
      return { ...next, state: 'resolved', result: d.result, paused: false };
    case 'order.returned':
      return {
        ...next,
        state: 'triage',
        station: null,
        paused: false,
        returns: [
          ...view.returns,
          { stationId: d.stationId, reason: d.reason, note: d.note, at: event.at },
        ],
        // The next station asks for its own time; the old request dies with the return.
        extensions: view.extensions.map((x) =>
          x.status === 'pending' ? { ...x, status: 'withdrawn' } : x,
        ),
        route: {
          outcome: 'triage',
          candidates: [],
          reason: `returned by ${d.stationId}: ${d.note}`,
        },
      };
    case 'order.extension_requested':
      return {
        ...next,
        extensions: [
          ...view.extensions,
          {
            status: 'pending',
            reason: d.reason,
            requestedDueAt: d.requestedDueAt,
            requestedBy: event.actor.id,
            cycle: view.slaFacts.cycle,
          },
        ],
      };
    case 'order.extension_decided':
      return {
        ...next,
        extensions: view.extensions.map((x) =>
          x.status === 'pending'
            ? {
                ...x,
                status: d.approved ? 'approved' : 'denied',
                ...(d.approved ? { newDueAt: d.newDueAt ?? x.requestedDueAt } : {}),
              }
            : x,
        ),
      };
    case 'order.paused':
      return { ...next, paused: true };
    case 'order.resumed':
      return { ...next, paused: false };
    case 'order.callback_recorded': {
      const { type: _t, note: _n, ...answers } = d;
      return {
        ...next,
        state: 'closed',
        callbacks: [...view.callbacks, { cycle: view.slaFacts.cycle, at: event.at, ...answers }],
      };
    }
    case 'order.reopened':
      return {
        ...next,
        state: 'dispatched',
        station: { id: d.stationId, name: d.stationName },
        result: undefined,
      };
    case 'sla.warning':
    case 'sla.breached':
      return next;
  }
}

export function evolve(view: OrderView | null, event: OrderEvent): OrderView {
  const next = apply(view, event);
  return { ...next, slaFacts: evolveFacts(next.slaFacts, event) };
}

export function fold(events: readonly OrderEvent[]): OrderView | null {
  return events.reduce<OrderView | null>((v, e) => evolve(v, e), null);
}
