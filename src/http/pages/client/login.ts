// Logging in: post the account and password, keep nothing in script-readable storage (the session is
// an HttpOnly cookie), then go where the person was going, or to their role's page.
import { ApiError, api, type Session } from './lib/api.js';
import { byId } from './lib/dom.js';
import { fmt, messages } from './lib/messages.js';
import { notify } from './lib/shell.js';

/** Only a path on this site: a `next` of //evil.example or https://… must not send anyone away. */
function safeNext(): string | undefined {
  const next = new URLSearchParams(location.search).get('next');
  return next && /^\/(?!\/)[\w\-./?=&%]*$/.test(next) ? next : undefined;
}

function main(): void {
  const m = messages<'login'>();
  const form = byId<HTMLFormElement>('login-form');
  const submit = form.querySelector<HTMLButtonElement>('button[type=submit]');
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const account = byId<HTMLInputElement>('account').value.trim();
    const password = byId<HTMLInputElement>('password').value;
    if (!account || !password) {
      notify(fmt(m.login.failed, { detail: `${m.login.account}、${m.login.password}` }));
      return;
    }
    if (submit) {
      submit.disabled = true;
      submit.textContent = m.login.submitting;
    }
    api<Session>('/v1/session', { method: 'POST', body: { account, password } })
      .then((s) => location.assign(safeNext() ?? s.home))
      .catch((err: unknown) => {
        notify(
          fmt(m.login.failed, { detail: err instanceof ApiError ? err.message : String(err) }),
        );
        byId<HTMLInputElement>('password').value = '';
        byId<HTMLInputElement>('password').focus();
      })
      .finally(() => {
        if (submit) {
          submit.disabled = false;
          submit.textContent = m.login.submit;
        }
      });
  });
  byId<HTMLInputElement>('account').focus();
}

main();
