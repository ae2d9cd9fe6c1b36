// A plain data table built from text (h()), with a caption for screen readers; numbers right-aligned.
import { h } from '../lib/dom.js';

export type Cell = string | number | Node | { class: string; text: string };

export function dataTable(caption: string, head: Cell[], rows: Cell[][]): HTMLTableElement {
  const cell = (tag: 'th' | 'td', c: Cell, scope?: string) => {
    if (typeof c === 'object' && !(c instanceof Node))
      return h(tag, { class: c.class, ...(scope ? { scope } : {}) }, c.text);
    return h(tag, scope ? { scope } : {}, c);
  };
  return h(
    'table',
    {},
    h('caption', { class: 'sr-only' }, caption),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        head.map((c) => cell('th', c, 'col')),
      ),
    ),
    h(
      'tbody',
      {},
      rows.map((r) =>
        h(
          'tr',
          {},
          r.map((c) => cell('td', c)),
        ),
      ),
    ),
  );
}
