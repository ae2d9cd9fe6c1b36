// 派单准确率 on the auditors' dashboard, in a real browser at 375 px and 1280 px: orders the router
// sent by itself, one of them returned by its station as 属地不符, read per district, rule and station
// in Chinese, as the API counts them; a 东城区 auditor sees only 东城区's routes. axe finds nothing
// serious and nothing scrolls sideways on a phone.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  logIn,
  screenshot,
  seriousAxeViolations,
  sidewaysOverflow,
  usePageRig,
  type ViewportName,
} from '../support/pages.js';
import { fixture, keys } from '../support/test-gateway.js';

const rig = usePageRig('audit-accuracy', {}, seed);

async function call<T>(method: string, path: string, key: string, body?: unknown): Promise<T> {
  const res = await fetch(`${rig.base}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${key}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

interface Row {
  key: string;
  name?: string;
  routed: number;
  wrong: number;
  accuracy: number | null;
}
type Accuracy = Record<'byRule' | 'byPlace' | 'byStation', Row[]>;

let n = 0;
async function submit(fx: string): Promise<{ id: string; station: string }> {
  const { id } = await call<{ id: string }>('POST', '/v1/orders', keys.source, {
    ...fixture(fx),
    externalId: `ACCURACY-${++n}`,
  });
  const view = await call<{ station: { id: string } }>('GET', `/v1/orders/${id}`, keys.admin);
  return { id, station: view.station.id };
}

/** Two orders routed to 朝阳区's 翠城艺园 (one returned as 属地不符), one to 东城区's 钟楼湾. */
async function seed(): Promise<void> {
  const [wrong] = [await submit('01'), await submit('01')];
  await submit('03');
  if (!wrong) throw new Error('nothing routed');
  await call('POST', `/v1/orders/${wrong.id}/return`, keys.station(wrong.station), {
    reason: 'wrong_area',
    note: '不属于本社区',
  });
}

const section = (page: Page) => page.locator('section[aria-labelledby="routing-accuracy-h"]');
/** The table as shown: one array of cell texts per row. */
const shown = (page: Page) =>
  page
    .locator('#routing-accuracy tbody tr')
    .evaluateAll((rows) =>
      rows.map((r) => [...r.querySelectorAll('td')].map((td) => td.textContent ?? '')),
    );
const pct = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);
const asShown = (rows: Row[], name: (r: Row) => string) =>
  rows.map((r) => [name(r), String(r.routed), String(r.wrong), pct(r.accuracy)]);
const rules: Record<string, string> = {
  address: '按地址识别',
  division_code: '按区划代码',
  topic: '按诉求分类',
};

async function expectClean(page: Page, viewport: ViewportName, state: string) {
  expect(await seriousAxeViolations(page), `axe at ${state}`).toEqual([]);
  if (viewport === 'phone') expect(await sidewaysOverflow(page), `overflow at ${state}`).toBe(0);
}

describe('派单准确率 on the auditors’ dashboard', () => {
  for (const viewport of ['desktop', 'phone'] as const) {
    it(`shows an auditor 派单准确率 per district, rule and station at ${viewport}`, async () => {
      const api = await call<Accuracy>('GET', '/v1/places/routing-accuracy', keys.auditor);
      const page = await rig.page(viewport);
      await logIn(page, rig.base, 'auditor');
      await section(page).getByRole('heading', { name: '派单准确率' }).waitFor();
      // Per district first: 朝阳区 2 routed, 1 of them wrong; 东城区 1, none wrong.
      await expect
        .poll(() => shown(page))
        .toEqual([
          ['朝阳区', '2', '1', '50.0%'],
          ['东城区', '1', '0', '100.0%'],
        ]);
      expect(await shown(page)).toEqual(asShown(api.byPlace, (r) => r.name ?? r.key));
      await section(page).scrollIntoViewIfNeeded();
      await screenshot(page, `audit-accuracy-${viewport}-places`);
      await expectClean(page, viewport, 'per district');

      await section(page).getByRole('button', { name: '各派单规则' }).click();
      await expect
        .poll(() => shown(page))
        .toEqual(asShown(api.byRule, (r) => rules[r.key] ?? r.key));
      expect((await shown(page)).flat().join('')).not.toMatch(/address|division_code/);

      await section(page).getByRole('button', { name: '各工作站' }).click();
      await expect.poll(() => shown(page)).toEqual(asShown(api.byStation, (r) => r.name ?? r.key));
      expect((await shown(page))[0]?.[0]).toBe('翠城艺园社区网格工作站');
      expect(
        await section(page).getByRole('button', { name: '各工作站' }).getAttribute('aria-pressed'),
      ).toBe('true');
      await screenshot(page, `audit-accuracy-${viewport}-stations`);
      await expectClean(page, viewport, 'per station');
      await page.context().close();
    }, 120_000);
  }

  it('holds a 东城区 auditor to 东城区’s routes (phone)', async () => {
    const page = await rig.page('phone');
    const answers: Promise<string>[] = [];
    page.on('response', (res) => {
      if (new URL(res.url()).pathname === '/v1/places/routing-accuracy')
        answers.push(res.text().catch(() => ''));
    });
    await logIn(page, rig.base, 'auditor-dongcheng', undefined, '/audit');
    await expect.poll(() => shown(page)).toEqual([['东城区', '1', '0', '100.0%']]);
    await section(page).getByRole('button', { name: '各工作站' }).click();
    await expect.poll(() => shown(page).then((rows) => rows.length)).toBe(1);
    expect(await answers[0]).not.toMatch(/朝阳|翠城|110105/);
    expect(await section(page).textContent()).not.toMatch(/朝阳|翠城/);
    await screenshot(page, 'audit-accuracy-phone-dongcheng');
    await expectClean(page, 'phone', 'scoped');
    await page.context().close();
  }, 120_000);
});
