import type { Browser, BrowserContext, Page } from 'playwright-core';
import { parseA1 } from '../../src/core/address';
import type { CellInput, WorkbookInput } from '../../src/core/workbook';
import type { FakeOfficeHandle, FakeWorkbookJson, FakeStats } from '../support/fakeExcel';
import { seedWorkbook } from '../support/seeds';
import type { StaticServer } from './harness';
import {
  axeViolations,
  countOf,
  guardNetwork,
  launchBrowser,
  newContext,
  screenshotPath,
  serveDist,
  useFakeOffice,
} from './harness';

const TYPO = 'やや遅れいてる';
const HOST_INFO = '_host_Info=Excel$Web$16.01$ja-JP$$$$0';

/** The 関市 workbook with one status mistyped, so the run has a diagnostic to click. */
function sekiWithTypo(): { workbook: WorkbookInput; cell: string } {
  const wb = seedWorkbook('001', { offset: { rows: 2, cols: 1 } });
  let where = '';
  const sheets = wb.sheets.map((sheet) => ({
    ...sheet,
    cells: sheet.cells.map((row, r) =>
      row.map((cell: CellInput, c) => {
        if (where === '' && cell === 'やや遅れている' && r > 20) {
          where = `${String.fromCharCode(65 + c)}${r + 1}`;
          return TYPO;
        }
        return cell;
      }),
    ),
  }));
  if (where === '') throw new Error('no status cell found in the seed');
  return { workbook: { ...wb, sheets }, cell: where };
}

type Snapshot = FakeWorkbookJson & { stats: FakeStats };

function snapshot(page: Page): Promise<Snapshot> {
  return page.evaluate(() => (window as unknown as { __fakeExcel: FakeOfficeHandle }).__fakeExcel.snapshot());
}

describe('the add-in in Excel (fake Excel host in the page)', () => {
  let server: StaticServer;
  let browser: Browser;
  let context: BrowserContext;
  let outside: string[];
  const errors: string[] = [];
  let page: Page;
  const seki = sekiWithTypo();

  beforeAll(async () => {
    server = await serveDist();
    browser = await launchBrowser();
    context = await newContext(browser);
    outside = await guardNetwork(context);
    await useFakeOffice(context, { workbook: seki.workbook, options: { latencyMs: 40 } });
    page = await context.newPage();
    page.on('pageerror', (e) => errors.push(e.message));
    // Office opens the pane with its host in the query string; office.js (here the fake) loads only then.
    await page.goto(`${server.url}taskpane.html?${HOST_INFO}`);
    await page.getByRole('button', { name: '集計', exact: true }).waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows no preview banner inside Excel', async () => {
    expect(await page.getByText('Excel の外で開いています').count()).toBe(0);
  });

  it('runs 集計 on the open workbook in at most four round trips and writes the three sheets', async () => {
    await page.evaluate(() =>
      (window as unknown as { __fakeExcel: FakeOfficeHandle }).__fakeExcel.host.resetStats(),
    );
    await page.getByRole('button', { name: '集計', exact: true }).click();
    await countOf(page, '順調').waitFor({ timeout: 30000 });

    expect(await countOf(page, '順調').textContent()).toBe('17');
    expect(await countOf(page, 'やや遅れている').textContent()).toBe('11');
    expect(await countOf(page, '遅れている').textContent()).toBe('2');

    const wb = await snapshot(page);
    expect(wb.stats.syncs).toBeLessThanOrEqual(4);
    expect(wb.sheets.map((s) => s.name)).toEqual(['関市', '集計', '取組一覧', '検証結果']);
    expect(wb.names.map((n) => n.name).sort()).toEqual([
      'KaikakuShukei_diagnostics',
      'KaikakuShukei_list',
      'KaikakuShukei_summary',
    ]);
    expect(wb.activeSheet).toBe('集計');
    // Counts are live formulas over 取組一覧 (Excel computes them; the fake does not).
    const summary = wb.sheets.find((s) => s.name === '集計')!.grid;
    expect(String(summary.find((r) => r[0] === '順調')?.[1])).toMatch(/^=COUNTIFS\(.*順調/);
    const list = wb.sheets.find((s) => s.name === '取組一覧')!.grid;
    expect(list.filter((r) => r.includes(TYPO))).toHaveLength(1);
    await page.mouse.move(0, 0); // no hover state in the picture
    await page.screenshot({ path: screenshotPath('taskpane.png'), fullPage: true });
  });

  it('selects the cell of a diagnostic when it is clicked', async () => {
    await page.getByRole('tab', { name: /検証結果/ }).click();
    const item = page.locator('button[data-code="UNKNOWN_STATUS"]').first();
    expect(await item.getAttribute('data-cell')).toBe(`関市!${seki.cell}`);
    await item.click();
    await page.waitForFunction(
      () =>
        (window as unknown as { __fakeExcel: FakeOfficeHandle }).__fakeExcel.snapshot().selection !== null,
    );
    const wb = await snapshot(page);
    const target = parseA1(seki.cell)!;
    expect(wb.selection).toEqual({
      sheet: '関市',
      box: { top: target.row, left: target.col, rows: 1, cols: 1 },
    });
    expect(wb.activeSheet).toBe('関市');
    await page.mouse.move(0, 0);
    await page.screenshot({ path: screenshotPath('taskpane-diagnostics.png'), fullPage: true });
  });

  it('passes the accessibility check', async () => {
    expect(await axeViolations(page)).toEqual([]);
  });

  it('replaces its own sheets on a second run instead of adding more', async () => {
    await page.getByRole('tab', { name: /^結果/ }).click();
    await page.getByRole('button', { name: '集計', exact: true }).click();
    await page.getByRole('button', { name: '集計', exact: true }).waitFor();
    await page.waitForFunction(
      () =>
        (window as unknown as { __fakeExcel: FakeOfficeHandle }).__fakeExcel.snapshot().activeSheet ===
        '集計',
    );
    const wb = await snapshot(page);
    expect(wb.sheets.map((s) => s.name)).toEqual(['関市', '集計', '取組一覧', '検証結果']);
  });

  it('explains a protected workbook in Japanese and changes nothing', async () => {
    await page.evaluate(() => {
      (window as unknown as { __fakeExcel: FakeOfficeHandle }).__fakeExcel.host.workbook.protected = true;
    });
    const before = await snapshot(page);
    await page.getByRole('button', { name: '集計', exact: true }).click();
    await page.getByRole('alert').filter({ hasText: 'ブックの構成が保護されている' }).waitFor();
    const after = await snapshot(page);
    expect(after.sheets.map((s) => s.grid)).toEqual(before.sheets.map((s) => s.grid));
    await page.evaluate(() => {
      (window as unknown as { __fakeExcel: FakeOfficeHandle }).__fakeExcel.host.workbook.protected = false;
    });
  });

  it('raises no error in the page', () => {
    expect(errors).toEqual([]);
  });

  it('tells the user when Excel is too old for the add-in, and does not offer to run', async () => {
    const old = await newContext(browser);
    await useFakeOffice(old, { workbook: seki.workbook, apiVersion: '1.12' });
    const pane = await old.newPage();
    await pane.goto(`${server.url}taskpane.html?${HOST_INFO}`);
    await pane.getByText('ExcelApi 1.13').first().waitFor();
    expect(await pane.getByRole('button', { name: '集計', exact: true }).isDisabled()).toBe(true);
    await old.close();
  });

  it('never sends a request beyond localhost', () => {
    expect(outside).toEqual([]);
  });
});
