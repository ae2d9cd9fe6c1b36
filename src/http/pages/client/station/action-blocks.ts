// The lead's actions the API would refuse as things stand, and why: 办结 while a 协办 part is still
// out, 申请延期 once the 办结 deadline has passed. The panel shows them greyed with the reason, so a
// worker learns what to do before tapping (the API still has the final say).
import type { OrderView } from '../../../../../contracts/views.js';
import { fmt, messages } from '../lib/messages.js';
import { deadlineTime } from '../lib/time.js';
import { currentFigures, type ActionName } from './order-facts.js';

/** The running 办结 deadline of this cycle, as the API checks an extension against it. */
function resolveDueAt(view: OrderView): string | undefined {
  return currentFigures(view).find((f) => f.target === 'resolve' && f.stoppedAt === undefined)
    ?.dueAt;
}

export function blockedReason(
  view: OrderView,
  action: ActionName,
  now = Date.now(),
): string | undefined {
  const b = messages<'station'>().station.blocks;
  if (action === 'resolve') {
    const out = (view.assists ?? []).filter(
      (a) => a.status === 'requested' || a.status === 'accepted',
    );
    if (out.length > 0) return fmt(b.resolve, { names: out.map((a) => a.stationName).join('、') });
  }
  if (action === 'extension') {
    const due = resolveDueAt(view);
    if (due !== undefined && Date.parse(due) < now)
      return fmt(b.extension, { deadline: deadlineTime(due) });
  }
  return undefined;
}

/** What the greyed actions are now; a change re-renders the bar. */
export function blockSignature(view: OrderView, actions: readonly ActionName[]): string {
  return actions.map((a) => (blockedReason(view, a) === undefined ? '' : a)).join(',');
}
