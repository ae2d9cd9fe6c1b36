// The dispatch page's shell (static markup from the catalogue); its script is client/dispatch.ts.
import { zhCN } from './messages/index.js';
import { esc, renderPage } from './render-page.js';

export function dispatchPage(): string {
  const m = zhCN.dispatch;
  return renderPage({
    page: 'dispatch',
    title: m.title,
    signedIn: true,
    main: `<h1>${esc(m.title)}</h1><div id="app"></div>`,
  });
}
