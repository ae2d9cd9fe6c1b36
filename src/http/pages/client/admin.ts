// The operators' page: list personal accounts, create one (a generated password is shown once),
// disable or enable it, reset its password. Everything goes through /v1/admin/accounts.
import { ApiError, api } from './lib/api.js';
import { byId, h } from './lib/dom.js';
import { fmt, label, messages } from './lib/messages.js';
import { notify, requireSession } from './lib/shell.js';

interface Account {
  id: string;
  name: string;
  role: 'station' | 'dispatcher' | 'auditor' | 'supervisor' | 'admin';
  stationId?: string;
  stationName?: string;
  scope?: string;
  /** The scope as people name it (北京市东城区); the code is secondary. */
  scopeName?: string;
  disabled: boolean;
  demo: boolean;
}
interface WithPassword {
  account: Account;
  password?: string;
}

const m = messages<'admin'>();
const t = m.admin;
let accounts: Account[] = [];

const failed = (err: unknown) =>
  notify(fmt(t.failed, { detail: err instanceof ApiError ? err.message : String(err) }));

/** A generated password, shown once with a way to copy it, until the operator hides it. */
function showPassword(id: string, password: string): void {
  const box = byId('password-box');
  const value = h('code', { class: 'password', id: 'new-password-value' }, password);
  box.replaceChildren(
    h('p', {}, fmt(t.newPassword, { id }), ' ', value),
    h('p', { class: 'muted' }, t.passwordOnce),
    h(
      'div',
      { class: 'actions' },
      h(
        'button',
        {
          type: 'button',
          onclick: (e: Event) => {
            const button = e.currentTarget as HTMLButtonElement;
            void navigator.clipboard
              ?.writeText(password)
              .then(() => (button.textContent = t.copied))
              .catch(() => undefined);
          },
        },
        t.copy,
      ),
      h('button', { type: 'button', class: 'primary', onclick: () => hide(box) }, t.hide),
    ),
  );
  box.hidden = false;
  box.scrollIntoView({ block: 'nearest' });
}
/** The password leaves the page, not only the view. */
const hide = (el: HTMLElement) => {
  el.replaceChildren();
  el.hidden = true;
};

/** Where an account belongs, by name; a scope's code follows, small, for the operator who needs it. */
function belongs(a: Account): Node | string {
  if (a.role === 'station') return a.stationName ?? a.stationId ?? '';
  if (a.role !== 'auditor' && a.role !== 'supervisor') return '';
  if (!a.scope) return t.wholeCity;
  return h(
    'span',
    { class: 'scope' },
    a.scopeName ?? a.scope,
    a.scopeName ? [' ', h('span', { class: 'muted code' }, fmt(t.scope, { code: a.scope }))] : null,
  );
}

function render(): void {
  const filter = byId<HTMLInputElement>('filter').value.trim().toLowerCase();
  const shown = accounts.filter(
    (a) => !filter || a.id.includes(filter) || a.name.toLowerCase().includes(filter),
  );
  const rows = shown.map((a) =>
    h(
      'tr',
      { 'data-account': a.id },
      h('td', { 'data-label': t.columns.id }, a.id),
      h('td', { 'data-label': t.columns.name }, a.name),
      h('td', { 'data-label': t.columns.role }, label(m.common.roles, a.role)),
      h('td', { 'data-label': t.columns.belongs }, belongs(a)),
      h(
        'td',
        { 'data-label': t.columns.status },
        h(
          'span',
          { class: `tag ${a.disabled ? 'bad' : 'ok'}` },
          a.disabled ? t.status.disabled : t.status.active,
        ),
        a.demo ? [' ', h('span', { class: 'tag' }, t.status.demo)] : null,
      ),
      h(
        'td',
        { 'data-label': t.columns.actions },
        h(
          'div',
          { class: 'actions compact' },
          h(
            'button',
            {
              type: 'button',
              class: a.disabled ? '' : 'danger',
              'aria-label': `${a.disabled ? t.enable : t.disable} ${a.id}`,
              onclick: () => void toggle(a),
            },
            a.disabled ? t.enable : t.disable,
          ),
          h(
            'button',
            { type: 'button', 'aria-label': `${t.reset} ${a.id}`, onclick: () => void reset(a) },
            t.reset,
          ),
        ),
      ),
    ),
  );
  byId('accounts')
    .querySelector('tbody')
    ?.replaceChildren(...rows);
  byId('accounts-count').textContent = fmt(t.count, { n: shown.length });
}

async function load(): Promise<void> {
  accounts = (await api<{ items: Account[] }>('/v1/admin/accounts')).items;
  render();
}

async function toggle(a: Account): Promise<void> {
  if (!a.disabled && !confirm(fmt(t.confirmDisable, { id: a.id }))) return;
  try {
    await api(`/v1/admin/accounts/${encodeURIComponent(a.id)}`, {
      method: 'PATCH',
      body: { disabled: !a.disabled },
    });
    notify(fmt(a.disabled ? t.enabled : t.disabled, { id: a.id }), 'ok');
    await load();
  } catch (err) {
    failed(err);
  }
}

async function reset(a: Account): Promise<void> {
  if (!confirm(fmt(t.confirmReset, { id: a.id }))) return;
  try {
    const r = await api<WithPassword>(
      `/v1/admin/accounts/${encodeURIComponent(a.id)}/reset-password`,
      { method: 'POST', body: {} },
    );
    if (r.password) showPassword(a.id, r.password);
    await load();
  } catch (err) {
    failed(err);
  }
}

/** Station accounts pick a station; auditors may and supervisors must have a scope. */
function followRole(): void {
  const role = byId<HTMLSelectElement>('new-role').value;
  byId('station-field').hidden = role !== 'station';
  byId('scope-field').hidden = role !== 'auditor' && role !== 'supervisor';
}

async function create(form: HTMLFormElement): Promise<void> {
  const value = (name: string) =>
    (form.elements.namedItem(name) as HTMLInputElement | HTMLSelectElement).value.trim();
  const role = value('role');
  const body: Record<string, string> = { id: value('id'), name: value('name'), role };
  if (role === 'station' && value('stationId')) body.stationId = value('stationId');
  if ((role === 'auditor' || role === 'supervisor') && value('scope')) body.scope = value('scope');
  const password = (form.elements.namedItem('password') as HTMLInputElement).value;
  if (password) body.password = password;
  // The API checks all of this too; here a person hears it in plain words before anything is sent.
  const checks: (string | null)[] = [
    /^[a-z0-9][a-z0-9._-]{1,63}$/.test(body.id ?? '') ? null : t.create.badId,
    body.name ? null : t.create.badName,
    password && password.length < 10 ? t.create.badPassword : null,
    role === 'station' && !body.stationId ? t.create.badStation : null,
    body.scope !== undefined && !/^\d{6}(\d{3})?$/.test(body.scope) ? t.create.badScope : null,
    role === 'supervisor' && !body.scope ? t.create.badScope : null,
  ];
  const problems = checks.filter((x): x is string => x !== null);
  if (problems.length > 0) {
    notify(fmt(t.failed, { detail: problems.join('；') }));
    return;
  }
  try {
    const r = await api<WithPassword>('/v1/admin/accounts', { method: 'POST', body });
    notify(fmt(t.create.done, { id: r.account.id }), 'ok');
    if (r.password) showPassword(r.account.id, r.password);
    form.reset();
    followRole();
    await load();
  } catch (err) {
    failed(err);
  }
}

async function main(): Promise<void> {
  await requireSession(['admin']);
  const form = byId<HTMLFormElement>('create-form');
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    void create(form);
  });
  byId('new-role').addEventListener('change', followRole);
  byId('filter').addEventListener('input', render);
  followRole();
  const stations = await api<{ items: { id: string; name: string }[] }>('/v1/stations');
  byId('new-station').append(
    ...stations.items.map((s) => h('option', { value: s.id }, `${s.name}（${s.id}）`)),
  );
  await load();
}

main().catch(failed);
