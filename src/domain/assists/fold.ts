// 协办 in the view: each assisting unit's part, folded from the assist events like the rest of the
// order. A part is keyed by its position (a unit removed and asked again has a new part), so its
// clocks and the deadline markers emitted for it never mix with an earlier part of the same unit.
import type { OrderEvent } from '../../../contracts/events.js';
import type { AssistView, OrderView } from '../../../contracts/views.js';

type Assists = NonNullable<OrderView['assists']>;

/** A part still waiting for the assisting unit: asked for, or accepted and not reported. */
export const isOpenPart = (a: AssistView): boolean =>
  a.status === 'requested' || a.status === 'accepted';

/** The unit's part that is still open, if any. */
export const openPartOf = (view: Pick<OrderView, 'assists'>, stationId: string) =>
  (view.assists ?? []).find((a) => a.stationId === stationId && isOpenPart(a));

/** The unit's newest part that was not removed: what it may still read of the order. */
export const livePartOf = (view: Pick<OrderView, 'assists'>, stationId: string) =>
  [...(view.assists ?? [])]
    .reverse()
    .find((a) => a.stationId === stationId && a.status !== 'removed');

const update = (list: Assists, stationId: string, change: (a: AssistView) => AssistView) => {
  const open = [...list].reverse().find((a) => a.stationId === stationId && isOpenPart(a));
  return open ? list.map((a) => (a === open ? change(a) : a)) : list;
};

export function evolveAssists(
  current: Assists | undefined,
  e: OrderEvent,
  cycle: number,
): Assists | undefined {
  const d = e.data;
  const list = current ?? [];
  switch (d.type) {
    case 'order.assist_requested':
      return [
        ...list,
        {
          part: list.length + 1,
          stationId: d.stationId,
          stationName: d.stationName,
          status: 'requested',
          cycle,
          requestedAt: e.at,
          ...(d.note ? { note: d.note } : {}),
        },
      ];
    case 'order.assist_accepted':
      return update(list, d.stationId, (a) => ({ ...a, status: 'accepted', acceptedAt: e.at }));
    case 'order.assist_reported':
      return update(list, d.stationId, (a) => ({
        ...a,
        status: 'reported',
        reportedAt: e.at,
        opinion: d.opinion,
      }));
    case 'order.assist_closed':
      return update(list, d.stationId, (a) => ({
        ...a,
        status: 'closed',
        endedAt: e.at,
        endNote: d.note,
      }));
    case 'order.assist_removed':
      return update(list, d.stationId, (a) => ({
        ...a,
        status: 'removed',
        endedAt: e.at,
        endNote: d.note,
      }));
    default:
      return current;
  }
}

/** The units that read the order as assisting units (every part not removed), once each. */
export const assistingStations = (view: Pick<OrderView, 'assists'>): string[] => [
  ...new Set((view.assists ?? []).filter((a) => a.status !== 'removed').map((a) => a.stationId)),
];
