// The dispatcher console's shell (/dispatch): static markup from the catalogue, one panel per work
// queue; the script (client/dispatch.ts) fills them from the API with the dispatcher's session.
import { zhCN } from './messages/index.js';
import { esc, renderPage } from './render-page.js';

const queues = ['triage', 'returns', 'extensions', 'overdue'] as const;

export function dispatchPage(): string {
  const m = zhCN.dispatch;
  const tabs = queues
    .map(
      (q, i) =>
        `<button type="button" id="tab-${q}" data-queue="${q}" aria-controls="panel-${q}" aria-pressed="${i === 0 ? 'true' : 'false'}">${esc(m.tabs[q])}</button>`,
    )
    .join('');
  const panels = queues
    .map(
      (q, i) =>
        `<section id="panel-${q}" class="dispatch-panel" aria-labelledby="heading-${q}"${i === 0 ? '' : ' hidden'}>
<h2 id="heading-${q}">${esc(m.tabs[q])}</h2>
<p class="muted queue-status" id="status-${q}" role="status">${esc(zhCN.common.loading)}</p>
<ol class="dispatch-list" id="list-${q}"></ol>
</section>`,
    )
    .join('\n');
  return renderPage({
    page: 'dispatch',
    title: m.title,
    signedIn: true,
    main: `<div class="dispatch-head">
<div><h1>${esc(m.title)}</h1><p class="muted">${esc(m.intro)}</p></div>
<button type="button" id="refresh">${esc(m.refresh)}</button>
</div>
<nav class="tabs dispatch-tabs" aria-label="${esc(m.queueLabel)}">${tabs}</nav>
${panels}`,
  });
}
