// What every signed-in page does first: find the person (or send them to log in), show who they are
// with a logout button, and give the page one place to tell the person what went wrong.
import { byId, h } from './dom.js';
import { currentSession, loginUrl, logout, type Session, type SessionAccount } from './api.js';
import { fmt, label, messages } from './messages.js';

export async function requireSession(roles: readonly SessionAccount['role'][]): Promise<Session> {
  const session = await currentSession();
  if (!session) {
    location.assign(loginUrl());
    return leaving();
  }
  const m = messages().common;
  const who = byId('who');
  who.replaceChildren(
    h('span', { class: 'who-name' }, session.account.name),
    h('span', { class: 'who-role' }, label(m.roles, session.account.role)),
    h(
      'button',
      { type: 'button', class: 'link', id: 'logout', onclick: () => void logout() },
      m.nav.logout,
    ),
  );
  if (!roles.includes(session.account.role)) {
    // The person is signed in but this is not their page: send them to theirs, which says why.
    const home = new URL(session.home, location.origin);
    home.searchParams.set('notFor', location.pathname);
    home.searchParams.set('only', roles.join(','));
    location.assign(home.toString());
    return leaving();
  }
  sayWhyRedirected();
  return session;
}

/**
 * Arriving here from a page of another role (requireSession above): say whose page that was, so
 * the person is not left wondering why their address changed. Only known roles and a plain path
 * are written; the query is then removed so a reload does not repeat the notice.
 */
function sayWhyRedirected(): void {
  const params = new URLSearchParams(location.search);
  const from = params.get('notFor') ?? '';
  const m = messages().common;
  const roles = (params.get('only') ?? '')
    .split(',')
    .filter((r): r is keyof typeof m.roles => r in m.roles)
    .map((r) => m.roles[r]);
  if (!/^\/[a-z-]{1,30}$/.test(from) || roles.length === 0) return;
  params.delete('notFor');
  params.delete('only');
  const rest = params.toString();
  history.replaceState(null, '', `${location.pathname}${rest ? `?${rest}` : ''}${location.hash}`);
  const known = from.slice(1);
  const page = known in m.nav ? m.nav[known as keyof typeof m.nav] : from;
  notify(fmt(m.nav.notYourPage, { page, roles: roles.join('、') }));
}

/** The page is being left for another: nothing after this may run (and nothing is an error). */
function leaving(): Promise<never> {
  return new Promise<never>(() => undefined);
}

let hideTimer: ReturnType<typeof setTimeout> | undefined;

/** A message in the page's live region: errors stay until dismissed, notices fade. */
export function notify(text: string, kind: 'error' | 'ok' = 'error'): void {
  const box = byId('notice');
  box.className = `notice ${kind}`;
  box.replaceChildren(
    h('span', {}, text),
    h(
      'button',
      { type: 'button', class: 'link', onclick: () => notify('') },
      messages().common.actions.close,
    ),
  );
  box.hidden = text === '';
  if (hideTimer) clearTimeout(hideTimer);
  if (kind === 'ok' && text) hideTimer = setTimeout(() => (box.hidden = true), 4000);
}
