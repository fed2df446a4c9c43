/**
 * Browser-test helpers: Debian's Chromium driven by playwright-core (which ships no
 * browser and downloads none), screenshots under test-results/, and a record of the
 * page's console errors so a test can fail on them.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { startServer } from '../helpers/server.ts';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const RESULTS_DIR = path.resolve(process.cwd(), 'test-results');

export const DESKTOP = { width: 1366, height: 768 } as const;
export const PHONE = { width: 390, height: 844 } as const;

const WEB_SRC = path.resolve(process.cwd(), 'src/web');
const WEB_INDEX = path.resolve(process.cwd(), 'dist/web/index.html');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : fs.statSync(p).mtimeMs);
  }
  return newest;
}

/**
 * The server serves dist/web; a browser test must see the UI of this checkout, so the
 * bundle is (re)built when it is missing or older than a file under src/web.
 * Call before starting the server: it lists the bundle's files when it starts.
 */
export function ensureWebBuilt(): void {
  if (fs.existsSync(WEB_INDEX) && fs.statSync(WEB_INDEX).mtimeMs >= newestMtime(WEB_SRC)) return;
  const vite = path.resolve(process.cwd(), 'node_modules/vite/bin/vite.js');
  const result = spawnSync(process.execPath, [vite, 'build', '--config', 'src/web/vite.config.ts', '--logLevel', 'warn'], {
    stdio: 'inherit',
  });
  if (result.status !== 0) throw new Error('npm run build:web failed');
}

/** Why a browser test cannot run here, or null when it can. */
export function browserUnavailable(): string | null {
  return fs.existsSync(CHROMIUM_PATH)
    ? null
    : `Chromium not found at ${CHROMIUM_PATH} (apt-get install chromium, or set CHROMIUM_PATH)`;
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export interface TestPage {
  context: BrowserContext;
  page: Page;
  /** Console errors and uncaught exceptions seen so far (network 4xx the test expects are left out). */
  errors: string[];
}

/** A fresh context (no cookies) with a Vietnamese locale and the given viewport. */
export async function openPage(
  browser: Browser,
  baseURL: string,
  options: { viewport?: { width: number; height: number }; isMobile?: boolean } = {},
): Promise<TestPage> {
  const context = await browser.newContext({
    baseURL,
    viewport: options.viewport ?? DESKTOP,
    isMobile: options.isMobile ?? false,
    hasTouch: options.isMobile ?? false,
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
  });
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    const text = msg.text();
    // The browser logs every failed request; the API's expected 401s are not bugs.
    if (/Failed to load resource: the server responded with a status of 40[13]/.test(text)) return;
    errors.push(text);
  });
  page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`));
  return { context, page, errors };
}

/** Saves a full-page PNG as test-results/<name>.png and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  const file = path.join(RESULTS_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** True when the document is wider than the viewport, i.e. the page scrolls sideways. */
export async function hasHorizontalOverflow(page: Page): Promise<boolean> {
  // A string, because this file is compiled without the DOM library.
  return page.evaluate<boolean>('document.documentElement.scrollWidth > window.innerWidth + 1');
}

/** A run-unique suffix so tests never collide on codes or emails in a shared database. */
export function uniqueSuffix(): string {
  return `${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
}

/** Signs in through the login form; changes the password first when the server demands it. */
export async function login(
  page: Page,
  credentials: { email: string; password: string; newPassword?: string },
): Promise<{ password: string }> {
  await page.goto('/login');
  await page.getByLabel('Email').fill(credentials.email);
  await page.getByLabel('Mật khẩu', { exact: true }).fill(credentials.password);
  await page.getByTestId('login-submit').click();
  const forced = page.getByTestId('forced-password-notice');
  const layout = page.getByTestId('user-menu');
  await forced.or(layout).first().waitFor();
  if (await forced.isVisible()) {
    const newPassword = credentials.newPassword ?? `Doi-mat-khau-${uniqueSuffix()}`;
    await page.getByLabel('Mật khẩu hiện tại').fill(credentials.password);
    await page.getByLabel('Mật khẩu mới', { exact: true }).fill(newPassword);
    await page.getByLabel('Nhập lại mật khẩu mới').fill(newPassword);
    await page.getByTestId('change-password-submit').click();
    await layout.waitFor();
    return { password: newPassword };
  }
  return { password: credentials.password };
}

/**
 * The real server on a free port over a fresh PGlite directory (startServer removes it on close),
 * the built UI, and Chromium: what every browser test file starts in its `before`.
 */
export async function startE2E(opts: { demo: boolean }): Promise<{ server: Awaited<ReturnType<typeof startServer>>; browser: Browser; close(): Promise<void> }> {
  const unavailable = browserUnavailable();
  if (unavailable) throw new Error(unavailable);
  ensureWebBuilt();
  const server = await startServer({ port: 0, demo: opts.demo });
  let browser: Browser;
  try {
    browser = await launchBrowser();
  } catch (err) {
    await server.close();
    throw err;
  }
  return {
    server,
    browser,
    close: async () => {
      await browser.close();
      await server.close();
    },
  };
}
