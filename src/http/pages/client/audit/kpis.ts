// The three rates and the composite of the chosen period and unit, as four cards.
import { h } from '../lib/dom.js';
import { fmt, messages } from '../lib/messages.js';
import type { Figures } from './data.js';
import { percent, score } from './format.js';

export function renderKpis(box: HTMLElement, f: Figures): void {
  const m = messages<'audit'>().audit.kpis;
  const card = (key: string, name: string, value: string) =>
    h(
      'div',
      { class: 'kpi', 'data-kpi': key },
      h('div', { class: 'kpi-name' }, name),
      h('div', { class: 'value' }, value),
    );
  const counts =
    f.validCallbacks > 0
      ? fmt(m.counts, { valid: f.validCallbacks, received: f.volumes.received })
      : `${m.none}（${fmt(m.counts, { valid: 0, received: f.volumes.received })}）`;
  box.replaceChildren(
    card('response', m.response, percent(f.responseRate)),
    card('resolution', m.resolution, percent(f.resolutionRate)),
    card('satisfaction', m.satisfaction, percent(f.satisfactionRate)),
    card('composite', m.composite, score(f.composite)),
    h('p', { class: 'muted kpi-counts' }, counts),
  );
}
