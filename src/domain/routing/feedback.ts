// What dispatchers teach the router (issue 18.7). Read over the event log in order:
// - a dispatcher who dispatches a triaged or returned order by hand says where its text meant; the
//   text's place words and the place of the station chosen become a suggested alias, which an
//   operator may accept into the gazetteer (never automatically);
// - an order the router sent on its own that later comes back as 属地不符 (wrong_area) or is
//   re-dispatched by a person was routed wrong: 派单准确率 per rule, per place and per station is the
//   share of automatically routed orders that were not.
import type { OrderEvent } from '../../../contracts/events.js';
import { resolveAddressText } from '../places/resolve-address.js';
import type { PlaceIndex } from './place-index.js';
import { addressText } from './router.js';

export interface AliasSuggestion {
  /** The words of the order's place text that the router could not place. */
  text: string;
  /** The place of the station the dispatchers chose (the station's first covered code). */
  code: string;
  name: string;
  /** How many hand dispatches taught it, and some of their orders. */
  count: number;
  orders: string[];
}

export interface AccuracyRow {
  key: string;
  /** The place's or station's name, when the key names one the index knows. */
  name?: string;
  /** Orders the router sent to a station by itself. */
  routed: number;
  /** Of those, returned as 属地不符 or re-dispatched by a person. */
  wrong: number;
  /** (routed - wrong) / routed, or null with nothing routed. */
  accuracy: number | null;
}

export interface RoutingFeedback {
  suggestions: AliasSuggestion[];
  accuracy: { byRule: AccuracyRow[]; byPlace: AccuracyRow[]; byStation: AccuracyRow[] };
}

interface OrderTrack {
  text: string;
  /** `code`: the division code the order is scoped under (its station's place, else the route's). */
  auto?: { rule: string; place: string; station: string; code: string };
  wrong: boolean;
  /** Waiting for a person: triaged, or returned. */
  open: boolean;
}

const people = new Set(['dispatcher', 'admin', 'supervisor']);
const MAX_EXAMPLES = 5;

/** The place words of a text: up to the first digit or punctuation (翠城艺园3号楼 → 翠城艺园). */
export function placeWords(text: string): string {
  const head = text.split(/[\d0-9，。,.;；：:（(、\s]/u)[0] ?? '';
  return head.trim().slice(0, 20);
}

export interface FeedbackOptions {
  /** A scoped reader's division code: accuracy counts only the orders under it. */
  scope?: string | undefined;
}

export function foldRoutingFeedback(
  events: Iterable<OrderEvent>,
  index: PlaceIndex,
  options: FeedbackOptions = {},
): RoutingFeedback {
  const orders = new Map<string, OrderTrack>();
  const taught = new Map<string, AliasSuggestion>();
  for (const e of events) {
    const d = e.data;
    if (d.type === 'order.received') {
      orders.set(e.orderId, { text: addressText(d.order).text, wrong: false, open: false });
      continue;
    }
    const o = orders.get(e.orderId);
    if (!o) continue;
    if (d.type === 'order.triaged') o.open = true;
    else if (d.type === 'order.returned') {
      o.open = true;
      if (d.reason === 'wrong_area' && o.auto?.station === d.stationId) o.wrong = true;
    } else if (d.type === 'order.dispatched') {
      const byPerson = people.has(e.actor.role);
      if (!byPerson) {
        if (o.auto === undefined && d.decision.outcome === 'routed' && !o.open)
          o.auto = {
            rule: d.decision.rule ?? 'unknown',
            place: d.decision.matchedCode?.slice(0, 6) ?? 'unknown',
            station: d.stationId,
            code: scopeCode(index, d.stationId, d.decision.matchedCode),
          };
        o.open = false;
        continue;
      }
      if (o.auto !== undefined && d.stationId !== o.auto.station) o.wrong = true;
      if (o.open) learn(taught, index, e.orderId, o.text, d.stationId);
      o.open = false;
    }
  }
  const { scope } = options;
  const rows = (
    keyOf: (a: NonNullable<OrderTrack['auto']>) => string,
    nameOf: (key: string) => string | undefined = () => undefined,
  ): AccuracyRow[] => {
    const m = new Map<string, { routed: number; wrong: number }>();
    for (const o of orders.values()) {
      if (!o.auto) continue;
      if (scope !== undefined && !o.auto.code.startsWith(scope)) continue;
      const r = m.get(keyOf(o.auto)) ?? { routed: 0, wrong: 0 };
      r.routed++;
      if (o.wrong) r.wrong++;
      m.set(keyOf(o.auto), r);
    }
    return [...m]
      .map(([key, r]) => ({
        key,
        ...withName(nameOf(key)),
        ...r,
        accuracy: r.routed ? (r.routed - r.wrong) / r.routed : null,
      }))
      .sort((a, b) => b.wrong - a.wrong || b.routed - a.routed || (a.key < b.key ? -1 : 1));
  };
  return {
    suggestions: [...taught.values()].sort((a, b) => b.count - a.count),
    accuracy: {
      byRule: rows((a) => a.rule),
      byPlace: rows(
        (a) => a.place,
        (key) => index.place(key)?.name,
      ),
      byStation: rows(
        (a) => a.station,
        (key) => index.station(key)?.name,
      ),
    },
  };
}

const withName = (name: string | undefined) => (name === undefined ? {} : { name });

/** The code an order is scoped under, as everywhere: its station's one place, else the route's. */
function scopeCode(index: PlaceIndex, stationId: string, matched: string | undefined): string {
  const covers = index.station(stationId)?.covers ?? [];
  return (covers.length === 1 ? covers[0] : undefined) ?? matched ?? '';
}

/** Records one hand dispatch of an order the router could not place as a suggested alias. */
function learn(
  taught: Map<string, AliasSuggestion>,
  index: PlaceIndex,
  orderId: string,
  text: string,
  stationId: string,
): void {
  const station = index.station(stationId);
  const code = station?.covers[0];
  const words = placeWords(text);
  if (code === undefined || words.length < 2) return;
  const target = index.gazetteer.idOf(code);
  if (target < 0) return;
  // Words the gazetteer already reads as that place teach nothing.
  const known = resolveAddressText(index.gazetteer, words).decided?.id;
  if (known === target) return;
  const key = `${code}\u0000${words}`;
  const s = taught.get(key) ?? {
    text: words,
    code,
    name: index.gazetteer.name(target),
    count: 0,
    orders: [],
  };
  s.count++;
  if (s.orders.length < MAX_EXAMPLES) s.orders.push(orderId);
  taught.set(key, s);
}
