/**
 * What the browser tests share: a static server over dist/, Debian's chromium through
 * playwright-core, a guard that records (and blocks) any request leaving localhost, the Office
 * runtime stand-in turned into a script served in place of office.js (Excel is Microsoft's library,
 * realExcel/realExcel.ts), and axe-core.
 */
import { existsSync, mkdtempSync, readFileSync } from 'fs';
import { createServer } from 'http';
import type { AddressInfo } from 'net';
import { tmpdir } from 'os';
import { extname, join, normalize, resolve } from 'path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { chromium } from 'playwright-core';
import ts from 'typescript';
import type { OfficeRuntimeOptions } from '../support/officeRuntime';

export const ROOT = resolve(__dirname, '..', '..');
export const DIST = join(ROOT, 'dist');
const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.png': 'image/png',
  '.xml': 'application/xml; charset=utf-8',
  '.json': 'application/json',
  '.css': 'text/css',
  '.map': 'application/json',
};

export interface StaticServer {
  readonly url: string;
  close(): Promise<void>;
}

/** Serves dist/ on an ephemeral localhost port. */
export async function serveDist(): Promise<StaticServer> {
  if (!existsSync(join(DIST, 'taskpane.html'))) {
    throw new Error('dist/taskpane.html is missing: run `npm run build` before the browser tests.');
  }
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
    const file = normalize(join(DIST, path));
    if (!file.startsWith(DIST) || !existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' });
    res.end(readFileSync(file));
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://localhost:${port}/`,
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--lang=ja-JP',
    ],
  });
}

/** A context with a fresh profile whose downloads are kept, in Japanese. */
export async function newContext(browser: Browser): Promise<BrowserContext> {
  return browser.newContext({
    acceptDownloads: true,
    locale: 'ja-JP',
    viewport: { width: 420, height: 900 },
    deviceScaleFactor: 1,
  });
}

/** Records every request that would leave localhost, and refuses it. */
export async function guardNetwork(context: BrowserContext): Promise<string[]> {
  const outside: string[] = [];
  await context.route('**/*', (route) => {
    const url = new URL(route.request().url());
    const local =
      url.protocol === 'data:' ||
      url.protocol === 'blob:' ||
      ['localhost', '127.0.0.1'].includes(url.hostname);
    if (local) return route.fallback();
    outside.push(url.toString());
    return route.abort('blockedbyclient');
  });
  return outside;
}

const scripts = new Map<string, string>();

/**
 * A test support file (no runtime imports) as a browser script defining window[global]:
 * officeRuntime.ts → OfficeRuntime.
 */
function supportScript(file: string, global: string): string {
  const cached = scripts.get(file);
  if (cached) return cached;
  const source = readFileSync(join(ROOT, 'test', 'support', file), 'utf8');
  const out = ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2020 },
  });
  const script = `(function(){var exports={};var module={exports:exports};\n${out.outputText}\nwindow.${global}=exports;})();`;
  scripts.set(file, script);
  return script;
}

async function serveOfficeJs(context: BrowserContext, body: string): Promise<void> {
  await context.route('**/office-js/office.js', (route) =>
    route.fulfill({ status: 200, contentType: 'text/javascript; charset=utf-8', body }),
  );
}

/**
 * The stand-in's Excel seam for Microsoft's library: installRealExcel (realExcel/realExcel.ts) has
 * already defined window.Excel, with Excel.run routed to the test's endpoint, in every page and frame
 * of the context before its scripts run; the stand-in wraps that Excel.run for its lifecycle.
 */
const REAL_EXCEL_PROVIDER = `window.__provideExcel = function (w) {
  if (!w.Excel || !w.__excelEndpoint) throw new Error('installRealExcel(context, …) must come first');
};`;

/**
 * Serves the Office runtime stand-in (test/support/officeRuntime.ts: Office and its lifecycle) in
 * place of office.js for every page the context opens, with Excel from Microsoft's library: call
 * installRealExcel(context, workbook) first (one endpoint for the page and its dialog frames). The
 * handle is window.__officeRuntime in each page. Dialogs open as iframes of the page that opened them.
 */
export async function useOfficeRuntime(
  context: BrowserContext,
  options: OfficeRuntimeOptions,
): Promise<void> {
  await serveOfficeJs(
    context,
    `${supportScript('officeRuntime.ts', 'OfficeRuntime')}
${REAL_EXCEL_PROVIDER}
window.OfficeRuntime.installOfficeRuntime(window, ${JSON.stringify({ loadDialogs: true, ...options })}, window.__provideExcel);`,
  );
}

export interface AxeViolation {
  readonly id: string;
  readonly impact: string | null;
  readonly help: string;
  readonly nodes: readonly { readonly target: readonly string[] }[];
}

/**
 * Runs axe-core (WCAG 2.1 A/AA rules) on the page. Fluent's focus sentinels (tabster's
 * `<i data-tabster-dummy aria-hidden tabindex=0>`, which only pass focus on) are left out: a known
 * false positive of aria-hidden-focus (microsoft/tabster#288).
 */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
  return page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: AxeViolation[] }> };
      }
    ).axe;
    const result = await axe.run(
      { exclude: [['[data-tabster-dummy]']] },
      { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } },
    );
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target })),
    }));
  });
}

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'kaikaku-browser-'));
}

/** Screenshots for the README go to docs/images when UPDATE_SCREENSHOTS=1, else to a temp dir. */
export function screenshotPath(name: string): string {
  const dir = process.env['UPDATE_SCREENSHOTS'] === '1' ? join(ROOT, 'docs', 'images') : tempDir();
  return join(dir, name);
}

/** The count cell of a category's row in the task pane's result table. */
export function countOf(page: Page, category: string) {
  return page.locator(`tr[data-category="${category}"] [data-testid="count"]`).first();
}

/** The built task pane opened as the browser preview (no Office), with what it sent outside and its errors. */
export interface PreviewPage {
  readonly page: Page;
  /** Requests beyond localhost (guardNetwork). */
  readonly outside: string[];
  /** Uncaught errors of the page. */
  readonly errors: string[];
  close(): Promise<void>;
}

export async function openPreviewPage(): Promise<PreviewPage> {
  const server = await serveDist();
  const browser = await launchBrowser();
  const context = await newContext(browser);
  const outside = await guardNetwork(context);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${server.url}taskpane.html`);
  return {
    page,
    outside,
    errors,
    close: async () => {
      await browser.close();
      await server.close();
    },
  };
}
