// 退单审核: a station's return waits for a dispatcher, who accepts it (the order is re-routed, to a
// station chosen now or to triage with the router's suggestion) or rejects it with a note (the order
// goes back to the station that returned it, in the state it left). Pure, like decide.ts.
import type { ReturnDecisionAction } from '../../../contracts/actions.js';
import type { EventData } from '../../../contracts/events.js';
import type { RouteDecision } from '../../../contracts/routing.js';
import type { OrderView } from '../../../contracts/views.js';
import { DomainError } from '../errors.js';
import type { PlaceIndex } from '../routing/place-index.js';
import { routeOrder } from '../routing/router.js';
import { dispatchTo } from './dispatch-to.js';

type Return = OrderView['returns'][number];

/** The return waiting for review, if any: the last one, while its review is pending. */
export function pendingReturn(view: OrderView): Return | undefined {
  const last = view.returns.at(-1);
  return last?.review?.status === 'pending' ? last : undefined;
}

/** Where the router would send the order now, never to a station that returned it. */
export function suggestionAfterReturn(view: OrderView, places: PlaceIndex): RouteDecision {
  const excludeStations = view.returns.map((r) => r.stationId);
  const suggestion = routeOrder(places, view.order, { excludeStations });
  const candidates =
    suggestion.outcome === 'routed' && suggestion.place
      ? [
          {
            ...suggestion.place,
            ...(suggestion.stationId ? { stationId: suggestion.stationId } : {}),
          },
        ]
      : suggestion.candidates;
  const last = view.returns.at(-1);
  return {
    outcome: 'triage',
    candidates,
    reason: `returned (${last?.reason ?? 'unknown'}); router suggests: ${suggestion.reason}`,
  };
}

export function decideReturn(
  view: OrderView,
  input: ReturnDecisionAction,
  places: PlaceIndex,
): EventData[] {
  const pending = pendingReturn(view);
  if (!pending)
    throw new DomainError('state_conflict', 'No return is waiting for review', {
      zh: '没有待审核的退回申请。',
      state: view.state,
    });
  const note = input.note !== undefined && input.note !== '' ? input.note : undefined;
  if (!input.approved) {
    if (note === undefined)
      throw new DomainError('validation_failed', 'A rejection needs a note for the station', {
        zh: '驳回退回时须填写给工作站的说明。',
        errors: [{ path: 'note', message: 'required when the return is rejected' }],
      });
    return [
      {
        type: 'order.return_rejected',
        stationId: pending.stationId,
        stationName: places.station(pending.stationId)?.name ?? pending.stationId,
        note,
      },
    ];
  }
  const accepted: EventData = {
    type: 'order.return_accepted',
    stationId: pending.stationId,
    ...(note ? { note } : {}),
  };
  if (input.stationId === undefined)
    return [accepted, { type: 'order.triaged', decision: suggestionAfterReturn(view, places) }];
  if (input.stationId === pending.stationId)
    throw new DomainError(
      'same_route_after_return',
      'Accepting a return re-routes the order; to send it back to the station, reject the return',
      {
        zh: '同意退回会改派工单；如要把工单交回原工作站，请驳回退回。',
        errors: [{ path: 'stationId', message: 'the station that returned the order' }],
      },
    );
  return [accepted, dispatchTo(view, input.stationId, note, places)];
}
