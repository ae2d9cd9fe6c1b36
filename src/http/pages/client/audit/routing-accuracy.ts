// The dashboard's 派单准确率 section: the share of orders the router sent by itself that were not
// returned as 属地不符 or re-dispatched by a person, per rule, district and station, as
// GET /v1/places/routing-accuracy answers it for the reader's scope. Its own card, added to the page
// once; the figures are the API's, never computed here.
import type { AccuracyRow } from '../../../../domain/routing/feedback.js';
import { api } from '../lib/api.js';
import { h } from '../lib/dom.js';
import { fmt, label, messages } from '../lib/messages.js';
import { num, percent } from './format.js';
import { dataTable } from './table.js';

type By = 'byRule' | 'byPlace' | 'byStation';
type Accuracy = Record<By, AccuracyRow[]>;
const views: readonly By[] = ['byRule', 'byPlace', 'byStation'];

const m = () => messages<'audit'>().audit.routingAccuracy;

/** Adds the section after the dashboard's columns and fills it; `fail` reports a failed read. */
export function mountRoutingAccuracy(fail: (err: unknown) => void): void {
  const t = m();
  const table = h('div', {
    id: 'routing-accuracy',
    class: 'table-wrap',
    // A wide table scrolls inside its card; keyboard users reach it (axe: scrollable-region-focusable).
    tabindex: '0',
    role: 'region',
    'aria-label': t.region,
  });
  const buttons = views.map((by) =>
    h('button', { type: 'button', 'data-accuracy-by': by, 'aria-pressed': 'false' }, t.by[by]),
  );
  const section = h(
    'section',
    { class: 'card', 'aria-labelledby': 'routing-accuracy-h' },
    h('h2', { id: 'routing-accuracy-h' }, t.heading),
    h('p', { class: 'muted' }, t.lead),
    h('div', { class: 'tabs', role: 'group', 'aria-label': t.byLabel }, buttons),
    table,
  );
  const after = document.querySelector('.audit-cols');
  if (after) after.after(section);
  else document.querySelector('main')?.append(section);

  let data: Accuracy | undefined;
  let by: By = 'byPlace';
  const show = () => {
    for (const b of buttons) b.setAttribute('aria-pressed', String(b.dataset.accuracyBy === by));
    if (data) renderRows(table, by, data[by]);
  };
  for (const b of buttons)
    b.addEventListener('click', () => {
      by = b.dataset.accuracyBy as By;
      show();
    });
  show();
  api<Accuracy>('/v1/places/routing-accuracy')
    .then((answer) => {
      data = answer;
      show();
    })
    .catch(fail);
}

function renderRows(box: HTMLElement, by: By, rows: readonly AccuracyRow[]): void {
  const t = m();
  if (rows.length === 0) {
    box.replaceChildren(h('p', { class: 'muted' }, t.empty));
    return;
  }
  const nameOf = (row: AccuracyRow) =>
    by === 'byRule'
      ? label(t.rules, row.key)
      : by === 'byPlace' && row.key === 'unknown'
        ? t.unknownPlace
        : (row.name ?? row.key);
  box.replaceChildren(
    dataTable(
      fmt(t.table, { by: t.by[by] }),
      [t.name[by], num(t.routed), num(t.wrong), num(t.accuracy)],
      rows.map((row) => [nameOf(row), num(row.routed), num(row.wrong), num(percent(row.accuracy))]),
    ),
  );
}
