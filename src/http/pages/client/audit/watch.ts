// The supervision lists (督办清单): orders overdue now, and orders whose last valid survey was
// unsatisfied, under the unit being looked at.
import { h } from '../lib/dom.js';
import { label, messages } from '../lib/messages.js';
import type { OrderView } from './data.js';
import { ordersTable } from './orders.js';

export type WatchKind = 'overdue' | 'unsatisfied';

export function renderWatch(
  box: HTMLElement,
  kind: WatchKind,
  items: readonly OrderView[],
  open: (id: string) => void,
): void {
  const m = messages<'audit'>().audit.watch;
  const c = messages().common;
  if (items.length === 0) {
    box.replaceChildren(h('p', { class: 'muted' }, m.empty));
    return;
  }
  const overdueTargets = (v: OrderView) =>
    h(
      'span',
      {},
      (v.sla?.figures ?? [])
        .filter((f) => f.status === 'breached')
        .map((f) => h('span', { class: 'tag breached' }, label(c.targets, f.target))),
    );
  box.replaceChildren(
    ordersTable(
      kind === 'overdue' ? m.overdue : m.unsatisfied,
      items,
      open,
      kind === 'overdue' ? { head: m.overdueTargets, cell: overdueTargets } : undefined,
    ),
  );
}
