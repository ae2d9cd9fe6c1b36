// The audit page's shell (static markup from the catalogue); its script is client/audit.ts.
import { zhCN } from './messages/index.js';
import { esc, renderPage } from './render-page.js';

export function auditPage(): string {
  const m = zhCN.audit;
  return renderPage({
    page: 'audit',
    title: m.title,
    signedIn: true,
    main: `<h1>${esc(m.title)}</h1><div id="app"></div>`,
  });
}
