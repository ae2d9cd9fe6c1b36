// The API reference as a vendor's engineer opens it: Redoc renders the gateway's own document under
// the page's strict CSP (no CSP violation, no request leaves the origin), with a table of contents, the
// request body fields and the fixture examples; a station action shows the request a station sends and
// the answer it gets (recorded from test/fixtures/api/). Screenshots are saved under test-artifacts/.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { usePageRig } from '../support/pages.js';
import { root } from '../support/test-gateway.js';

const rig = usePageRig('docs');

describe('the API reference page', () => {
  it('renders every operation with its body fields and fixture examples, inside the CSP', async () => {
    const base = rig.base;
    const page = await rig.browser.newPage({ viewport: { width: 1400, height: 1000 } });
    const violations: string[] = [];
    const foreign: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' && /Content Security Policy/i.test(m.text()))
        violations.push(m.text());
    });
    // Requests that completed (the CSP blocks the rest before they leave).
    page.on('requestfinished', (r) => {
      if (!/^(blob:|data:)/.test(r.url()) && !r.url().startsWith(base)) foreign.push(r.url());
    });
    await page.goto(`${base}/docs#tag/Intake/operation/postV1Orders`);
    // The table of contents: a menu of the API's parts, opened at the operation asked for.
    await page
      .getByRole('menuitem', { name: /Open311/ })
      .first()
      .waitFor({ timeout: 60_000 });
    const section = page.locator('[data-section-id="tag/Intake/operation/postV1Orders"]');
    await section.waitFor({ timeout: 60_000 });
    // Body fields from the contract, and the first order fixture as the request sample.
    await expect.poll(() => section.innerText(), { timeout: 30_000 }).toContain('externalId');
    await expect
      .poll(() => section.innerText(), { timeout: 30_000 })
      .toContain('01-chaoyang-power-outage.json');
    mkdirSync(join(root, 'test-artifacts'), { recursive: true });
    await page.screenshot({ path: join(root, 'test-artifacts/api-reference.png') });
    // Redoc's footer attribution points at its CDN logo: the CSP blocks it, and nothing else.
    expect(violations.filter((v) => !v.includes('cdn.redoc.ly/redoc/logo-mini.svg'))).toEqual([]);
    expect(foreign).toEqual([]);
  }, 120_000);

  it('shows a station action with an example request and the answer the gateway gave', async () => {
    const page = await rig.browser.newPage({ viewport: { width: 1400, height: 1000 } });
    const id = 'tag/Actions/operation/postV1OrdersIdAccept';
    await page.goto(`${rig.base}/docs#${id}`);
    const section = page.locator(`[data-section-id="${id}"]`);
    await section.waitFor({ timeout: 60_000 });
    // The request sample: the walk-through's body as the station sent it, under its summary.
    await expect.poll(() => section.innerText(), { timeout: 30_000 }).toContain('签收');
    await expect
      .poll(() => section.innerText(), { timeout: 30_000 })
      .toContain('已签收，安排网格员夜间巡查');
    // The response sample: the order as the gateway answered, now accepted, the caller masked.
    await expect.poll(() => section.innerText(), { timeout: 30_000 }).toContain('"accepted"');
    await expect.poll(() => section.innerText(), { timeout: 30_000 }).toMatch(/\d{3}\*{4}\d{4}/);
    await section.scrollIntoViewIfNeeded();
    mkdirSync(join(root, 'test-artifacts'), { recursive: true });
    await page.screenshot({ path: join(root, 'test-artifacts/api-reference-action.png') });
  }, 120_000);
});
