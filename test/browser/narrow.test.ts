import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { WorkbookInput } from '../../src/core/workbook';
import { seedWorkbook } from '../support/seeds';
import type { StaticServer } from './harness';
import { guardNetwork, launchBrowser, serveDist, useOfficeRuntime } from './harness';
import type { RealExcel } from './realExcel/realExcel';
import { installRealExcel } from './realExcel/realExcel';

/**
 * The task pane at its narrowest (Excel's task pane can be 320 px wide), under the Office runtime
 * stand-in with Microsoft's Excel library against the local endpoint: no tab scrolls sideways, and
 * the result says plainly what the run found and wrote.
 */

const HOST_INFO = '_host_Info=Excel$Win32$16.01$ja-JP$$$$0';
const TYPO = 'やや遅れいてる';

/** The 関市 workbook with one status mistyped: an error to report. */
function sekiWithTypo(): WorkbookInput {
  const wb = seedWorkbook('001');
  let done = false;
  return {
    ...wb,
    sheets: wb.sheets.map((sheet) => ({
      ...sheet,
      cells: sheet.cells.map((row, r) =>
        row.map((cell) => {
          if (!done && cell === 'やや遅れている' && r > 20) {
            done = true;
            return TYPO;
          }
          return cell;
        }),
      ),
    })),
  };
}

/** How far the page scrolls sideways (0 when it fits). */
function overflow(page: Page): Promise<number> {
  return page.evaluate(() => {
    const root = document.scrollingElement ?? document.documentElement;
    return root.scrollWidth - root.clientWidth;
  });
}

describe('the task pane 320 px wide', () => {
  let server: StaticServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let outside: string[];
  let excel: RealExcel;
  const errors: string[] = [];

  beforeAll(async () => {
    server = await serveDist();
    browser = await launchBrowser();
    context = await browser.newContext({ locale: 'ja-JP', viewport: { width: 320, height: 800 } });
    outside = await guardNetwork(context);
    excel = await installRealExcel(context, sekiWithTypo());
    await useOfficeRuntime(context, {});
    page = await context.newPage();
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${server.url}taskpane.html?${HOST_INFO}`);
    await page.getByRole('button', { name: '集計', exact: true }).waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    await excel?.close();
    await server?.close();
  });

  it('says how many errors the run found and which sheets it created', async () => {
    await page.getByRole('button', { name: '集計', exact: true }).click();
    await page.getByTestId('sheets-created').waitFor({ timeout: 30000 });
    // The same count as the 検証結果 tab's (the mistyped status is one of them).
    const tab = (await page.getByRole('tab', { name: /^検証結果/ }).textContent()) ?? '';
    const errorCount = Number(/エラー (\d+)/.exec(tab)?.[1]);
    expect(errorCount).toBeGreaterThanOrEqual(1);
    expect(await page.getByTestId('errors-found').textContent()).toContain(
      `エラーが ${errorCount} 件あります。検証結果を確認してください。`,
    );
    expect(await page.getByTestId('sheets-created').textContent()).toBe(
      '新しく作成：集計、取組一覧、検証結果',
    );
    expect(await page.getByTestId('sheets-replaced').count()).toBe(0);
  });

  it('says which sheets it replaced on the next run', async () => {
    await page.getByRole('button', { name: '集計', exact: true }).click();
    await page.getByTestId('sheets-replaced').waitFor({ timeout: 30000 });
    expect(await page.getByTestId('sheets-replaced').textContent()).toBe(
      '前回の結果を置き換え：集計、取組一覧、検証結果',
    );
    expect(await page.getByTestId('sheets-created').count()).toBe(0);
  });

  it("says how many of a reviewer's judgements in 取組一覧 it carried over", async () => {
    // A reviewer changes one 判定区分 in the list the add-in wrote, as a person would in Excel.
    const changed = (() => {
      const wb = excel.endpoint.workbook;
      const grid = wb.grid('取組一覧');
      const header = grid.findIndex((r) => r.includes('判定区分'));
      const col = grid[header]!.indexOf('判定区分');
      const row = grid.findIndex((r, i) => i > header && r[col] === 'やや遅れている');
      if (header < 0 || row < 0) return false;
      wb.sheet('取組一覧')!.cells.get(`${row}:${col}`)!.value = '順調';
      return true;
    })();
    expect(changed).toBe(true);
    expect(await page.getByTestId('reviewed-judgements').count()).toBe(0);
    await page.getByRole('button', { name: '集計', exact: true }).click();
    await page.getByTestId('reviewed-judgements').waitFor({ timeout: 30000 });
    expect(await page.getByTestId('reviewed-judgements').textContent()).toBe(
      '取組一覧で直された判定区分を事務局の判定（二次評価）として引き継ぎ：1 件',
    );
  });

  it.each([
    ['結果', /^結果/],
    ['検証結果', /^検証結果/],
    ['設定', /^設定/],
  ])('has no horizontal scroll on the %s tab', async (_name, tab) => {
    await page.getByRole('tab', { name: tab }).click();
    await page.waitForTimeout(200);
    if (_name === '設定') await page.getByRole('button', { name: '保存' }).waitFor();
    expect(await overflow(page)).toBeLessThanOrEqual(0);
  });

  it('raises no error, sends nothing beyond localhost and nothing Excel does not know', () => {
    expect(errors).toEqual([]);
    expect(outside).toEqual([]);
    expect(excel.unknown).toEqual([]);
  });
});
