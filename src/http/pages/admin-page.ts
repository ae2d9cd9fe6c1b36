// The operators' page (/admin): personal accounts. Static markup from the catalogue; the list and the
// actions are client/admin.ts calling /v1/admin/accounts with the admin's session.
import { zhCN } from './messages/index.js';
import { esc, renderPage } from './render-page.js';

export function adminPage(): string {
  const m = zhCN.admin;
  const c = zhCN.common;
  const roleOptions = (['station', 'dispatcher', 'auditor', 'supervisor', 'admin'] as const)
    .map((r) => `<option value="${r}">${esc(c.roles[r])}</option>`)
    .join('');
  return renderPage({
    page: 'admin',
    title: m.title,
    signedIn: true,
    main: `<h1>${esc(m.title)}</h1>
<p class="muted">${esc(m.lead)}</p>
<div id="password-box" class="card password-box" role="alert" hidden></div>
<div class="split">
<section class="card" aria-labelledby="create-title">
<h2 id="create-title">${esc(m.create.title)}</h2>
<form id="create-form" novalidate>
<label for="new-id">${esc(m.create.id)}</label>
<input id="new-id" name="id" autocomplete="off" autocapitalize="none" spellcheck="false" required>
<label for="new-name">${esc(m.create.name)}</label>
<input id="new-name" name="name" autocomplete="off" required>
<label for="new-role">${esc(m.create.role)}</label>
<select id="new-role" name="role">${roleOptions}</select>
<div id="station-field">
<label for="new-station">${esc(m.create.station)}</label>
<select id="new-station" name="stationId"><option value="">${esc(m.create.stationPick)}</option></select>
</div>
<div id="scope-field" hidden>
<label for="new-scope">${esc(m.create.scope)}</label>
<input id="new-scope" name="scope" inputmode="numeric" autocomplete="off">
</div>
<label for="new-password">${esc(m.create.password)}</label>
<input id="new-password" name="password" type="password" autocomplete="new-password">
<div class="actions"><button class="primary" type="submit">${esc(m.create.submit)}</button></div>
</form>
</section>
<section class="card" aria-labelledby="list-title">
<h2 id="list-title">${esc(m.listTitle)}</h2>
<label for="filter">${esc(m.filterLabel)}</label>
<input id="filter" type="search" autocomplete="off">
<div class="table-wrap"><table id="accounts" class="cards">
<caption class="muted" id="accounts-count"></caption>
<thead><tr><th scope="col">${esc(m.columns.id)}</th><th scope="col">${esc(m.columns.name)}</th><th scope="col">${esc(m.columns.role)}</th><th scope="col">${esc(m.columns.belongs)}</th><th scope="col">${esc(m.columns.status)}</th><th scope="col">${esc(m.columns.actions)}</th></tr></thead>
<tbody></tbody>
</table></div>
</section>
</div>`,
  });
}
