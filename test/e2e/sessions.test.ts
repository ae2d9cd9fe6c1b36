// People log in with personal accounts: the session cookie, CSRF, fixation, rotation, expiry on the
// fake clock, lockout per account and per address, disabled accounts, logout everywhere, station
// isolation, who-did-it on the timeline, Chinese problem details, demo accounts in production, and
// the operators' account API. All through the HTTP surface of a real in-process gateway.
import { describe, expect, it, onTestFinished } from 'vitest';
import { SessionView } from '../../contracts/accounts.js';
import { Problem } from '../../contracts/problem.js';
import { Timeline } from '../../contracts/views.js';
import { SqliteAccountStore } from '../../adapters/embedded/sqlite-account-store.js';
import { ensureDemoAccounts } from '../../src/usecases/accounts/demo-accounts.js';
import { sessionPolicy } from '../../src/usecases/accounts/policy.js';
import { createAccount } from '../../src/usecases/accounts/manage-accounts.js';
import { openAccounts } from '../../src/entry/accounts-wiring.js';
import { parseEnv } from '../../src/config/env.js';
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestGateway, fixture, keys } from '../support/test-gateway.js';
import { documentedRoutes, fill } from '../support/security-cases.js';

type Gateway = ReturnType<typeof createTestGateway>;
const zh = { 'accept-language': 'zh-CN,zh;q=0.9,en;q=0.5' };

const cookieOf = (res: Response): string | undefined =>
  /hg_session=([^;]*)/.exec(res.headers.get('set-cookie') ?? '')?.[1];

const attempt = (gw: Gateway, account: string, password: string, address = '203.0.113.7') =>
  gw.app.request(
    '/v1/session',
    {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ account, password }),
    },
    { incoming: { socket: { remoteAddress: address } } },
  );

const problemOf = async (res: Response) => Problem.parse(await res.json());

describe('logging in and out', () => {
  it('logs a station worker in with an HttpOnly SameSite=Strict cookie and a CSRF token', async () => {
    const gw = createTestGateway();
    const res = await gw.call('POST', '/v1/session', undefined, {
      account: 'yiyuan',
      password: 'demo12345',
    });
    expect(res.status).toBe(200);
    const setCookie = res.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/^hg_session=[\w-]{40,};/);
    expect(setCookie).toContain('HttpOnly');
    expect(setCookie).toContain('SameSite=Strict');
    expect(setCookie).toContain('Path=/');
    expect(setCookie).not.toContain('Secure'); // development: plain http on localhost
    const body = SessionView.parse(await res.json());
    expect(body).toMatchObject({
      account: {
        id: 'yiyuan',
        name: '王芳',
        role: 'station',
        stationId: 'cuicheng-yiyuan-grid',
        stationName: '翠城艺园社区网格工作站',
      },
      home: '/station',
    });
    expect(body.csrfToken.length).toBeGreaterThanOrEqual(40);

    // The session answers as the person's station on every station route.
    const headers = { cookie: `hg_session=${cookieOf(res)}` };
    const session = await gw.call('GET', '/v1/session', undefined, undefined, headers);
    expect(SessionView.parse(await session.json())).toEqual(body);
    const inbox = await gw.call(
      'GET',
      '/v1/stations/cuicheng-yiyuan-grid/orders',
      undefined,
      undefined,
      headers,
    );
    expect(inbox.status).toBe(200);
  });

  it('sends each role home', async () => {
    const gw = createTestGateway();
    const homes: Record<string, string> = {
      dispatcher: '/dispatch',
      auditor: '/audit',
      'auditor-dongcheng': '/audit',
      'supervisor-dongcheng': '/supervision',
      admin: '/admin',
      jiaobei: '/station',
    };
    for (const [account, home] of Object.entries(homes)) {
      const res = await gw.call('POST', '/v1/session', undefined, {
        account,
        password: 'demo12345',
      });
      const body = SessionView.parse(await res.json());
      expect(body.home, account).toBe(home);
    }
    const sup = await gw.call('POST', '/v1/session', undefined, {
      account: 'supervisor-dongcheng',
      password: 'demo12345',
    });
    expect(SessionView.parse(await sup.json()).account).toMatchObject({
      role: 'supervisor',
      scope: '110101',
      name: '陈刚',
    });
  });

  it('answers a wrong password and an unknown account alike, with 401', async () => {
    const gw = createTestGateway();
    const wrong = await gw.call('POST', '/v1/session', undefined, {
      account: 'yiyuan',
      password: 'wrong-password',
    });
    const unknown = await gw.call('POST', '/v1/session', undefined, {
      account: 'nobody-here',
      password: 'wrong-password',
    });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(cookieOf(wrong)).toBeUndefined();
    const [a, b] = [await problemOf(wrong), await problemOf(unknown)];
    expect({ ...a, requestId: '' }).toEqual({ ...b, requestId: '' });
    expect(a.code).toBe('login_failed');
  });

  it('names a missing field and never answers 500 for a malformed login', async () => {
    const gw = createTestGateway();
    const res = await gw.call('POST', '/v1/session', undefined, { account: 'yiyuan' });
    expect(res.status).toBe(400);
    const p = await problemOf(res);
    expect(p.errors?.map((e) => e.path)).toEqual(['password']);
    const junk = await gw.call('POST', '/v1/session', undefined, '{"account":');
    expect(junk.status).toBe(400);
  });

  it('logs out: the cookie is cleared and the session no longer works', async () => {
    const gw = createTestGateway();
    const s = await gw.login('dispatcher');
    const out = await gw.call('DELETE', '/v1/session', undefined, undefined, s.headers);
    expect(out.status).toBe(204);
    expect(out.headers.get('set-cookie')).toMatch(/hg_session=;.*Max-Age=0/);
    expect((await gw.call('GET', '/v1/session', undefined, undefined, s.headers)).status).toBe(401);
    expect((await gw.call('GET', '/v1/orders', undefined, undefined, s.headers)).status).toBe(401);
  });

  it('logs out everywhere: every session of the account ends, other accounts keep theirs', async () => {
    const gw = createTestGateway();
    const phone = await gw.login('yiyuan');
    const desk = await gw.login('yiyuan');
    const other = await gw.login('jiaobei');
    const out = await gw.call(
      'DELETE',
      '/v1/session?everywhere=true',
      undefined,
      undefined,
      phone.headers,
    );
    expect(out.status).toBe(204);
    for (const s of [phone, desk])
      expect((await gw.call('GET', '/v1/session', undefined, undefined, s.headers)).status).toBe(
        401,
      );
    expect((await gw.call('GET', '/v1/session', undefined, undefined, other.headers)).status).toBe(
      200,
    );
  });
});

describe('logs', () => {
  it('never hold a password, a session id, a CSRF token or the person’s name', async () => {
    const gw = createTestGateway();
    const { body } = await gw.submit(fixture('01'));
    await gw.call('POST', '/v1/session', undefined, {
      account: 'yiyuan',
      password: 'wrong-pass-1',
    });
    const s = await gw.login('yiyuan');
    await gw.call('POST', `/v1/orders/${body.id}/accept`, undefined, {}, s.headers);
    await gw.call('GET', `/v1/orders/${body.id}/timeline`, undefined, undefined, s.headers);
    const logs = gw.logLines.join('');
    expect(logs).toContain('/v1/session');
    for (const secret of ['demo12345', 'wrong-pass-1', s.cookie, s.csrfToken, '王芳'])
      expect(logs).not.toContain(secret);
  });
});

describe('CSRF', () => {
  it('refuses a cookie-authenticated change without the token, or with another session’s', async () => {
    const gw = createTestGateway();
    const { body } = await gw.submit(fixture('01'));
    const s = await gw.login('yiyuan');
    const other = await gw.login('yiyuan');
    const url = `/v1/orders/${body.id}/accept`;
    for (const headers of <Record<string, string>[]>[
      { cookie: s.headers.cookie },
      { cookie: s.headers.cookie, 'x-csrf-token': other.csrfToken },
      { cookie: s.headers.cookie, 'x-csrf-token': '' },
    ]) {
      const res = await gw.call('POST', url, undefined, {}, headers);
      expect(res.status).toBe(403);
      expect((await problemOf(res)).code).toBe('csrf_failed');
    }
    // Nothing happened to the order.
    const order = await gw.call('GET', `/v1/orders/${body.id}`, keys.admin);
    expect(((await order.json()) as { state: string }).state).toBe('dispatched');
    // With the token, it goes through; reads never need one; API keys are unaffected.
    expect((await gw.call('POST', url, undefined, {}, s.headers)).status).toBe(200);
    const read = await gw.call('GET', `/v1/orders/${body.id}`, undefined, undefined, {
      cookie: s.headers.cookie,
    });
    expect(read.status).toBe(200);
    const byKey = await gw.call(
      'POST',
      `/v1/orders/${body.id}/contact`,
      keys.station('cuicheng-yiyuan-grid'),
      { note: '已电话联系' },
    );
    expect(byKey.status).toBe(200);
  });

  it('refuses logout without the token (the session stays)', async () => {
    const gw = createTestGateway();
    const s = await gw.login('auditor');
    const res = await gw.call('DELETE', '/v1/session', undefined, undefined, {
      cookie: s.headers.cookie,
    });
    expect(res.status).toBe(403);
    expect((await gw.call('GET', '/v1/session', undefined, undefined, s.headers)).status).toBe(200);
  });
});

describe('session fixation and rotation', () => {
  it('never adopts a cookie planted before login', async () => {
    const gw = createTestGateway();
    const planted = 'attacker-chosen-session-id-0123456789abcdef';
    const res = await gw.call(
      'POST',
      '/v1/session',
      undefined,
      { account: 'yiyuan', password: 'demo12345' },
      { cookie: `hg_session=${planted}` },
    );
    expect(res.status).toBe(200);
    const issued = cookieOf(res);
    expect(issued).toBeDefined();
    expect(issued).not.toBe(planted);
    const withPlanted = await gw.call('GET', '/v1/session', undefined, undefined, {
      cookie: `hg_session=${planted}`,
    });
    expect(withPlanted.status).toBe(401);
  });

  it('rotates the session id at every login; the session presented at login ends', async () => {
    const gw = createTestGateway();
    const first = await gw.login('yiyuan');
    const again = await gw.call(
      'POST',
      '/v1/session',
      undefined,
      { account: 'yiyuan', password: 'demo12345' },
      { cookie: first.headers.cookie },
    );
    const second = cookieOf(again);
    expect(second).toBeDefined();
    expect(second).not.toBe(first.cookie);
    expect((await gw.call('GET', '/v1/session', undefined, undefined, first.headers)).status).toBe(
      401,
    );
    const now = await gw.call('GET', '/v1/session', undefined, undefined, {
      cookie: `hg_session=${second}`,
    });
    expect(now.status).toBe(200);
  });

  it('stores only a hash of the session id', async () => {
    const gw = createTestGateway();
    const s = await gw.login('yiyuan');
    const store = gw.deps.accounts?.store;
    expect(await store?.session(s.cookie)).toBeNull();
  });
});

describe('expiry on the fake clock', () => {
  const at = (iso: string) => new Date(iso);

  it('ends a session idle for 30 minutes, and keeps an active one alive', async () => {
    const gw = createTestGateway();
    gw.setNow(at('2026-03-02T09:00:00+08:00'));
    const active = await gw.login('dispatcher');
    const idle = await gw.login('auditor');
    gw.setNow(at('2026-03-02T09:25:00+08:00'));
    expect((await gw.call('GET', '/v1/session', undefined, undefined, active.headers)).status).toBe(
      200,
    );
    gw.setNow(at('2026-03-02T09:45:00+08:00')); // active: 20 min since its last request
    expect((await gw.call('GET', '/v1/session', undefined, undefined, active.headers)).status).toBe(
      200,
    );
    expect((await gw.call('GET', '/v1/session', undefined, undefined, idle.headers)).status).toBe(
      401,
    );
  });

  it('ends every session 12 hours after login, however active', async () => {
    const gw = createTestGateway();
    const start = Date.parse('2026-03-02T08:00:00+08:00');
    gw.setNow(new Date(start));
    const s = await gw.login('yiyuan');
    for (let minutes = 20; minutes < 12 * 60; minutes += 20) {
      gw.setNow(new Date(start + minutes * 60_000));
      const res = await gw.call('GET', '/v1/session', undefined, undefined, s.headers);
      expect(res.status, `after ${minutes} min`).toBe(200);
    }
    gw.setNow(new Date(start + 12 * 3_600_000));
    expect((await gw.call('GET', '/v1/session', undefined, undefined, s.headers)).status).toBe(401);
  });
});

describe('brute force', () => {
  it('locks an account after 5 failures for 15 minutes (429 with Retry-After), even for the right password', async () => {
    const gw = createTestGateway();
    gw.setNow(new Date('2026-03-02T10:00:00+08:00'));
    for (let i = 0; i < 5; i++) {
      const res = await attempt(gw, 'yiyuan', `guess-${i}`, `198.51.100.${i}`);
      expect(res.status).toBe(401);
    }
    const locked = await attempt(gw, 'yiyuan', 'demo12345', '198.51.100.99');
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get('retry-after'))).toBe(900);
    expect((await problemOf(locked)).code).toBe('login_locked');
    // Other accounts are not affected.
    expect((await attempt(gw, 'jiaobei', 'demo12345', '198.51.100.99')).status).toBe(200);
    gw.setNow(new Date('2026-03-02T10:14:00+08:00'));
    const still = await attempt(gw, 'yiyuan', 'demo12345', '198.51.100.99');
    expect(still.status).toBe(429);
    expect(Number(still.headers.get('retry-after'))).toBe(60);
    gw.setNow(new Date('2026-03-02T10:15:01+08:00'));
    expect((await attempt(gw, 'yiyuan', 'demo12345', '198.51.100.99')).status).toBe(200);
  });

  it('a successful login resets the account counter', async () => {
    const gw = createTestGateway();
    for (let i = 0; i < 4; i++) expect((await attempt(gw, 'yiyuan', 'nope-nope')).status).toBe(401);
    expect((await attempt(gw, 'yiyuan', 'demo12345')).status).toBe(200);
    for (let i = 0; i < 4; i++) expect((await attempt(gw, 'yiyuan', 'nope-nope')).status).toBe(401);
    expect((await attempt(gw, 'yiyuan', 'demo12345')).status).toBe(200);
  });

  it('locks an address after 20 failures across accounts; other addresses still log in', async () => {
    const gw = createTestGateway();
    const spray = '192.0.2.66';
    for (let i = 0; i < 20; i++) {
      const res = await attempt(gw, `guess-${i}`, 'demo12345', spray);
      expect(res.status).toBe(401);
    }
    const blocked = await attempt(gw, 'dispatcher', 'demo12345', spray);
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await attempt(gw, 'dispatcher', 'demo12345', '192.0.2.67')).status).toBe(200);
  });
});

describe('accounts operators change', () => {
  it('a disabled account cannot log in and its sessions end; enabled again, it can', async () => {
    const gw = createTestGateway();
    const admin = await gw.login('admin');
    const worker = await gw.login('jiaobei');
    const off = await gw.call(
      'PATCH',
      '/v1/admin/accounts/jiaobei',
      undefined,
      { disabled: true },
      admin.headers,
    );
    expect(off.status).toBe(200);
    expect(((await off.json()) as { disabled: boolean }).disabled).toBe(true);
    expect((await gw.call('GET', '/v1/session', undefined, undefined, worker.headers)).status).toBe(
      401,
    );
    const refused = await gw.call('POST', '/v1/session', undefined, {
      account: 'jiaobei',
      password: 'demo12345',
    });
    expect(refused.status).toBe(403);
    expect((await problemOf(refused)).code).toBe('account_disabled');
    const on = await gw.call(
      'PATCH',
      '/v1/admin/accounts/jiaobei',
      undefined,
      { disabled: false },
      admin.headers,
    );
    expect(on.status).toBe(200);
    await gw.login('jiaobei');
  });

  it('creates an account, shows a generated password once, and resets it (ending sessions)', async () => {
    const gw = createTestGateway();
    const admin = await gw.login('admin');
    const created = await gw.call(
      'POST',
      '/v1/admin/accounts',
      undefined,
      { id: 'zhoujie', name: '周杰', role: 'station', stationId: 'cuicheng-xinyuan-grid' },
      admin.headers,
    );
    expect(created.status).toBe(201);
    const { password, account } = (await created.json()) as {
      password: string;
      account: { id: string; demo: boolean; stationName: string };
    };
    expect(password).toMatch(/^[A-Za-z0-9]{16}$/);
    expect(account).toMatchObject({ id: 'zhoujie', demo: false });
    expect(account.stationName).toBe('翠城馨园社区网格工作站');
    const s = await gw.login('zhoujie', password);

    const listed = await gw.call('GET', '/v1/admin/accounts', undefined, undefined, admin.headers);
    const text = await listed.text();
    expect(text).toContain('"zhoujie"');
    expect(text).not.toContain('scrypt');

    const reset = await gw.call(
      'POST',
      '/v1/admin/accounts/zhoujie/reset-password',
      undefined,
      { password: 'a-new-password-2026' },
      admin.headers,
    );
    expect(reset.status).toBe(200);
    expect(await reset.json()).not.toHaveProperty('password');
    expect((await gw.call('GET', '/v1/session', undefined, undefined, s.headers)).status).toBe(401);
    await gw.login('zhoujie', 'a-new-password-2026');
    expect((await attempt(gw, 'zhoujie', password)).status).toBe(401);
  });

  it('refuses bad accounts with problems naming the field', async () => {
    const gw = createTestGateway();
    const admin = await gw.login('admin');
    const cases: [unknown, string][] = [
      [{ id: 'x1', name: '甲', role: 'station' }, 'stationId'],
      [{ id: 'x2', name: '乙', role: 'station', stationId: 'no-such-station' }, 'stationId'],
      [{ id: 'x3', name: '丙', role: 'supervisor' }, 'scope'],
      [{ id: 'x4', name: '丁', role: 'dispatcher', scope: '110101' }, 'scope'],
      [{ id: 'x5', name: '戊', role: 'auditor', password: 'short' }, 'password'],
      [{ id: 'Bad Id', name: '己', role: 'auditor' }, 'id'],
      [{ id: 'x6', name: '庚', role: 'source' }, 'role'],
    ];
    for (const [body, field] of cases) {
      const res = await gw.call('POST', '/v1/admin/accounts', undefined, body, admin.headers);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect((await problemOf(res)).errors?.map((e) => e.path)).toContain(field);
    }
    const dup = await gw.call(
      'POST',
      '/v1/admin/accounts',
      undefined,
      { id: 'auditor', name: '重复', role: 'auditor' },
      admin.headers,
    );
    expect(dup.status).toBe(409);
    const missing = await gw.call(
      'PATCH',
      '/v1/admin/accounts/nobody',
      undefined,
      { disabled: true },
      admin.headers,
    );
    expect(missing.status).toBe(404);
  });

  it('lets only admins manage accounts', async () => {
    const gw = createTestGateway();
    for (const account of ['dispatcher', 'auditor', 'supervisor-dongcheng', 'yiyuan']) {
      const s = await gw.login(account);
      const res = await gw.call('GET', '/v1/admin/accounts', undefined, undefined, s.headers);
      expect(res.status, account).toBe(403);
    }
  });
});

describe('who may do what, through a session', () => {
  it('a station account never reads another station’s order (404), and its action names the person', async () => {
    const gw = createTestGateway();
    const { body } = await gw.submit(fixture('01')); // to cuicheng-yiyuan-grid
    const jiaobei = await gw.login('jiaobei');
    for (const path of [`/v1/orders/${body.id}`, `/v1/orders/${body.id}/timeline`]) {
      const res = await gw.call('GET', path, undefined, undefined, jiaobei.headers);
      expect(res.status).toBe(404);
      expect(await res.text()).not.toContain('cuicheng-yiyuan');
    }
    const stolen = await gw.call(
      'POST',
      `/v1/orders/${body.id}/accept`,
      undefined,
      {},
      jiaobei.headers,
    );
    expect(stolen.status).toBe(404);
    const inbox = await gw.call(
      'GET',
      '/v1/stations/cuicheng-yiyuan-grid/orders',
      undefined,
      undefined,
      jiaobei.headers,
    );
    expect(inbox.status).toBe(404);

    const yiyuan = await gw.login('yiyuan');
    expect(
      (await gw.call('POST', `/v1/orders/${body.id}/accept`, undefined, {}, yiyuan.headers)).status,
    ).toBe(200);
    const timeline = async (headers: Record<string, string>) =>
      Timeline.parse(
        await (
          await gw.call('GET', `/v1/orders/${body.id}/timeline`, undefined, undefined, headers)
        ).json(),
      ).events.find((e) => e.data.type === 'order.accepted')?.actor;

    // The station's own people, the dispatch centre: the full name. Auditors and supervisors: masked.
    expect(await timeline(yiyuan.headers)).toEqual({
      role: 'station',
      id: 'cuicheng-yiyuan-grid',
      account: { id: 'yiyuan', name: '王芳' },
    });
    expect((await timeline((await gw.login('dispatcher')).headers))?.account?.name).toBe('王芳');
    expect((await timeline((await gw.login('auditor')).headers))?.account?.name).toBe('王*');
    // The hotline platform learns what was done, not by whom.
    const bySource = await gw.call('GET', `/v1/orders/${body.id}/timeline`, keys.source);
    const sourceActor = Timeline.parse(await bySource.json()).events.find(
      (e) => e.data.type === 'order.accepted',
    )?.actor;
    expect(sourceActor).toEqual({ role: 'station', id: 'cuicheng-yiyuan-grid' });
  });

  it('a dispatcher sees callers unmasked, dispatches a triaged order and decides', async () => {
    const gw = createTestGateway();
    const { body } = await gw.submit(fixture('11')); // ambiguous: triage
    expect(body.state).toBe('triage');
    const d = await gw.login('dispatcher');
    const queue = await gw.call('GET', '/v1/orders?state=triage', undefined, undefined, d.headers);
    expect(queue.status).toBe(200);
    const order = (await (
      await gw.call('GET', `/v1/orders/${body.id}`, undefined, undefined, d.headers)
    ).json()) as { order: { caller: { phone?: string } } };
    expect(order.order.caller.phone ?? '').not.toContain('*');
    const sent = await gw.call(
      'POST',
      `/v1/orders/${body.id}/dispatch`,
      undefined,
      { stationId: 'cuicheng-yiyuan-grid' },
      d.headers,
    );
    expect(sent.status).toBe(200);
    const events = Timeline.parse(
      await (await gw.call('GET', `/v1/orders/${body.id}/timeline`, keys.admin)).json(),
    ).events;
    expect(events.at(-1)?.actor).toEqual({
      role: 'dispatcher',
      id: 'dispatcher',
      account: { id: 'dispatcher', name: '李静' },
    });
    // What dispatchers may not do.
    for (const [method, path] of [
      ['GET', `/v1/orders/${body.id}/raw`],
      ['GET', '/v1/subscriptions'],
      ['GET', '/v1/deliveries'],
    ] as const) {
      const res = await gw.call(method, path, undefined, undefined, d.headers);
      expect(res.status, path).toBe(403);
    }
  });

  it('a supervisor reads only inside their scope, with callers masked', async () => {
    const gw = createTestGateway();
    const inside = (await gw.submit(fixture('03'))).body.id; // 东城区
    const outside = (await gw.submit(fixture('01'))).body.id; // 朝阳区
    const s = await gw.login('supervisor-dongcheng');
    const own = await gw.call('GET', `/v1/orders/${inside}`, undefined, undefined, s.headers);
    expect(own.status).toBe(200);
    const view = (await own.json()) as { order: { caller: { name?: string; phone?: string } } };
    expect(view.order.caller.phone ?? '*').toContain('*');
    const far = await gw.call('GET', `/v1/orders/${outside}`, undefined, undefined, s.headers);
    expect(far.status).toBe(404);
    const list = (await (
      await gw.call('GET', '/v1/orders', undefined, undefined, s.headers)
    ).json()) as { items: { id: string }[] };
    expect(list.items.map((o) => o.id)).toEqual([inside]);
  });

  it('every documented route refuses a session of a role it does not allow', async () => {
    const gw = createTestGateway();
    const { body } = await gw.submit(fixture('01'));
    // People's sessions reach the API under /v1; /metrics is for Prometheus (its token or an admin
    // key), and /open311 for platforms' keys: a cookie is not a credential there at all.
    const routes = (await documentedRoutes(gw)).filter(
      (r) => r.roles.length > 0 && r.path.startsWith('/v1/'),
    );
    const accounts = {
      station: 'yiyuan',
      dispatcher: 'dispatcher',
      auditor: 'auditor',
      supervisor: 'supervisor-dongcheng',
      admin: 'admin',
    } as const;
    const sessions = Object.fromEntries(
      await Promise.all(
        Object.entries(accounts).map(async ([role, id]) => [role, await gw.login(id)] as const),
      ),
    );
    let checked = 0;
    for (const r of routes) {
      const url = fill(r.path, { orderId: body.id, stationId: 'cuicheng-yiyuan-grid' });
      for (const [role, s] of Object.entries(sessions)) {
        if (r.roles.includes(role as keyof typeof accounts)) continue;
        const res = await gw.call(
          r.method,
          url,
          undefined,
          r.method === 'GET' ? undefined : {},
          s.headers,
        );
        expect(res.status, `${r.method} ${r.path} as ${role}`).toBe(403);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(50);
  });
});

describe('problem details in Chinese', () => {
  it('answers a wrong password in Chinese when Accept-Language prefers zh', async () => {
    const gw = createTestGateway();
    const res = await gw.call(
      'POST',
      '/v1/session',
      undefined,
      { account: 'yiyuan', password: 'wrong-password' },
      zh,
    );
    expect(res.status).toBe(401);
    expect(res.headers.get('content-language')).toBe('zh-CN');
    const p = await problemOf(res);
    expect(p.title).toBe('账号或密码错误');
    expect(p.detail).toContain('账号或密码错误');
    const en = await problemOf(
      await gw.call('POST', '/v1/session', undefined, { account: 'yiyuan', password: 'x' }),
    );
    expect(en.title).toBe('Wrong account or password');
  });

  it('tells a person without a session to log in, never about Authorization headers', async () => {
    const gw = createTestGateway();
    const res = await gw.call('GET', '/v1/orders', undefined, undefined, zh);
    expect(res.status).toBe(401);
    const p = await problemOf(res);
    expect(p.title).toBe('请先登录');
    expect(JSON.stringify(p)).not.toMatch(/Bearer|Authorization|API key/i);
  });

  it('gives field reasons in Chinese, and English to a client preferring it', async () => {
    const gw = createTestGateway();
    const res = await gw.call('POST', '/v1/session', undefined, { account: 'yiyuan' }, zh);
    const p = await problemOf(res);
    expect(p.title).toBe('请求内容有误');
    expect(p.errors?.[0]?.path).toBe('password');
    expect(p.errors?.[0]?.message).toMatch(/[\u4e00-\u9fff]/);
    const en = await gw.call(
      'POST',
      '/v1/session',
      undefined,
      { account: 'yiyuan' },
      { 'accept-language': 'en-GB,en;q=0.9,zh-CN;q=0.5' },
    );
    expect((await problemOf(en)).title).toBe('The request is not valid');
  });

  it('a lockout reads in Chinese with the minutes to wait', async () => {
    const gw = createTestGateway();
    for (let i = 0; i < 5; i++) await attempt(gw, 'auditor', 'wrong-one');
    const res = await gw.app.request('/v1/session', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...zh },
      body: JSON.stringify({ account: 'auditor', password: 'demo12345' }),
    });
    expect(res.status).toBe(429);
    const p = await problemOf(res);
    expect(p.title).toBe('登录失败次数过多');
    expect(p.detail).toContain('15 分钟');
  });
});

describe('production', () => {
  it('refuses demo accounts found in the store, and sets the Secure cookie for real ones', async () => {
    const store = new SqliteAccountStore({ path: ':memory:' });
    await ensureDemoAccounts(store, new Date()); // as if copied over from a development database
    const gw = createTestGateway({
      accounts: { store, policy: sessionPolicy(), production: true, ready: Promise.resolve() },
    });
    for (const account of ['yiyuan', 'dispatcher', 'admin']) {
      const res = await gw.call('POST', '/v1/session', undefined, {
        account,
        password: 'demo12345',
      });
      expect(res.status, account).toBe(401);
    }
    // A real account, made by an operator (through the store here: the admin API needs a login).
    await createAccount(
      { accounts: gw.deps.accounts!, clock: gw.deps.clock, places: gw.deps.places },
      { id: 'ops', name: '值班员', role: 'admin', password: 'long-enough-password' },
    );
    const res = await gw.call('POST', '/v1/session', undefined, {
      account: 'ops',
      password: 'long-enough-password',
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('set-cookie')).toContain('Secure');
  });

  it('creates no demo accounts in production', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hg-accounts-'));
    const accounts = openAccounts(parseEnv({ GATEWAY_ENV: 'production', GATEWAY_DATA_DIR: dir }), {
      now: () => new Date(),
    });
    await accounts.ready;
    expect(await accounts.store.accounts()).toEqual([]);
    await accounts.store.close();
    const dev = openAccounts(parseEnv({ GATEWAY_DATA_DIR: dir }), { now: () => new Date() });
    await dev.ready;
    expect((await dev.store.accounts()).map((a) => a.id)).toContain('yiyuan');
    await dev.store.close();
  });
});

describe('npm run accounts', () => {
  it('creates, disables and resets accounts in the store the gateway reads', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hg-accounts-cli-'));
    const cli = (args: string[], input?: string) =>
      execFileSync(process.execPath, ['--import', 'tsx', 'src/entry/accounts.ts', ...args], {
        env: { ...process.env, GATEWAY_DATA_DIR: dir, GATEWAY_ENV: 'production' },
        input: input ?? '',
        encoding: 'utf8',
      });
    const created = cli([
      'create',
      'zhoujie',
      '--name',
      '周杰',
      '--role',
      'station',
      '--station',
      'cuicheng-xinyuan-grid',
    ]);
    const password = /password: (\S+)/.exec(created)?.[1] ?? '';
    expect(password).toHaveLength(16);
    cli(
      ['create', 'ops', '--name', '值班员', '--role', 'admin', '--password-stdin'],
      'typed-password-2026\n',
    );
    expect(cli(['list'])).toMatch(/ops .*admin[\s\S]*zhoujie .*station .*cuicheng-xinyuan-grid/);

    const env = parseEnv({ GATEWAY_ENV: 'production', GATEWAY_DATA_DIR: dir });
    const store = openAccounts(env, { now: () => new Date() }).store;
    onTestFinished(() => store.close());
    const gw = createTestGateway({
      accounts: { store, policy: sessionPolicy(), production: true, ready: Promise.resolve() },
    });
    const worker = await gw.login('zhoujie', password);
    await gw.login('ops', 'typed-password-2026');
    cli(['disable', 'zhoujie']);
    expect((await gw.call('GET', '/v1/session', undefined, undefined, worker.headers)).status).toBe(
      401,
    );
    cli(['enable', 'zhoujie']);
    const reset = cli(['reset-password', 'zhoujie']);
    const next = /password: (\S+)/.exec(reset)?.[1] ?? '';
    await gw.login('zhoujie', next);
    // In production the command creates no demo accounts either.
    expect(await store.account('yiyuan')).toBeNull();
  }, 90_000); // five child processes on a shared machine
});
