import type { Browser, BrowserContext, Page } from 'playwright-core';
import { sheetFromArray } from '../../src/core/workbook';
import type { FakeOfficeHandle, FakeOfficeInit } from '../support/fakeExcel';
import type { OfficeRuntimeHandle, OfficeRuntimeOptions, RuntimeEntry } from '../support/officeRuntime';
import { seedWorkbook } from '../support/seeds';
import type { StaticServer } from './harness';
import {
  fakeExcelProvider,
  guardNetwork,
  launchBrowser,
  newContext,
  serveDist,
  useOfficeRuntime,
} from './harness';

/**
 * The built ribbon command (dist/commands.html) under the Office runtime stand-in, which delivers a
 * click only to a page that called Office.onReady(), and tears the runtime down at completed().
 * Excel is the fake's (the stand-in's Excel seam, see test/support/officeRuntime.ts).
 */

const HOST_INFO = '_host_Info=Excel$Win32$16.01$ja-JP$$$$0';
/** office.js waits 50 × 400 ms; the tests wait less for a page that never says it is ready. */
const FAST: OfficeRuntimeOptions = { readyPollMs: 50, readyPolls: 40 };

interface Opened {
  readonly context: BrowserContext;
  readonly page: Page;
  readonly pageErrors: string[];
  readonly outside: string[];
}

function runtime<T>(page: Page, fn: (r: OfficeRuntimeHandle) => T): Promise<T> {
  return page.evaluate(`(${fn.toString()})(window.__officeRuntime)`) as Promise<T>;
}

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

  afterAll(async () => {
    for (const o of opened) await o.context.close();
    await browser?.close();
    await server?.close();
  });

  async function open(init: FakeOfficeInit, options: OfficeRuntimeOptions = {}): Promise<Opened> {
    const context = await newContext(browser);
    const outside = await guardNetwork(context);
    await useOfficeRuntime(context, { ...FAST, ...options }, fakeExcelProvider(init));
    const page = await context.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.goto(`${server.url}commands.html?${HOST_INFO}`);
    await page.waitForFunction(() => '__officeRuntime' in window);
    const o = { context, page, pageErrors, outside };
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
    const { page, pageErrors, outside } = await open({ workbook: seedWorkbook('001') });
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

    const wb = await page.evaluate(() =>
      (window as unknown as { __fakeExcel: FakeOfficeHandle }).__fakeExcel.snapshot(),
    );
    expect(wb.sheets.map((s) => s.name)).toEqual(['関市', '集計', '取組一覧', '検証結果']);
    expect(wb.activeSheet).toBe('集計');
    // Two small round trips to measure the workbook, then the run's four.
    expect(wb.stats.syncs).toBeLessThanOrEqual(6);
    expect(pageErrors).toEqual([]);
    expect(outside).toEqual([]);
  });

  for (const dialogParams of ['query', 'end'] as const) {
    it(`on failure shows the reason until the user closes the dialog, then completes (_host_Info in the ${dialogParams})`, async () => {
      const { page, pageErrors } = await open(
        { workbook: { sheets: [sheetFromArray('表', [['改革項目']])] } },
        { dialogParams },
      );
      await page.evaluate(() => {
        (window as unknown as { __fakeExcel: FakeOfficeHandle }).__fakeExcel.host.workbook.protected = true;
      });
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
    const { page } = await open({ workbook: { sheets: [sheetFromArray('表', [['改革項目']])] } });
    await page.evaluate(() => {
      (window as unknown as { __fakeExcel: FakeOfficeHandle }).__fakeExcel.host.workbook.protected = true;
    });
    const done = click(page);
    await page.frameLocator('iframe[data-office-dialog]').locator('#close').waitFor();
    expect(await runtime(page, (r) => r.completedCount())).toBe(0);
    await runtime(page, (r) => r.closeDialogByUser());
    expect(await done).toEqual({ delivered: true, completed: 1 });
    expect(await runtime(page, (r) => r.errors)).toEqual([]);
  });
});
