// The audit page's shell (考核看板): static markup from the catalogue; every figure reaches it through
// the metrics API in client/audit.ts. The trend chart is Apache ECharts, served from node_modules.
import { zhCN } from './messages/index.js';
import { esc, renderPage } from './render-page.js';

export function auditPage(): string {
  const m = zhCN.audit;
  const tab = (by: 'district' | 'street' | 'station') =>
    `<button type="button" data-by="${by}" aria-pressed="false">${esc(m.ranking.by[by])}</button>`;
  // A wide table scrolls inside its card; keyboard users reach it (axe: scrollable-region-focusable).
  const scroller = (name: string) => `tabindex="0" role="region" aria-label="${esc(name)}"`;
  return renderPage({
    page: 'audit',
    title: m.title,
    signedIn: true,
    libraries: ['echarts.min.js'],
    main: `<h1>${esc(m.title)}</h1>
<p class="muted">${esc(m.lead)}</p>
<section class="card audit-bar">
<div class="audit-pick">
<label for="period">${esc(m.period)}</label>
<select id="period" name="period"></select>
<label for="period-month">${esc(m.periodMonth)}</label>
<input type="month" id="period-month" name="period-month" min="2000-01">
</div>
<div class="audit-scope">
<span class="muted">${esc(m.scope)}</span>
<nav id="crumbs" aria-label="${esc(m.ranking.crumbs)}"><ol class="crumbs"></ol></nav>
</div>
<p id="basis" class="muted"></p>
</section>
<section aria-labelledby="kpi-h">
<h2 id="kpi-h">${esc(m.kpis.heading)}</h2>
<div id="kpis" class="kpis"></div>
</section>
<div class="audit-cols">
<section class="card" aria-labelledby="trend-h">
<h2 id="trend-h">${esc(m.trend.heading)}</h2>
<div id="trend-chart" class="chart" role="img"></div>
<details>
<summary>${esc(m.trend.table)}</summary>
<div id="trend-table" class="table-wrap" ${scroller(m.trend.table)}></div>
</details>
</section>
<section class="card" aria-labelledby="rank-h">
<h2 id="rank-h">${esc(m.ranking.heading)}</h2>
<div id="rank-by" class="tabs" role="group" aria-label="${esc(m.ranking.byLabel)}">
${tab('district')}${tab('street')}${tab('station')}
</div>
<p class="muted">${esc(m.ranking.drillHint)}</p>
<div id="ranking" class="table-wrap" ${scroller(m.ranking.table)}></div>
<div id="orders" hidden>
<h3 id="orders-h"></h3>
<div id="orders-table" class="table-wrap" ${scroller(m.orders.title)}></div>
<button type="button" id="orders-more" hidden>${esc(m.orders.more)}</button>
</div>
</section>
</div>
<section class="card" id="timeline-card" aria-labelledby="timeline-h" hidden>
<h2 id="timeline-h" tabindex="-1">${esc(m.timeline.heading)}</h2>
<div id="timeline"></div>
<button type="button" id="timeline-close">${esc(m.timeline.close)}</button>
</section>
<section class="card" aria-labelledby="watch-h">
<h2 id="watch-h">${esc(m.watch.heading)}</h2>
<div id="watch-kind" class="tabs" role="group" aria-label="${esc(m.watch.heading)}">
<button type="button" data-kind="overdue" aria-pressed="true">${esc(m.watch.overdue)}</button>
<button type="button" data-kind="unsatisfied" aria-pressed="false">${esc(m.watch.unsatisfied)}</button>
</div>
<p class="muted">${esc(m.watch.note)}</p>
<div id="watch" class="table-wrap" ${scroller(m.watch.table)}></div>
</section>
<section class="card" aria-labelledby="export-h">
<h2 id="export-h">${esc(m.exports.heading)}</h2>
<p class="muted">${esc(m.exports.hint)}</p>
<div id="exports" class="actions"></div>
</section>`,
  });
}
