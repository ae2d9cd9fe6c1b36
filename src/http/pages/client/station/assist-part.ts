// Which station is looking, and its own 协办 part of an order it assists (not leads). No DOM, so the
// order facts (which actions to offer) can ask it too.
import type { AssistView, OrderView } from '../../../../../contracts/views.js';

let viewer = '';

export function setViewerStation(stationId: string): void {
  viewer = stationId;
}

/** The 协办 tab's groups, in the order a unit works them: 待签收, 协办中, then the finished parts. */
export const partGroups = ['requested', 'accepted', 'finished'] as const;
export type PartGroup = (typeof partGroups)[number];

export function partGroup(part: AssistView): PartGroup {
  return part.status === 'requested' || part.status === 'accepted' ? part.status : 'finished';
}

/** The viewer's own part of an order it assists, if any (a removed part is none). */
export function ownPart(view: OrderView): AssistView | undefined {
  if (viewer === '' || view.station?.id === viewer) return undefined;
  return [...(view.assists ?? [])]
    .reverse()
    .find((a) => a.stationId === viewer && a.status !== 'removed');
}
