// Who may see which order. A station sees only orders assigned to it; another station's order is
// reported as not found so its existence is not revealed. Auditors see personal data masked.
import type { OrderEvent } from '../../contracts/events.js';
import type { OrderView } from '../../contracts/views.js';
import { DomainError } from '../domain/errors.js';
import { maskName, maskPhone } from '../domain/text/phone.js';
import type { Principal } from '../http/principal.js';
import type { SlaEngine } from './sla.js';
import type { PlaceIndex } from '../domain/routing/place-index.js';
import { orderPlaceCode } from './place-code.js';

export function canSee(p: Principal, view: OrderView, places: PlaceIndex): boolean {
  switch (p.role) {
    case 'admin':
      return true;
    case 'auditor':
      return p.scope === undefined || orderPlaceCode(places, view).startsWith(p.scope);
    case 'source':
      return view.source === p.id;
    case 'station':
      return view.station?.id === p.id;
  }
}

export const notFound = (id: string): DomainError => new DomainError('not_found', `No order ${id}`);

export function visibleOrThrow(
  p: Principal,
  view: OrderView | null,
  id: string,
  places: PlaceIndex,
): OrderView {
  if (!view || !canSee(p, view, places)) throw notFound(id);
  return view;
}

function maskCaller<
  T extends { caller: { name?: string | undefined; phone?: string | undefined } },
>(o: T): T {
  return {
    ...o,
    caller: {
      ...(o.caller.name !== undefined ? { name: maskName(o.caller.name) } : {}),
      ...(o.caller.phone !== undefined ? { phone: maskPhone(o.caller.phone) } : {}),
    },
  };
}

/**
 * An order as its reader sees it: with its SLA figures as of now, and for auditors with the caller
 * masked (stations and the owning platform need the caller to call back).
 */
export function presentView(
  p: Principal,
  view: OrderView,
  sla: Pick<SlaEngine, 'summary'>,
): OrderView {
  const withSla = { ...view, sla: sla.summary(view) };
  return p.role === 'auditor' ? { ...withSla, order: maskCaller(view.order) } : withSla;
}

export function presentEvent(p: Principal, e: OrderEvent): OrderEvent {
  if (p.role !== 'auditor' || e.data.type !== 'order.received') return e;
  return { ...e, data: { ...e.data, order: maskCaller(e.data.order) } };
}
