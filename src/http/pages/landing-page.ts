// The landing page (/): what the gateway is, and a way in for each kind of person.
import { zhCN } from './messages/index.js';
import { esc, renderPage } from './render-page.js';

export function landingPage(): string {
  const l = zhCN.landing;
  const card = (href: string, r: { title: string; text: string }) =>
    `<section class="card"><h2>${esc(r.title)}</h2><p>${esc(r.text)}</p>` +
    `<a class="button primary" href="${href}">${esc(l.go)}${esc(r.title)}</a></section>`;
  return renderPage({
    page: 'landing',
    title: l.title,
    main: `<h1>${esc(l.title)}</h1>
<p>${esc(l.lead)}</p>
<p><a class="button" href="/login">${esc(l.login)}</a></p>
<p id="signed-in" class="muted" hidden></p>
<div class="role-cards">
${card('/station', l.roles.station)}
${card('/dispatch', l.roles.dispatch)}
${card('/audit', l.roles.audit)}
${card('/supervision', l.roles.supervision)}
${card('/admin', l.roles.admin)}
</div>
<p class="muted">${esc(l.machines)} <a href="/docs">${esc(l.apiDocs)}</a></p>`,
  });
}
