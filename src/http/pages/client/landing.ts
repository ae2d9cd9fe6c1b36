// The landing page: when someone is already signed in, say who and offer their own page first.
import { currentSession } from './lib/api.js';
import { byId } from './lib/dom.js';
import { fmt, label, messages } from './lib/messages.js';

async function main(): Promise<void> {
  const m = messages<'landing'>();
  const session = await currentSession().catch(() => null);
  if (!session) return;
  const line = byId('signed-in');
  line.textContent = fmt(m.landing.signedInAs, {
    name: session.account.name,
    role: label(m.common.roles, session.account.role),
  });
  line.hidden = false;
}

void main();
