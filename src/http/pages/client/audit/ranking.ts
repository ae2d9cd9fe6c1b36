// The ranking of districts, streets or stations for the period, best composite first; each name is a
// button that drills into that unit.
import { h } from '../lib/dom.js';
import { messages } from '../lib/messages.js';
import type { Ranking } from './data.js';
import { num, percent, score } from './format.js';
import type { Step } from './scope.js';
import { dataTable } from './table.js';

export function renderRanking(box: HTMLElement, r: Ranking, open: (step: Step) => void): void {
  const m = messages<'audit'>().audit;
  if (r.rows.length === 0) {
    box.replaceChildren(h('p', { class: 'muted' }, m.ranking.empty));
    return;
  }
  box.replaceChildren(
    dataTable(
      `${m.ranking.heading} ${m.ranking.by[r.by]}`,
      [
        num(m.ranking.rank),
        m.ranking.name,
        num(m.ranking.received),
        num(m.ranking.valid),
        num(m.kpis.response),
        num(m.kpis.resolution),
        num(m.kpis.satisfaction),
        num(m.kpis.composite),
      ],
      r.rows.map((row) => [
        // No valid callback, no composite: listed after the ranked units, without a place.
        num(row.rank ?? m.ranking.unranked),
        row.code === ''
          ? row.name
          : h(
              'button',
              {
                type: 'button',
                class: 'link drill',
                'data-code': row.code,
                onclick: () => open({ level: r.by, code: row.code, name: row.name }),
              },
              row.name,
            ),
        num(row.received),
        num(row.validCallbacks),
        num(percent(row.responseRate)),
        num(percent(row.resolutionRate)),
        num(percent(row.satisfactionRate)),
        num(score(row.composite)),
      ]),
    ),
  );
}
