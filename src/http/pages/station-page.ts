// The grid station's web page: community workers are not programmers. A static shell (no data in
// it); the script calls the same API with the station's key, kept only in this browser tab.
export const stationHtml = `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>网格工作站 · 工单</title>
<style>
[hidden]{display:none!important}
body{font:15px/1.5 system-ui,"PingFang SC","Microsoft YaHei",sans-serif;margin:0;color:#1f2933;background:#f5f7fa}
header{background:#1e4e8c;color:#fff;padding:.6rem 1rem;display:flex;gap:1rem;align-items:center}
header h1{font-size:1.1rem;margin:0;flex:1}
main{display:grid;grid-template-columns:minmax(18rem,26rem) 1fr;gap:1rem;padding:1rem}
section{background:#fff;border-radius:6px;padding:.8rem;box-shadow:0 1px 2px #0002}
nav button{margin-right:.3rem}
button{font:inherit;padding:.35rem .8rem;border:1px solid #1e4e8c;background:#fff;color:#1e4e8c;border-radius:4px;cursor:pointer}
button.primary{background:#1e4e8c;color:#fff}
button[aria-pressed=true]{background:#dbe7f6}
ul.orders{list-style:none;padding:0;margin:.5rem 0}
ul.orders li{border-bottom:1px solid #e4e7eb;padding:.5rem;cursor:pointer}
ul.orders li:hover,ul.orders li[aria-current=true]{background:#eef4fb}
.muted{color:#616e7c;font-size:.85rem}
.tag{display:inline-block;padding:0 .4rem;border-radius:3px;font-size:.8rem;background:#e4e7eb}
.on_track,.met{background:#d3f9d8}.warning,.paused{background:#fff3bf}.breached{background:#ffc9c9}
#error{background:#ffe3e3;color:#a61e1e;padding:.5rem 1rem;display:none}
textarea,input,select{font:inherit;width:100%;box-sizing:border-box;margin:.2rem 0 .5rem}
form.action{border-top:1px solid #e4e7eb;margin-top:.6rem;padding-top:.6rem}
pre{white-space:pre-wrap;font:inherit}
</style>
</head>
<body>
<header><h1>网格工作站 · 12345 工单</h1><span id="who"></span><button id="logout" hidden>退出</button></header>
<div id="error" role="alert"></div>
<section id="login" style="max-width:26rem;margin:2rem auto">
  <form id="login-form">
    <label>工作站密钥 <input id="key" type="password" autocomplete="off" required></label>
    <button class="primary" type="submit">登录</button>
    <p class="muted">密钥只保存在本浏览器标签页中。</p>
  </form>
</section>
<main id="app" hidden>
  <section>
    <nav>
      <button data-tab="dispatched" aria-pressed="true">待签收</button>
      <button data-tab="accepted,contacted,in_progress">办理中</button>
      <button data-tab="resolved,closed">已办结</button>
    </nav>
    <ul class="orders" id="orders"></ul>
    <p class="muted" id="count"></p>
  </section>
  <section id="detail"><p class="muted">选择左侧工单查看详情。</p></section>
</main>
<script src="/station.js"></script>
</body>
</html>`;

export const stationJs = `'use strict';
(() => {
  const $ = (s) => document.querySelector(s);
  const stateNames = { triage: '待分拨', dispatched: '待签收', accepted: '已签收', contacted: '已联系', in_progress: '办理中', resolved: '已办结', closed: '已回访' };
  const targetNames = { accept: '签收', respond: '响应', resolve: '办结', callback: '回访' };
  const statusNames = { on_track: '正常', warning: '预警', breached: '超期', met: '已完成', paused: '挂起' };
  const typeNames = { consultation: '咨询', help: '求助', complaint: '投诉', report: '举报', suggestion: '建议', praise: '表扬', other: '其他' };
  let key = sessionStorage.getItem('hg-station-key');
  let me = null;
  let tab = 'dispatched';
  let selected = null;
  let polling = 0;

  // Builds elements from text only: citizens' text never becomes markup.
  function h(tag, attrs, ...children) {
    const el = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (k.startsWith('on')) el.addEventListener(k.slice(2), v); else if (v !== undefined && v !== null && v !== false) el.setAttribute(k, v === true ? '' : String(v));
    }
    for (const c of children.flat()) if (c !== null && c !== undefined && c !== false) el.append(c instanceof Node ? c : document.createTextNode(String(c)));
    return el;
  }
  const time = (iso) => iso ? new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false }) : '';

  function showError(message) { const e = $('#error'); e.textContent = message || ''; e.style.display = message ? 'block' : 'none'; }

  async function api(path, options) {
    const res = await fetch(path, { ...(options || {}), headers: { authorization: 'Bearer ' + key, 'content-type': 'application/json' } });
    const body = await res.json().catch(() => null);
    if (!res.ok) throw new Error((body && (body.detail || body.title)) || ('HTTP ' + res.status));
    return body;
  }

  async function login(k) {
    key = k;
    try {
      me = await api('/v1/me');
      if (me.role !== 'station') throw new Error('这不是网格工作站的密钥');
      sessionStorage.setItem('hg-station-key', k);
      $('#who').textContent = me.name;
      $('#login').hidden = true; $('#app').hidden = false; $('#logout').hidden = false;
      showError('');
      await refresh();
      poll();
    } catch (err) { key = null; sessionStorage.removeItem('hg-station-key'); showError('登录失败：' + err.message); }
  }

  let generation = 0;
  async function refresh() {
    // Answers can come back out of order (an action's refresh and a tab switch): only the newest counts.
    const mine = ++generation;
    const page = await api('/v1/stations/' + encodeURIComponent(me.id) + '/orders?limit=200&state=' + tab);
    if (mine !== generation) return;
    const list = $('#orders');
    list.replaceChildren(...page.items.map((o) => {
      const resolve = (o.sla && o.sla.figures || []).find((f) => f.target === 'resolve' && f.cycle === o.slaFacts.cycle);
      return h('li', { 'data-id': o.id, 'aria-current': selected === o.id, onclick: () => select(o.id) },
        h('div', {}, h('strong', {}, o.order.title)),
        h('div', { class: 'muted' }, o.externalId, ' · ', typeNames[o.order.type] || o.order.type, ' · ', stateNames[o.state] || o.state),
        resolve ? h('div', { class: 'muted' }, '办结时限 ', time(resolve.dueAt), ' ', h('span', { class: 'tag ' + resolve.status }, statusNames[resolve.status])) : null);
    }));
    $('#count').textContent = page.items.length + ' 件';
    if (selected) await select(selected, true);
  }

  async function act(action, body) {
    try { await api('/v1/orders/' + encodeURIComponent(selected) + '/' + action, { method: 'POST', body: JSON.stringify(body || {}) }); showError(''); await refresh(); }
    catch (err) { showError('操作失败：' + err.message); }
  }

  function actionForms(o) {
    const forms = [];
    const button = (label, action, primary) => h('button', { class: primary ? 'primary' : '', type: 'button', onclick: () => act(action) }, label);
    const open = ['accepted', 'contacted', 'in_progress'].includes(o.state);
    if (o.state === 'dispatched') forms.push(button('签收', 'accept', true));
    if (o.state === 'accepted') forms.push(button('已联系诉求人', 'contact', true));
    if (o.state === 'contacted') forms.push(button('开始办理', 'start', true));
    if (open) forms.push(button(o.paused ? '恢复计时' : '挂起', o.paused ? 'resume' : 'pause'));
    if (open) {
      const result = h('textarea', { name: 'result', rows: 3, required: true, placeholder: '办理结果' });
      forms.push(h('form', { class: 'action', onsubmit: (e) => { e.preventDefault(); act('resolve', { result: result.value }); } }, h('label', {}, '办理结果', result), h('button', { class: 'primary', type: 'submit' }, '办结')));
      const reason = h('input', { name: 'ext-reason', required: true, placeholder: '延期理由' });
      const due = h('input', { name: 'ext-due', type: 'datetime-local', required: true });
      forms.push(h('form', { class: 'action', onsubmit: (e) => { e.preventDefault(); act('extension-requests', { reason: reason.value, requestedDueAt: due.value + ':00+08:00' }); } }, h('label', {}, '申请延期', reason), due, h('button', { type: 'submit' }, '提交延期申请')));
    }
    if (o.state === 'dispatched' || open) {
      const reason = h('select', { name: 'return-reason' }, h('option', { value: 'wrong_area' }, '属地不符'), h('option', { value: 'ownership_unclear' }, '权属不清'), h('option', { value: 'overlapping_duties' }, '职能交叉'), h('option', { value: 'not_our_duty' }, '非本单位职责'));
      const note = h('input', { name: 'return-note', required: true, placeholder: '退单说明（必填）' });
      forms.push(h('form', { class: 'action', onsubmit: (e) => { e.preventDefault(); act('return', { reason: reason.value, note: note.value }); } }, h('label', {}, '退单', reason), note, h('button', { type: 'submit' }, '退单')));
    }
    return forms;
  }

  async function select(id, quiet) {
    selected = id;
    document.querySelectorAll('#orders li').forEach((li) => li.setAttribute('aria-current', String(li.dataset.id === id)));
    try {
      const o = await api('/v1/orders/' + encodeURIComponent(id));
      const c = o.order.caller || {};
      const loc = o.order.location || {};
      $('#detail').replaceChildren(
        h('h2', {}, o.order.title),
        h('p', {}, h('span', { class: 'tag', id: 'state' }, stateNames[o.state] || o.state), ' ', o.externalId, ' · 来电 ', time(o.order.receivedAt)),
        h('pre', {}, o.order.content),
        h('p', {}, '地址：', [loc.district, loc.street, loc.community, loc.address].filter(Boolean).join(' ')),
        h('p', {}, '诉求人：', c.name || '', ' ', c.phone ? h('a', { href: 'tel:' + c.phone }, c.phone) : ''),
        h('h3', {}, '时限'),
        h('ul', {}, (o.sla && o.sla.figures || []).filter((f) => f.cycle === o.slaFacts.cycle).map((f) => h('li', {}, targetNames[f.target] || f.target, '：', time(f.dueAt), ' ', h('span', { class: 'tag ' + f.status }, statusNames[f.status] || f.status)))),
        ...actionForms(o),
      );
    } catch (err) { if (!quiet) showError(err.message); }
  }

  // Long-poll: the server answers as soon as a new order arrives for this station.
  async function poll() {
    const mine = ++polling;
    while (key && mine === polling) {
      try { await api('/v1/stations/' + encodeURIComponent(me.id) + '/orders?state=dispatched&wait=25&limit=1'); if (mine === polling) await refresh(); }
      catch { await new Promise((r) => setTimeout(r, 5000)); }
      await new Promise((r) => setTimeout(r, 1000));
    }
  }

  document.querySelectorAll('nav button').forEach((b) => b.addEventListener('click', () => {
    tab = b.dataset.tab; selected = null;
    document.querySelectorAll('nav button').forEach((x) => x.setAttribute('aria-pressed', String(x === b)));
    $('#detail').replaceChildren(h('p', { class: 'muted' }, '选择左侧工单查看详情。'));
    refresh().catch((e) => showError(e.message));
  }));
  $('#login-form').addEventListener('submit', (e) => { e.preventDefault(); login($('#key').value.trim()); });
  $('#logout').addEventListener('click', () => { sessionStorage.removeItem('hg-station-key'); location.reload(); });
  if (key) login(key);
})();
`;
