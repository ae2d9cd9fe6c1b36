// Choosing where an order goes: the candidate places (home region first, full line, the words that
// matched, the covering station) with one button each, and any station found by name.
import { h } from '../lib/dom.js';
import { fmt } from '../lib/messages.js';
import type { DispatchCandidate } from '../../../routes/dispatch/schema.js';
import type { ConsoleContext, QueueItem } from './context.js';

const MAX_RESULTS = 8;

export function stationPicker(
  item: QueueItem,
  ctx: ConsoleContext,
  pick: (stationId: string, note: string | undefined) => Promise<unknown>,
  excluded: ReadonlySet<string> = new Set(),
): HTMLElement {
  const m = ctx.m.dispatch;
  const id = item.order.id;
  const noteInput = h('input', { id: `${id}-note`, type: 'text', maxlength: 1000 });
  const note = () => (noteInput.value.trim() === '' ? undefined : noteInput.value.trim());
  const go = (stationId: string) => () => void pick(stationId, note());

  // Places the order can go to, as buttons; the rest (no station, or a station that returned the
  // order) folded away below, so a name shared by many places does not bury the ones that matter.
  const usable = (c: DispatchCandidate) =>
    c.stationId !== undefined && c.eligible && !excluded.has(c.stationId);
  const open = item.candidates.filter(usable);
  const closed = item.candidates.filter((c) => !usable(c));
  const place = (c: DispatchCandidate) =>
    h(
      'div',
      { class: 'candidate-place' },
      h('span', { class: 'place-line' }, c.line.length > 0 ? c.line.join(' › ') : c.name),
      c.inHomeRegion ? [' ', h('span', { class: 'tag ok' }, m.candidates.homeRegion)] : null,
    );
  const candidates = item.candidates.length
    ? [
        h(
          'ul',
          { class: 'candidates' },
          open.map((c) =>
            h(
              'li',
              { class: 'candidate' },
              place(c),
              c.matchedText !== undefined
                ? h('div', { class: 'muted' }, fmt(m.candidates.matched, { text: c.matchedText }))
                : null,
              h(
                'button',
                { type: 'button', class: 'primary', onclick: go(c.stationId ?? '') },
                fmt(m.candidates.dispatchTo, { station: c.stationName ?? c.stationId ?? '' }),
              ),
            ),
          ),
        ),
        closed.length > 0
          ? h(
              'details',
              { class: 'other-candidates' },
              h('summary', {}, fmt(m.candidates.others, { n: closed.length })),
              h(
                'ul',
                { class: 'plain' },
                closed.map((c) =>
                  h(
                    'li',
                    {},
                    place(c),
                    h(
                      'div',
                      { class: 'muted' },
                      c.stationId === undefined
                        ? m.candidates.noStation
                        : `${c.stationName ?? c.stationId}：${m.candidates.refused}`,
                    ),
                  ),
                ),
              ),
            )
          : null,
      ]
    : h('p', { class: 'muted' }, m.candidates.none);

  const results = h('ul', { class: 'search-results', 'aria-label': m.search.results });
  const status = h('p', { class: 'muted', role: 'status' }, m.search.hint);
  const search = h('input', {
    id: `${id}-search`,
    type: 'search',
    placeholder: m.search.placeholder,
    autocomplete: 'off',
    oninput: () => {
      const q = search.value.trim();
      const found = q
        ? ctx.stations.filter((s) => s.name.includes(q) || s.id.includes(q.toLowerCase()))
        : [];
      results.replaceChildren(
        ...found
          .filter((s) => !excluded.has(s.id))
          .slice(0, MAX_RESULTS)
          .map((s) =>
            h(
              'li',
              {},
              h(
                'button',
                { type: 'button', onclick: go(s.id) },
                fmt(m.candidates.dispatchTo, { station: s.name }),
              ),
            ),
          ),
      );
      status.textContent = !q ? m.search.hint : found.length ? '' : fmt(m.search.none, { q });
    },
  });

  return h(
    'div',
    { class: 'station-picker' },
    h('label', { for: `${id}-note` }, m.note.label),
    noteInput,
    h('h4', {}, m.candidates.heading),
    candidates,
    h('label', { for: `${id}-search` }, m.search.label),
    search,
    status,
    results,
  );
}
