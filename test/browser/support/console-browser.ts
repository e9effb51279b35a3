import { existsSync, mkdirSync } from 'node:fs';
import * as path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { en, type MessageKey } from '../../../console/src/i18n/en/index.js';
import { ko } from '../../../console/src/i18n/ko/index.js';

/** Debian's Chromium (`.ci/run` installs it with apt-get); playwright-core downloads no browser. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const ARTIFACTS = path.resolve('test/artifacts');

const FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** Fails (never skips) when Chromium is missing: the console's tests must run wherever npm test runs. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM}: install it (apt-get install -y chromium; .ci/run does) or set CHROMIUM_PATH`,
    );
  }
  mkdirSync(ARTIFACTS, { recursive: true });
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: FLAGS });
}

export type Lang = 'en' | 'ko';
export const LANGS: Lang[] = ['en', 'ko'];

/** The console's own catalogues: the tests find labels as the officer reads them, in either language. */
export function ui(lang: Lang) {
  const catalogue: Record<string, string> = lang === 'ko' ? ko : en;
  const reference: Record<string, string> = en;
  const t = (key: MessageKey, params: Record<string, string | number> = {}): string =>
    (catalogue[key] ?? reference[key]).replace(/\{(\w+)\}/g, (whole, name: string) =>
      name in params ? String(params[name]) : whole,
    );
  const code = (value: string): string => catalogue[`code.${value}`] ?? value;
  return { lang, t, code };
}
export type Ui = ReturnType<typeof ui>;

/** The widths the console must serve: usable from 1024 px without clipping, readable at 768 px. */
export const DESKTOP = { width: 1024, height: 800 };
export const TABLET = { width: 768, height: 1000 };

/** One officer's own browser (separate cookies and storage), with script errors and CSP violations collected. */
export async function officerPage(
  browser: Browser,
  name: string,
  expected?: RegExp,
): Promise<{ page: Page; problems: string[] }> {
  const context = await browser.newContext({ viewport: DESKTOP, locale: 'en-GB' });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`${name}: ${error.message}`));
  page.on('console', (message) => {
    // CSP violations and script errors show up here; a clean console has none.
    if (message.type() === 'error' && !expected?.test(message.text())) problems.push(`${name}: ${message.text()}`);
  });
  return { page, problems };
}

/** Signs in through the login form after choosing the officer's language there. */
export async function signIn(page: Page, baseUrl: string, username: string, password: string, lang: Lang = 'en') {
  const { t } = ui(lang);
  await page.goto(`${baseUrl}/console/`);
  await page.locator('.login-lang select').selectOption(lang);
  await page.getByRole('heading', { name: t('login.title') }).waitFor();
  await page.getByLabel(t('login.username')).fill(username);
  await page.getByLabel(t('login.password')).fill(password);
  await page.getByRole('button', { name: t('login.submit') }).click();
  await page.getByRole('button', { name: t('app.logout') }).waitFor();
}

/**
 * What sticks out of the viewport: the page scrolling sideways, or any element of the main area
 * reaching past the right edge (clipped or overflowing). Empty when the layout holds.
 */
export async function overflows(page: Page): Promise<string[]> {
  return page.evaluate<string[]>(OVERFLOWS);
}

// Runs in the page (a string: this file is compiled without the DOM library).
const OVERFLOWS = `(() => {
  const width = window.innerWidth;
  const found = [];
  if (document.documentElement.scrollWidth > width)
    found.push('page scrolls sideways: scrollWidth ' + document.documentElement.scrollWidth + ' > ' + width);
  for (const element of document.querySelectorAll('main *')) {
    const box = element.getBoundingClientRect();
    if (box.width === 0 && box.height === 0) continue;
    if (box.right > width + 1 || box.width > width) {
      const name = element.tagName.toLowerCase() + (element.className ? '.' + String(element.className).split(' ').join('.') : '');
      found.push(name + ' reaches ' + Math.round(box.right) + ' px (width ' + Math.round(box.width) + ') in ' + width + ' px');
    }
  }
  return found.slice(0, 10);
})()`;

/** Saves a full-page screenshot under test/artifacts/ (git-ignored) and returns its path. */
export async function screenshot(page: Page, step: string): Promise<string> {
  const file = path.join(ARTIFACTS, `${step}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/**
 * Checks the screen at 1024 px (nothing sticks out) and 768 px (still nothing sticks out), keeping a
 * screenshot of each: `<step>-1024.png`, `<step>-768.png`.
 */
export async function checkScreen(page: Page, step: string, { tablet = true } = {}): Promise<void> {
  const size = page.viewportSize() ?? DESKTOP;
  await page.setViewportSize(DESKTOP);
  await page.waitForTimeout(50);
  const wide = await overflows(page);
  await screenshot(page, `${step}-1024`);
  let narrow: string[] = [];
  if (tablet) {
    await page.setViewportSize(TABLET);
    await page.waitForTimeout(50);
    narrow = await overflows(page);
    await screenshot(page, `${step}-768`);
  }
  await page.setViewportSize(size);
  expect({ step, at1024: wide, at768: narrow }).toEqual({ step, at1024: [], at768: [] });
}

/**
 * Polls an expression in the page from here: page.waitForFunction would evaluate it with eval inside
 * the page, which the console's Content-Security-Policy (rightly) refuses.
 */
export async function until(page: Page, expression: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while ((await page.evaluate(expression)) !== true) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${expression}`);
    await page.waitForTimeout(100);
  }
}

/** Clicks the view's Refresh button until the condition holds (delivery between nodes takes a moment). */
export async function refreshUntil(
  page: Page,
  condition: () => Promise<boolean>,
  timeoutMs: number,
  button: string,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline)
      throw new Error(`timed out after ${timeoutMs} ms; page shows:\n${await page.locator('main').innerText()}`);
    await page.waitForTimeout(500);
    await page.getByRole('button', { name: button }).first().click();
  }
}
