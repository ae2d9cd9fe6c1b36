// The dashboard's 督办 figures: orders urged (with the number of 催办 notices), supervised by hand and
// escalated to the street and the district, for the period and unit on screen, as the figures API
// answers them (Figures.supervision). Its own section, added under the three rates once and
// refilled with every answer.
import { h } from '../lib/dom.js';
import { fmt, messages } from '../lib/messages.js';
import type { Figures } from './data.js';

const m = () => messages<'audit'>().audit.supervisionFigures;

/** The section's card box, made on the first call: after the section of the three rates. */
function box(): HTMLElement {
  const found = document.getElementById('supervision-kpis');
  if (found) return found;
  const t = m();
  const cards = h('div', { id: 'supervision-kpis', class: 'kpis' });
  const section = h(
    'section',
    { 'aria-labelledby': 'supervision-kpi-h' },
    h('h2', { id: 'supervision-kpi-h' }, t.heading),
    cards,
    // Under the cards, as the three rates' counts are (and the gap before the next cards).
    h('p', { class: 'muted' }, t.lead),
  );
  const rates = document.getElementById('kpis')?.closest('section');
  if (rates) rates.after(section);
  else document.querySelector('main')?.append(section);
  return cards;
}

export function renderSupervisionFigures(f: Figures): void {
  const t = m();
  const s = f.supervision;
  const card = (key: string, name: string, n: number, note?: string) =>
    h(
      'div',
      { class: 'kpi', 'data-kpi': key },
      h('div', { class: 'kpi-name' }, name),
      h('div', { class: 'value' }, fmt(t.pieces, { n })),
      note === undefined ? null : h('div', { class: 'kpi-name' }, note),
    );
  box().replaceChildren(
    card('urged', t.urged, s.urgedOrders, fmt(t.urges, { n: s.urges })),
    card('supervised', t.supervised, s.supervisedOrders),
    card('street', t.street, s.escalatedToStreet),
    card('district', t.district, s.escalatedToDistrict),
  );
}
