// The login page (/login): account and password; the script posts them to /v1/session and goes on to
// the page the person came from, or to the page of their role.
import { zhCN } from './messages/index.js';
import { esc, renderPage } from './render-page.js';

export function loginPage(demo: boolean): string {
  const m = zhCN.login;
  return renderPage({
    page: 'login',
    title: m.title,
    main: `<section class="card login-box">
<h1>${esc(m.title)}</h1>
<form id="login-form" novalidate>
<label for="account">${esc(m.account)}</label>
<input id="account" name="account" autocomplete="username" autocapitalize="none" spellcheck="false" required>
<label for="password">${esc(m.password)}</label>
<input id="password" name="password" type="password" autocomplete="current-password" required>
<div class="actions"><button class="primary" type="submit">${esc(m.submit)}</button></div>
</form>
<p class="muted">${esc(m.hint)}</p>
${demo ? `<p class="muted">${esc(m.demoHint)}</p>` : ''}
</section>`,
  });
}
