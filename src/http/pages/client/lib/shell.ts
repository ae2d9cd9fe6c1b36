// What every signed-in page does first: find the person (or send them to log in), show who they are
// with a logout button, and give the page one place to tell the person what went wrong.
import { byId, h } from './dom.js';
import { currentSession, loginUrl, logout, type Session, type SessionAccount } from './api.js';
import { label, messages } from './messages.js';

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
    // The person is signed in but this is not their page: send them to theirs.
    location.assign(session.home);
    return leaving();
  }
  return session;
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
