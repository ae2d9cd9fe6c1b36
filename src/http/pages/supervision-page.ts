// The supervisor's page (/supervision, 督办台): static markup from the catalogue; the script
// (client/supervision.ts) fills the escalation queue from GET /v1/supervision/queue with the session.
import { zhCN } from './messages/index.js';
import { esc, renderPage } from './render-page.js';

export function supervisionPage(): string {
  const m = zhCN.supervision;
  return renderPage({
    page: 'supervision',
    title: m.title,
    signedIn: true,
    main: `<div class="dispatch-head">
<div><h1>${esc(m.title)}</h1><p class="muted">${esc(m.intro)}</p>
<p class="supervision-who"><span id="supervision-scope"></span> <span id="supervision-level"></span></p></div>
<div class="actions compact"><a class="button" href="/audit">${esc(m.toAudit)}</a>
<button type="button" id="refresh">${esc(m.refresh)}</button></div>
</div>
<section aria-labelledby="queue-title">
<h2 id="queue-title">${esc(m.queueLabel)}</h2>
<p class="muted queue-status" id="queue-status" role="status">${esc(zhCN.common.loading)}</p>
<ol class="dispatch-list supervision-list" id="queue"></ol>
</section>`,
  });
}
