// What every page test does the same way: sign a person in through the login page, check the page
// with axe-core, check that nothing scrolls sideways on a phone, and save a screenshot to look at.
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { startGateway, type RunningGateway } from '../../src/entry/start-gateway.js';
import { launchChromium } from './chromium.js';
import { keys } from './test-gateway.js';

/** The password of every demo account (README, "Accounts"); demo accounts never exist in production. */
export const demoPassword = 'demo12345';

export const viewports = {
  phone: { width: 375, height: 740 },
  desktop: { width: 1280, height: 860 },
} as const;
export type ViewportName = keyof typeof viewports;

/** Screenshots are test artefacts, not committed (test-artifacts/ is ignored by git). */
export const artifactsDir = join(process.cwd(), 'test-artifacts', 'screenshots');

export async function newPersonPage(browser: Browser, viewport: ViewportName): Promise<Page> {
  const context = await browser.newContext({
    viewport: viewports[viewport],
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    ...(viewport === 'phone' ? { isMobile: true, hasTouch: true, deviceScaleFactor: 2 } : {}),
  });
  return context.newPage();
}

/** Logs in through /login as a person would, and waits for the page of their role. */
export async function logIn(
  page: Page,
  base: string,
  account: string,
  password = demoPassword,
  next?: string,
): Promise<void> {
  await page.goto(`${base}/login${next ? `?next=${encodeURIComponent(next)}` : ''}`);
  await page.getByLabel('账号').fill(account);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: '登录' }).click();
  await page.waitForURL((url) => url.pathname !== '/login', { timeout: 30_000 });
}

export async function logOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: '退出登录' }).click();
  await page.waitForURL((url) => url.pathname === '/login', { timeout: 30_000 });
}

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/**
 * axe-core's serious and critical violations on the page as it is now. Injected through the
 * DevTools protocol (page.evaluate), which the page's CSP does not govern.
 */
export async function seriousAxeViolations(page: Page): Promise<AxeViolation[]> {
  return axeViolations(page, (v) => v.impact === 'serious' || v.impact === 'critical');
}

/**
 * As `seriousAxeViolations`, plus landmark rules at any impact (landmark-unique is only moderate):
 * two regions with one name leave a screen-reader user unable to tell the cards apart.
 */
export async function axeViolationsWithLandmarks(page: Page): Promise<AxeViolation[]> {
  return axeViolations(
    page,
    (v) =>
      v.impact === 'serious' ||
      v.impact === 'critical' ||
      v.id.startsWith('landmark-') ||
      v.id === 'region',
  );
}

async function axeViolations(
  page: Page,
  keep: (v: AxeViolation) => boolean,
): Promise<AxeViolation[]> {
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run: (ctx: Document) => Promise<unknown> } })
      .axe;
    const result = (await axe.run(document)) as { violations: AxeViolation[] };
    return result.violations;
  });
  return violations.filter(keep).map((v) => ({ ...v, nodes: v.nodes.slice(0, 5) }));
}

/** How far the page can scroll sideways (0 when nothing is wider than the screen). */
export async function sidewaysOverflow(page: Page): Promise<number> {
  return page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(artifactsDir, { recursive: true });
  const path = join(artifactsDir, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/**
 * The checks a page test makes of each state it reaches, for one file's screenshots `<prefix>-…`:
 * no serious or critical axe violation, nothing scrolling sideways on a phone, and a screenshot
 * `<prefix>-<state>-<viewport>.png` to look at (taken from the top with `fromTop`, where sticky parts
 * sit where a person sees them).
 */
export function pageChecks(
  prefix: string,
  opts: { fromTop?: boolean } = {},
): (page: Page, viewport: ViewportName, state: string) => Promise<void> {
  return async (page, viewport, state) => {
    expect(await seriousAxeViolations(page), state).toEqual([]);
    if (viewport === 'phone') expect(await sidewaysOverflow(page), state).toBe(0);
    if (opts.fromTop) await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, `${prefix}-${state}-${viewport}`);
  };
}

export interface PageRig {
  /** http://127.0.0.1:<port> of the gateway under test. */
  readonly base: string;
  readonly browser: Browser;
  readonly gateway: RunningGateway;
  /** A fresh context at a phone's or a desktop's size (zh-CN, Beijing time). */
  page(viewport: ViewportName): Promise<Page>;
}

/**
 * What every browser test file starts with: a real gateway on port 0 over a fresh data directory
 * (rate limits off, logs silent) and Debian's Chromium, both closed and removed after the file.
 * `env` adds to the gateway's environment; `prepare` runs once both are up (seeding orders).
 */
export function usePageRig(
  name: string,
  env: Record<string, string> = {},
  prepare?: (rig: PageRig) => Promise<void>,
): PageRig {
  const dir = mkdtempSync(join(tmpdir(), `hg-${name}-`));
  let gateway: RunningGateway | undefined;
  let browser: Browser | undefined;
  const started = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`${what} did not start`);
    return value;
  };
  const rig: PageRig = {
    get base() {
      return `http://127.0.0.1:${started(gateway, 'the gateway').port}`;
    },
    get browser() {
      return started(browser, 'the browser');
    },
    get gateway() {
      return started(gateway, 'the gateway');
    },
    page: (viewport) => newPersonPage(rig.browser, viewport),
  };
  beforeAll(async () => {
    gateway = await startGateway({
      PORT: '0',
      LOG_LEVEL: 'silent',
      GATEWAY_DATA_DIR: dir,
      INTAKE_RATE_PER_MINUTE: '0',
      ...env,
    });
    browser = await launchChromium(); // installs Debian's chromium first when it is missing
    await prepare?.(rig);
  }, 600_000);
  afterAll(async () => {
    await browser?.close();
    await gateway?.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return rig;
}

/** A station acts on an order with its machine key, to put the order where a test needs it. */
export async function stationActAs(
  base: string,
  station: string,
  id: string,
  action: string,
  body: object = {},
): Promise<void> {
  const res = await fetch(`${base}/v1/orders/${id}/${action}`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${keys.station(station)}`,
      'content-type': 'application/json',
    },
    body: JSON.stringify(body),
  });
  expect(res.status, `${action} ${await res.clone().text()}`).toBe(200);
}
