// The station app's shell (/station): static markup from the catalogue, no data. Its script is
// client/station.ts; the inbox and the order on screen come from the API with the session cookie.
import { zhCN } from './messages/index.js';
import { esc, renderPage } from './render-page.js';

export function stationPage(): string {
  const m = zhCN.station;
  const tab = (id: 'waiting' | 'working' | 'done' | 'assist', pressed: boolean) =>
    `<button type="button" id="tab-${id}" aria-pressed="${pressed}">${esc(m.tabs[id])}` +
    ` <span class="count" id="count-${id}"></span></button>`;
  return renderPage({
    page: 'station',
    title: m.title,
    signedIn: true,
    main: `<div id="arrivals" class="arrivals" role="status" aria-live="polite"></div>
<div class="station-app" id="station-app" data-view="list">
<section class="station-inbox" aria-labelledby="inbox-title">
<div class="inbox-head">
<h1 id="inbox-title">${esc(m.title)} <span id="station-name" class="station-name"></span></h1>
<span id="live-status" class="live-status muted"></span>
</div>
<div class="tabs station-tabs" role="group" aria-label="${esc(m.tabsLabel)}">
${tab('waiting', true)}
${tab('working', false)}
${tab('done', false)}
${tab('assist', false)}
</div>
<ul id="orders" class="list station-list" aria-label="${esc(m.listLabel)}"></ul>
<p id="list-status" class="muted">${esc(m.loadingList)}</p>
</section>
<section class="station-detail" aria-label="${esc(m.detailLabel)}">
<button type="button" class="back" id="back">${esc(m.back)}</button>
<div id="detail-body"><p class="muted">${esc(m.pickOrder)}</p></div>
</section>
</div>`,
  });
}
