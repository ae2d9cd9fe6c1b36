// Who may see which order. A station sees only orders assigned to it; another station's order is
// reported as not found so its existence is not revealed. Auditors see personal data masked.
import type { OrderEvent } from '../../contracts/events.js';
import { FREE_FORM_LIMITS, freeFormIssue } from '../../contracts/free-form.js';
import type { OrderView } from '../../contracts/views.js';
import type { CanonicalOrder } from '../../contracts/order.js';
import type { ListQuery } from '../ports/order-store.js';
import { DomainError } from '../domain/errors.js';
import { maskName, maskPhone } from '../domain/text/phone.js';
import { maskPersonalValue } from '../domain/text/personal-data.js';
import type { Principal } from './principal.js';
import type { SlaEngine } from './sla.js';
import type { PlaceIndex } from '../domain/routing/place-index.js';
import { orderPlaceCode } from './place-code.js';
import { presentActor } from './accounts/present-actor.js';
import { livePartOf } from '../domain/assists/fold.js';

/** The division code a reader is held inside (a scoped auditor's district or street), if any. */
export function scopeOf(p: Principal): string | undefined {
  return p.role === 'source' || p.role === 'station' ? undefined : p.scope;
}

const underScope = (p: Principal, code: string): boolean => {
  const scope = scopeOf(p);
  return scope === undefined || code.startsWith(scope);
};

/**
 * The one visibility rule: every route that reads or acts on an order asks this (or its list form).
 * A source sees its own orders, a station the orders it holds; every other role sees everything under
 * its scope (all of it when unscoped), so a role added later is held by its scope without a new case.
 */
export function canSee(p: Principal, view: OrderView, places: PlaceIndex): boolean {
  if (p.role === 'source') return view.source === p.id;
  // 协办: an assisting unit reads the order while its part stands (not after a removal).
  if (p.role === 'station')
    return view.station?.id === p.id || livePartOf(view, p.id) !== undefined;
  return underScope(p, orderPlaceCode(places, view));
}

/**
 * The list form of `canSee`: the caller's filter narrowed to what the caller may see, or null when the
 * filter asks for something outside it (the answer is then an empty list, never someone else's orders).
 * The stores count an order under the same code as `orderPlaceCode`, so list and single reads agree.
 */
export function visibleQuery<Q extends Omit<ListQuery, 'limit'>>(p: Principal, q: Q): Q | null {
  if (p.role === 'source')
    return q.source === undefined || q.source === p.id ? { ...q, source: p.id } : null;
  // A station's lists hold what canSee lets it read: the orders it leads and those it assists.
  if (p.role === 'station')
    return q.stationId === undefined || q.stationId === p.id
      ? { ...q, stationId: p.id, assisting: true }
      : null;
  const scope = scopeOf(p);
  if (scope === undefined) return q;
  const asked = q.placePrefix;
  if (asked === undefined || scope.startsWith(asked)) return { ...q, placePrefix: scope };
  return asked.startsWith(scope) ? q : null;
}

/** May the caller open this station's inbox? Its own; a scoped reader only a station inside its scope. */
export function canSeeStation(p: Principal, stationId: string, places: PlaceIndex): boolean {
  const station = places.station(stationId);
  if (!station) return false;
  if (p.role === 'station') return p.id === stationId;
  const scope = scopeOf(p);
  if (scope === undefined) return true;
  return station.covers.some((code) => code.startsWith(scope) || scope.startsWith(code));
}

export const notFound = (id: string): DomainError =>
  new DomainError('not_found', `No order ${id}`, { zh: '该工单不存在，或您无权查看。' });

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
 * `extra` as readers get it: an order stored before the free-form bounds (contracts/free-form.ts)
 * with a field too deep or too large is shown without it, so one order cannot break a read or a list.
 * The original bytes stay in the archive (GET /v1/orders/{id}/raw).
 */
function soundExtra<T extends { extra: Record<string, unknown> }>(o: T): T {
  const issue = freeFormIssue(o.extra);
  if (!issue) return o;
  const why = `${issue.message} (limits: ${FREE_FORM_LIMITS.depth} levels, ${FREE_FORM_LIMITS.bytes} bytes)`;
  return { ...o, extra: { '(omitted)': `extra left out: ${why}; see the raw request` } };
}

/** Identifiers, codes and links: never masked, so an order stays findable by what names it. */
const NOT_PERSONAL = new Set([
  'id',
  'orderId',
  'externalId',
  'source',
  'stationId',
  'divisionCode',
  'code',
  'url',
]);

/**
 * Phones and ID numbers masked in every text (content, notes, results, reasons), and the order's
 * callers' names (`names`) wherever they are written (已电话联系黄先生 → 已电话联系黄**).
 */
const maskTexts = <T>(value: T, names: readonly string[]): T =>
  maskPersonalValue(value, { keep: NOT_PERSONAL, byFieldName: false, names }) as T;

/** The names of everyone who called about the order: its caller and the callers joined to it. */
export function callerNamesOf(view: Pick<OrderView, 'order' | 'joinedCallers'>): string[] {
  const names = [view.order.caller.name, ...(view.joinedCallers ?? []).map((c) => c.caller.name)];
  return names.filter((n): n is string => n !== undefined);
}

function maskOrder<T extends CanonicalOrder>(o: T, names: readonly string[]): T {
  const { caller: _caller, extra, ...rest } = o;
  return {
    ...maskTexts(rest, names),
    caller: maskCaller(o).caller,
    // A vendor's fields: masked by what their names say (联系人, 回访电话, 身份证号 …) and by pattern.
    extra: maskPersonalValue(soundExtra(o).extra, { keep: NOT_PERSONAL, names }) as T['extra'],
  } as T;
}

/**
 * An order with personal data masked, for every reader who must not call the citizen: auditors, CSV
 * exports, Open311 (whoever asks). Masking twice changes nothing.
 */
export function maskPersonalData(view: OrderView): OrderView {
  const { order, joinedCallers, ...rest } = view;
  const names = callerNamesOf(view);
  return {
    ...maskTexts(rest, names),
    // 重复件: the other callers on the order, masked like its own caller.
    ...(joinedCallers
      ? { joinedCallers: joinedCallers.map((c) => maskTexts(maskCaller(c), names)) }
      : {}),
    order: maskOrder(order, names),
  };
}

/**
 * An event with personal data masked, as `maskPersonalData` does for the order; `names` are the
 * order's callers (`callerNamesOf`), masked in the event's texts too.
 */
export function maskPersonalEvent(e: OrderEvent, names: readonly string[] = []): OrderEvent {
  const { data, ...rest } = e;
  const masked =
    data.type === 'order.received'
      ? { ...data, order: maskOrder(data.order, [...names, ...callerNamesOf(data)]) }
      : data.type === 'order.caller_joined'
        ? maskTexts(maskCaller(data), [
            ...names,
            ...(data.caller.name !== undefined ? [data.caller.name] : []),
          ])
        : maskTexts(data, names);
  return { ...rest, data: masked };
}

/**
 * An order as its reader sees it: with its SLA figures as of now, and for auditors with personal
 * data masked (stations and the owning platform need the caller to call back).
 */
export function presentView(
  p: Principal,
  view: OrderView,
  sla: Pick<SlaEngine, 'summary'>,
): OrderView {
  const withSla = { ...view, sla: sla.summary(view), order: soundExtra(view.order) };
  return masksCaller(p) ? maskPersonalData(withSla) : withSla;
}

/** Auditors and supervisors read personal data masked; dispatchers must call citizens back. */
const masksCaller = (p: Principal): boolean => p.role === 'auditor' || p.role === 'supervisor';

/** An event as its reader sees it; `callerNames` (`callerNamesOf` the order) are masked in its texts. */
export function presentEvent(
  p: Principal,
  event: OrderEvent,
  callerNames: readonly string[] = [],
): OrderEvent {
  const e = event.actor.account ? { ...event, actor: presentActor(p, event.actor) } : event;
  if (masksCaller(p)) return maskPersonalEvent(e, callerNames);
  if (e.data.type !== 'order.received') return e;
  return { ...e, data: { ...e.data, order: soundExtra(e.data.order) } };
}
