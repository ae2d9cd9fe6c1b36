// A plain data table built from text (h()), with a caption for screen readers; numbers right-aligned.
// On a phone its rows become cards (the stylesheet's table.cards): each cell carries its column's name
// (data-label), so a 375 px screen shows 响应率 98.0% under the unit's name instead of a table that
// scrolls sideways with no hint.
import { h } from '../lib/dom.js';

export type Cell = string | number | Node | { class: string; text: string };

/** The words of a header cell, as its column's name on a phone. */
const textOf = (c: Cell): string =>
  typeof c === 'string' || typeof c === 'number'
    ? String(c)
    : c instanceof Node
      ? (c.textContent ?? '')
      : c.text;

export function dataTable(caption: string, head: Cell[], rows: Cell[][]): HTMLTableElement {
  const labels = head.map(textOf);
  const cell = (tag: 'th' | 'td', c: Cell, attrs: Record<string, string> = {}) => {
    if (typeof c === 'object' && !(c instanceof Node))
      return h(tag, { class: c.class, ...attrs }, c.text);
    return h(tag, attrs, c);
  };
  return h(
    'table',
    { class: 'cards' },
    h('caption', { class: 'sr-only' }, caption),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        head.map((c) => cell('th', c, { scope: 'col' })),
      ),
    ),
    h(
      'tbody',
      {},
      rows.map((r) =>
        h(
          'tr',
          {},
          r.map((c, i) => cell('td', c, { 'data-label': labels[i] ?? '' })),
        ),
      ),
    ),
  );
}
