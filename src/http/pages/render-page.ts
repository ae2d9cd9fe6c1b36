// The shell every page shares: language, viewport, one stylesheet, the page's words as JSON data, its
// script, a header with who is signed in, and a live region for messages. Static text only: data
// reaches a page through the API, never through this HTML.
import { zhCN, messagesFor, type PageName } from './messages/index.js';

const escapes: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
export const esc = (s: string): string => s.replace(/[&<>"']/g, (c) => escapes[c] ?? c);

/** JSON inside <script type="application/json">: `<` escaped so no text can close the element. */
const scriptJson = (value: unknown): string => JSON.stringify(value).replace(/</g, '\\u003c');

export interface PageSpec {
  page: PageName;
  /** The document title, already in Chinese. */
  title: string;
  /** Static markup of <main>, built from catalogue text passed through esc(). */
  main: string;
  /** Extra scripts before the page's own (e.g. the chart library), served from /assets/. */
  libraries?: readonly string[];
  /** Pages for signed-in people show the person and a logout button in the header. */
  signedIn?: boolean;
}

export function renderPage(spec: PageSpec): string {
  const c = zhCN.common;
  const scripts = [...(spec.libraries ?? []), `${spec.page}.js`]
    .map((s) => `<script src="/assets/${esc(s)}" defer></script>`)
    .join('\n');
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(spec.title === c.product ? c.product : `${spec.title} · ${c.product}`)}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/assets/app.css">
<script type="application/json" id="messages">${scriptJson(messagesFor(spec.page))}</script>
${scripts}
</head>
<body data-page="${esc(spec.page)}">
<a class="skip" href="#main">${esc(c.nav.skip)}</a>
<header class="top">
<a class="brand" href="/">${esc(c.product)}</a>
<span id="who" class="who">${spec.signedIn ? '' : ''}</span>
</header>
<div id="notice" class="notice" role="status" aria-live="polite" hidden></div>
<main id="main" tabindex="-1">
${spec.main}
</main>
</body>
</html>`;
}
