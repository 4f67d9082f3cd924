/**
 * Microsoft's Excel library in the loop — the seam for every browser test of the Office adapter.
 *
 *   const excel = await installRealExcel(pageOrContext, workbook, options?);
 *   // → { endpointUrl, syncCount(), requests, unknown, snapshot(), endpoint, close() }
 *
 * Starts a local ProcessQuery endpoint (test/support/excelEndpoint.ts) over the in-memory workbook,
 * and makes every page (and frame) the page or context loads from then on define `window.Excel` as the
 * real library
 * (`@microsoft/office-js/dist/excel-web-16.00.js`, loaded on its own, before any page script) with
 * `Excel.run(batch)` — the call the add-in makes — routed to
 * `Excel.run(new Excel.RequestContext(endpointUrl), batch)`. Nothing else is defined: `Office` is the
 * business of the Office lifecycle stand-in (the built commands.html / taskpane.html load office.js,
 * which that stand-in serves), so the two combine: install this, serve the stand-in, goto the page.
 * `Excel.run(context, batch)` with a context of the caller's passes through untouched.
 *
 * `syncCount()` is the number of round trips the add-in waited for (one per context.sync()); the
 * request Excel.run sends afterwards, unawaited, to release the objects it kept (_RemoveReference) is
 * in `requests` (marked `cleanup`) but not counted. `requests` has the real request and response
 * bytes and error codes of every ProcessQuery; `unknown` lists what the endpoint could not carry
 * out (a test should expect it empty). `openAdapterPage` adds the add-in's adapter (bundled from
 * src/ with esbuild) as `window.Adapter` on a blank page of the endpoint's own origin.
 */
import { readFileSync } from 'fs';
import { join } from 'path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { WorkbookInput } from '../../../src/core/workbook';
import type { EndpointOptions, EndpointRequest, ExcelEndpoint } from '../../support/excelEndpoint';
import { startExcelEndpoint } from '../../support/excelEndpoint';
import type { FakeWorkbook, FakeWorkbookJson } from '../../support/fakeExcel';
import { payloadFloor } from '../../../src/office/limits';
import { ROOT } from '../harness';

export const EXCEL_LIBRARY = join(
  ROOT,
  'node_modules',
  '@microsoft',
  'office-js',
  'dist',
  'excel-web-16.00.js',
);

export interface RealExcel {
  readonly endpointUrl: string;
  readonly endpoint: ExcelEndpoint;
  syncCount(): number;
  readonly requests: readonly EndpointRequest[];
  readonly unknown: readonly string[];
  snapshot(): FakeWorkbookJson;
  close(): Promise<void>;
}

let library: string | null = null;

/** The routing of Excel.run: a batch alone goes to the endpoint, a caller's own context stays. */
function routing(url: string): string {
  return `(function () {
  var run = Excel.run;
  Excel.run = function (a, b, c) {
    if (typeof a === 'function') return run.call(Excel, new Excel.RequestContext(${JSON.stringify(url)}), a);
    return run.call(Excel, a, b, c);
  };
  window.__excelEndpoint = ${JSON.stringify(url)};
})();`;
}

export async function installRealExcel(
  page: Page | BrowserContext,
  workbook: WorkbookInput | FakeWorkbook,
  options: EndpointOptions = {},
): Promise<RealExcel> {
  const endpoint = await startExcelEndpoint(workbook, options);
  library ??= readFileSync(EXCEL_LIBRARY, 'utf8');
  // Indirect eval: the library's top-level `var Excel` must land on window, whatever wraps the script.
  const script = `(0, eval)(${JSON.stringify(library)});\n${routing(endpoint.url)}`;
  await page.addInitScript({ content: script });
  return {
    endpointUrl: endpoint.url,
    endpoint,
    syncCount: () => endpoint.requests.filter((r) => !r.cleanup).length,
    requests: endpoint.requests,
    unknown: endpoint.unknown,
    snapshot: () => endpoint.snapshot(),
    close: () => endpoint.close(),
  };
}

let bundle: string | null = null;

/** src/office and the engine as the page runs them: pageEntry.ts bundled, exposed as window.Adapter. */
export function adapterBundle(): string {
  if (bundle) return bundle;
  // esbuild ships with the repo's dev tools (tsx); it bundles the TypeScript sources as they are.
  const esbuild = require('esbuild') as typeof import('esbuild');
  const out = esbuild.buildSync({
    entryPoints: [join(__dirname, 'pageEntry.ts')],
    bundle: true,
    format: 'iife',
    globalName: 'Adapter',
    platform: 'browser',
    target: 'es2020',
    write: false,
    logLevel: 'silent',
  });
  bundle = out.outputFiles[0]!.text;
  return bundle;
}

/** What pageEntry.ts answers when Excel (or the adapter) threw. */
export interface Failure {
  readonly error: { readonly name: string; readonly code: string; readonly message: string };
}

/** A new page on the endpoint's origin with the real library and the adapter loaded. */
export async function openAdapterPage(
  browser: Browser,
  workbook: WorkbookInput | FakeWorkbook,
  options: EndpointOptions = {},
): Promise<{ page: Page; excel: RealExcel; errors: string[] }> {
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  const excel = await installRealExcel(page, workbook, options);
  await page.goto(`${excel.endpoint.origin}/`);
  await page.addScriptTag({ content: adapterBundle() });
  return { page, excel, errors };
}

/** Calls window.Adapter[name](...args) in the page and returns its plain-data answer. */
export function callAdapter<T = unknown>(page: Page, name: string, ...args: unknown[]): Promise<T> {
  return page.evaluate(
    ([n, a]) => {
      const adapter = (
        window as unknown as { Adapter: Record<string, (...x: unknown[]) => Promise<unknown>> }
      ).Adapter;
      return adapter[n as string]!(...(a as unknown[]));
    },
    [name, args] as const,
  ) as Promise<T>;
}

/** Opens an adapter page for one test and closes it after, failing on anything the endpoint did not know. */
export async function withPage<T>(
  browser: Browser,
  workbook: WorkbookInput | FakeWorkbook,
  body: (page: Page, excel: RealExcel) => Promise<T>,
  options: EndpointOptions = {},
): Promise<T> {
  const { page, excel, errors } = await openAdapterPage(browser, workbook, options);
  try {
    const out = await body(page, excel);
    expect(excel.unknown).toEqual([]);
    expect(errors).toEqual([]);
    return out;
  } finally {
    await page.close();
    await excel.close();
  }
}

/** Every non-empty cell as [row, col, value]: sparse rows and page serialisation compare alike. */
export function filled(sheet: {
  cells: readonly (readonly unknown[] | null | undefined)[];
}): [number, number, unknown][] {
  const out: [number, number, unknown][] = [];
  sheet.cells.forEach((row, r) =>
    (row ?? []).forEach((cell, c) => {
      if (cell !== null && cell !== undefined) out.push([r, c, cell]);
    }),
  );
  return out;
}

/** Round trips of one run as the real library made them, against what the 5 MB limit requires. */
export interface RoundTripFigures {
  /** Requests the add-in waited for (the cleanup Excel.run sends after the batch not counted). */
  readonly roundTrips: number;
  /** Of them, refused (payload or other errors) and asked again. */
  readonly refused: number;
  /** Bytes answered to requests that load something (the listing, the extents, the cells). */
  readonly readBytes: number;
  /** Bytes sent in requests that only write (no load), and the actions they carried. */
  readonly writeBytes: number;
  readonly writeActions: number;
  readonly maxRequestBytes: number;
  readonly maxResponseBytes: number;
  /**
   * The fewest round trips the 5 MB limit allows for those bytes: the listing and the extents (each
   * waits for the answer before), then the reads and the writes each in 5 MB requests.
   */
  readonly payloadFloor: number;
}

export function roundTripFigures(requests: readonly EndpointRequest[]): RoundTripFigures {
  const waited = requests.filter((r) => !r.cleanup);
  const answered = waited.filter((r) => r.error === null);
  const reads = answered.filter((r) => r.queries > 0);
  const writes = answered.filter((r) => r.queries === 0);
  const sum = (rs: readonly EndpointRequest[], f: (r: EndpointRequest) => number): number =>
    rs.reduce((n, r) => n + f(r), 0);
  const readBytes = sum(reads, (r) => r.responseBytes);
  const writeBytes = sum(writes, (r) => r.requestBytes);
  return {
    roundTrips: waited.length,
    refused: waited.length - answered.length,
    readBytes,
    writeBytes,
    writeActions: sum(writes, (r) => r.actions),
    maxRequestBytes: Math.max(0, ...waited.map((r) => r.requestBytes)),
    maxResponseBytes: Math.max(0, ...answered.map((r) => r.responseBytes)),
    payloadFloor: 2 + payloadFloor(readBytes) + (writes.length > 0 ? payloadFloor(writeBytes) : 0),
  };
}
