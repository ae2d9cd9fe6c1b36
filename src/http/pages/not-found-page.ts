// What a person sees after typing a wrong address: 页面不存在 and a way back to the start page.
import { zhCN } from './messages/index.js';
import { esc, renderPage } from './render-page.js';

export function notFoundPage(): string {
  const n = zhCN.landing.notFound;
  return renderPage({
    page: 'landing',
    title: n.title,
    main: `<h1>${esc(n.title)}</h1>
<p>${esc(n.text)}</p>
<p id="signed-in" class="muted" hidden></p>
<p><a class="button primary" href="/">${esc(n.home)}</a></p>`,
  });
}
