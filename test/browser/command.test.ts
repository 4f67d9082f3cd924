import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { WorkbookInput } from '../../src/core/workbook';
import { sheetFromArray } from '../../src/core/workbook';
import { COMMAND_MAX_FILLED_CELLS } from '../../src/commands/size';
import type { OfficeRuntimeHandle, OfficeRuntimeOptions, RuntimeEntry } from '../support/officeRuntime';
import { seedWorkbook } from '../support/seeds';
import type { StaticServer } from './harness';
import { guardNetwork, launchBrowser, newContext, serveDist, useOfficeRuntime } from './harness';
import type { RealExcel } from './realExcel/realExcel';
import { installRealExcel } from './realExcel/realExcel';

/**
 * The built ribbon command (dist/commands.html) under the Office runtime stand-in, which delivers a
 * click only to a page that called Office.onReady(), and tears the runtime down at completed().
 * Excel is Microsoft's excel-web-16.00.js against the local ProcessQuery endpoint (the stand-in's
 * Excel seam, see test/support/officeRuntime.ts), one endpoint per test for the page and its dialog.
 */

const HOST_INFO = '_host_Info=Excel$Win32$16.01$ja-JP$$$$0';
/** office.js waits 50 × 400 ms; the tests wait less for a page that never says it is ready. */
const FAST: OfficeRuntimeOptions = { readyPollMs: 50, readyPolls: 40 };

interface Opened {
  readonly context: BrowserContext;
  readonly page: Page;
  readonly pageErrors: string[];
  readonly outside: string[];
  readonly excel: RealExcel;
}

function runtime<T>(page: Page, fn: (r: OfficeRuntimeHandle) => T): Promise<T> {
  return page.evaluate(`(${fn.toString()})(window.__officeRuntime)`) as Promise<T>;
}

const protectedBook = (): WorkbookInput => ({ sheets: [sheetFromArray('表', [['改革項目']])] });

function whats(log: readonly RuntimeEntry[]): string[] {
  return log.map((e) => e.what);
}

describe('the ribbon 「集計」 as Office runs it (commands.html under the runtime stand-in)', () => {
  let server: StaticServer;
  let browser: Browser;
  const opened: Opened[] = [];

  beforeAll(async () => {
    server = await serveDist();
    browser = await launchBrowser();
  });

  afterEach(() => {
    // Every action the library sent was one the endpoint knows.
    for (const o of opened) expect(o.excel.unknown).toEqual([]);
  });

  afterAll(async () => {
    for (const o of opened) {
      await o.context.close();
      await o.excel.close();
    }
    await browser?.close();
    await server?.close();
  });

  async function open(workbook: WorkbookInput, options: OfficeRuntimeOptions = {}): Promise<Opened> {
    const context = await newContext(browser);
    const outside = await guardNetwork(context);
    const excel = await installRealExcel(context, workbook);
    await useOfficeRuntime(context, { ...FAST, ...options });
    const page = await context.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.goto(`${server.url}commands.html?${HOST_INFO}`);
    await page.waitForFunction(() => '__officeRuntime' in window);
    const o = { context, page, pageErrors, outside, excel };
    opened.push(o);
    return o;
  }

  /** The click as Office makes it, started without waiting (the page may still be initialising). */
  function click(page: Page): Promise<{ delivered: boolean; completed: number }> {
    return page.evaluate(() =>
      (window as unknown as { __officeRuntime: OfficeRuntimeHandle }).__officeRuntime.click('runShukei'),
    );
  }

  it('is delivered only after Office.onReady(), runs Excel.run and completes once', async () => {
    const { page, pageErrors, outside, excel } = await open(seedWorkbook('001'));
    const done = await click(page);
    expect(done).toEqual({ delivered: true, completed: 1 });

    const log = await runtime(page, (r) => r.log);
    const order = whats(log);
    expect(order.indexOf('onReady')).toBeGreaterThanOrEqual(0);
    expect(order.indexOf('onReady')).toBeLessThan(order.indexOf('ready'));
    expect(order.indexOf('ready')).toBeLessThan(order.indexOf('invoke'));
    expect(order.indexOf('invoke')).toBeLessThan(order.indexOf('excel.run'));
    expect(order.filter((w) => w === 'completed')).toHaveLength(1);
    expect(order.lastIndexOf('excel.run')).toBeLessThan(order.indexOf('completed'));
    expect(order).not.toContain('dialog.open');
    expect(await runtime(page, (r) => r.errors)).toEqual([]);

    const wb = excel.snapshot();
    expect(wb.sheets.map((s) => s.name)).toEqual(['関市', '集計', '取組一覧', '検証結果']);
    expect(wb.activeSheet).toBe('集計');
    // The run's four round trips, the size measured in its second (no separate measuring).
    expect(excel.syncCount()).toBe(4);
    expect(pageErrors).toEqual([]);
    expect(outside).toEqual([]);
  });

  for (const dialogParams of ['query', 'end'] as const) {
    it(`on failure shows the reason until the user closes the dialog, then completes (_host_Info in the ${dialogParams})`, async () => {
      const { page, pageErrors, excel } = await open(protectedBook(), { dialogParams });
      excel.endpoint.workbook.protected = true;
      const done = click(page);

      const dialog = page.frameLocator('iframe[data-office-dialog]');
      await dialog.locator('#message').filter({ hasText: 'ブックの構成が保護されている' }).waitFor();
      expect(await dialog.locator('#title').textContent()).toBe('集計できませんでした');
      const message = (await dialog.locator('#message').textContent()) ?? '';
      expect(message).not.toMatch(/_host_Info|\$|isDialog/);
      const url = (await runtime(page, (r) => r.dialogs))[0]!.url;
      expect(url).toMatch(/_host_Info=Excel\$Win32\$16\.01\$ja-JP\$\$isDialog\$\$0/);
      // The dialog is up: the command must not have completed yet.
      await page.waitForTimeout(300);
      expect(await runtime(page, (r) => r.completedCount())).toBe(0);

      await dialog.getByRole('button', { name: '閉じる' }).click();
      expect(await done).toEqual({ delivered: true, completed: 1 });
      const order = whats(await runtime(page, (r) => r.log));
      expect(order.indexOf('dialog.message')).toBeGreaterThan(order.indexOf('dialog.open'));
      expect(order.indexOf('dialog.close')).toBeLessThan(order.indexOf('completed'));
      expect(await runtime(page, (r) => r.errors)).toEqual([]);
      expect(await page.locator('iframe[data-office-dialog]').count()).toBe(0);
      expect(pageErrors).toEqual([]);
    });
  }

  it('completes when the user closes the dialog with its X (12006)', async () => {
    const { page, excel } = await open(protectedBook());
    excel.endpoint.workbook.protected = true;
    const done = click(page);
    await page.frameLocator('iframe[data-office-dialog]').locator('#close').waitFor();
    expect(await runtime(page, (r) => r.completedCount())).toBe(0);
    await runtime(page, (r) => r.closeDialogByUser());
    expect(await done).toEqual({ delivered: true, completed: 1 });
    expect(await runtime(page, (r) => r.errors)).toEqual([]);
  });

  it('sends a workbook too big for a command to the task pane after two round trips, before any cell is read', async () => {
    const cols = 500;
    const rows = Math.floor(COMMAND_MAX_FILLED_CELLS / cols) + 1;
    const cells = Array.from({ length: rows }, (_, r) =>
      Array.from({ length: cols }, (_, c) => r * cols + c),
    );
    const { page, excel } = await open({ sheets: [sheetFromArray('大きな表', cells)] });
    const done = click(page);
    const dialog = page.frameLocator('iframe[data-office-dialog]');
    // The endpoint's model takes its time over 300,000 cells; the requests themselves are small.
    await dialog
      .locator('#message')
      .filter({ hasText: '作業ウィンドウで集計してください' })
      .waitFor({ timeout: 120000 });
    expect(await dialog.locator('#title').textContent()).toBe('作業ウィンドウで集計してください');
    expect(await dialog.locator('#message').textContent()).toContain((rows * cols).toLocaleString('ja-JP'));
    // The sheets, then the filled areas: the size is known there, and no cell has been asked for.
    expect(excel.syncCount()).toBe(2);
    await dialog.getByRole('button', { name: '閉じる' }).click();
    expect(await done).toEqual({ delivered: true, completed: 1 });
    expect(excel.snapshot().sheets.map((s) => s.name)).toEqual(['大きな表']);
    expect(await runtime(page, (r) => r.errors)).toEqual([]);
  }, 180000);
});
