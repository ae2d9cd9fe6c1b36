// The order view is a fold over the order's events: the same function serves the embedded store,
// the cluster views and any replay, so every view of an order agrees with its history.
import type { OrderEvent } from '../../../contracts/events.js';
import type { OrderView } from '../../../contracts/views.js';
import { emptyFacts, evolveFacts } from '../sla/facts.js';
import { evolveSupervision } from '../supervision/fold.js';
import { evolveJoined } from '../duplicates/fold.js';
import { evolveAssists } from '../assists/fold.js';

/** The last return with the dispatcher's review recorded on it. */
function decideLast(
  returns: OrderView['returns'],
  status: 'accepted' | 'rejected',
  note: string | undefined,
  event: OrderEvent,
): OrderView['returns'] {
  const review = {
    status,
    ...(note !== undefined ? { note } : {}),
    at: event.at,
    by: event.actor.account?.name ?? event.actor.id,
  };
  return returns.map((r, i) => (i === returns.length - 1 ? { ...r, review } : r));
}

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
      if (d.awaitsReview === true) {
        // 退单审核: the order leaves the station and waits for a dispatcher; a rejection brings it
        // back in the state it left, so that state is kept with the return.
        return {
          ...next,
          state: 'returned',
          station: null,
          returns: [
            ...view.returns,
            {
              stationId: d.stationId,
              reason: d.reason,
              note: d.note,
              at: event.at,
              fromState: view.state,
              review: { status: 'pending' },
            },
          ],
        };
      }
      // A return recorded before review existed went straight to triage.
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
    case 'order.return_accepted':
      return {
        ...next,
        state: 'triage',
        station: null,
        paused: false,
        returns: decideLast(view.returns, 'accepted', d.note, event),
        // The next station asks for its own time; the old request dies with the return.
        extensions: view.extensions.map((x) =>
          x.status === 'pending' ? { ...x, status: 'withdrawn' } : x,
        ),
      };
    case 'order.return_rejected': {
      const back = view.returns.at(-1)?.fromState;
      return {
        ...next,
        state: back !== undefined && back !== 'returned' ? back : 'dispatched',
        station: { id: d.stationId, name: d.stationName },
        returns: decideLast(view.returns, 'rejected', d.note, event),
      };
    }
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
      // A reopened repeat (重复件) is a matter of its own from now on: it leaves its lead.
      return {
        ...next,
        duplicateOf: undefined,
        state: 'dispatched',
        station: { id: d.stationId, name: d.stationName },
        result: undefined,
      };
    case 'order.duplicate_linked':
      // 重复件: the repeat leaves any station and is handled on the order it joined.
      return { ...next, state: 'duplicate', station: null, paused: false, duplicateOf: d.leadId };
    case 'order.duplicate_unlinked': {
      const { duplicateOf: _lead, ...rest } = next;
      return {
        ...rest,
        state: 'triage',
        station: null,
        route: {
          outcome: 'triage',
          candidates: [],
          reason: `unlinked from ${d.leadId}: ${d.note}`,
        },
      };
    }
    case 'order.caller_joined':
    case 'order.caller_left':
      return { ...next, joinedCallers: evolveJoined(view.joinedCallers, event) ?? [] };
    case 'order.assist_requested':
    case 'order.assist_removed':
    case 'order.assist_accepted':
    case 'order.assist_reported':
    case 'order.assist_closed':
      return { ...next, assists: evolveAssists(view.assists, event, view.slaFacts.cycle) ?? [] };
    case 'sla.warning':
    case 'sla.breached':
    case 'supervision.reminded':
    case 'supervision.urged':
    case 'supervision.escalated':
      return next;
  }
}

export function evolve(view: OrderView | null, event: OrderEvent): OrderView {
  const next = apply(view, event);
  const supervision = evolveSupervision(next.supervision, event);
  const { supervision: _old, ...rest } = next;
  return {
    ...rest,
    ...(supervision ? { supervision } : {}),
    slaFacts: evolveFacts(next.slaFacts, event),
  };
}

export function fold(events: readonly OrderEvent[]): OrderView | null {
  return events.reduce<OrderView | null>((v, e) => evolve(v, e), null);
}
