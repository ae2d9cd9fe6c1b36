// 协办 parts as both the dispatcher console and the lead station list them: the parts still shown
// (a removed part is gone), which of them are outstanding, and one part's list item (unit, status
// tag), to which each page adds its own lines (opinion, note, 撤销).
import type { AssistView, OrderView } from '../../../../../contracts/views.js';
import { h, type Child } from './dom.js';
import { label } from './messages.js';

/** The parts shown for an order: every one but the removed. */
export function shownParts(view: OrderView): AssistView[] {
  return (view.assists ?? []).filter((a) => a.status !== 'removed');
}

/** A part still waiting for its unit (签收 or its report): it holds the lead's 办结. */
export function isOutstanding(part: AssistView): boolean {
  return part.status === 'requested' || part.status === 'accepted';
}

/** One part's list item: the unit and its status tag, then what the page adds. */
export function partItem(
  part: AssistView,
  statusLabels: Readonly<Record<string, string>>,
  ...more: Child[]
): HTMLLIElement {
  return h(
    'li',
    { 'data-station': part.stationId },
    h('strong', {}, part.stationName),
    ' ',
    h('span', { class: `tag assist ${part.status}` }, label(statusLabels, part.status)),
    ...more,
  );
}
