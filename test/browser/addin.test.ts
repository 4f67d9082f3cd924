import type { Browser, BrowserContext, Page } from 'playwright-core';
import { parseA1 } from '../../src/core/address';
import type { CellInput, WorkbookInput } from '../../src/core/workbook';
import { sheetFromArray } from '../../src/core/workbook';
import { PAYLOAD_LIMIT } from '../support/excelEndpoint';
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
  useOfficeRuntime,
} from './harness';
import type { RealExcel } from './realExcel/realExcel';
import { installRealExcel } from './realExcel/realExcel';

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

/** Waits until the endpoint’s workbook satisfies `ready` (the pane's run is under way in the page). */
async function until(ready: () => boolean): Promise<void> {
  for (let i = 0; i < 3000 && !ready(); i++) await new Promise((r) => setTimeout(r, 50));
  expect(ready()).toBe(true);
}

/**
 * The built task pane (dist/taskpane.html) under the Office runtime stand-in, with Microsoft's
 * excel-web-16.00.js against the local ProcessQuery endpoint for Excel.
 */
describe('the add-in in Excel (Microsoft’s Excel library, local endpoint)', () => {
  let server: StaticServer;
  let browser: Browser;
  let context: BrowserContext;
  let outside: string[];
  const errors: string[] = [];
  let page: Page;
  let excel: RealExcel;
  const seki = sekiWithTypo();

  beforeAll(async () => {
    server = await serveDist();
    browser = await launchBrowser();
    context = await newContext(browser);
    outside = await guardNetwork(context);
    excel = await installRealExcel(context, seki.workbook);
    await useOfficeRuntime(context, { platform: 'Web' });
    page = await context.newPage();
    page.on('pageerror', (e) => errors.push(e.message));
    // Office opens the pane with its host in the query string; office.js (here the stand-in) loads only then.
    await page.goto(`${server.url}taskpane.html?${HOST_INFO}`);
    await page.getByRole('button', { name: '集計', exact: true }).waitFor();
  });

  afterEach(() => {
    // Every action the library sent was one the endpoint knows.
    expect(excel.unknown).toEqual([]);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await excel?.close();
  });

  it('shows no preview banner inside Excel', async () => {
    expect(await page.getByText('Excel の外で開いています').count()).toBe(0);
  });

  it('runs 集計 on the open workbook in four round trips and writes the three sheets', async () => {
    const before = excel.syncCount();
    await page.getByRole('button', { name: '集計', exact: true }).click();
    await countOf(page, '順調').waitFor({ timeout: 30000 });

    expect(await countOf(page, '順調').textContent()).toBe('17');
    expect(await countOf(page, 'やや遅れている').textContent()).toBe('11');
    expect(await countOf(page, '遅れている').textContent()).toBe('2');

    const wb = excel.snapshot();
    expect(excel.syncCount() - before).toBe(4);
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
    await until(() => excel.snapshot().selection !== null);
    const wb = excel.snapshot();
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
    await until(() => excel.snapshot().activeSheet === '集計');
    const wb = excel.snapshot();
    expect(wb.sheets.map((s) => s.name)).toEqual(['関市', '集計', '取組一覧', '検証結果']);
  });

  it('explains a protected workbook in Japanese and changes nothing', async () => {
    excel.endpoint.workbook.protected = true;
    const before = excel.snapshot();
    await page.getByRole('button', { name: '集計', exact: true }).click();
    await page.getByRole('alert').filter({ hasText: 'ブックの構成が保護されている' }).waitFor();
    const after = excel.snapshot();
    expect(after.sheets.map((s) => s.grid)).toEqual(before.sheets.map((s) => s.grid));
    excel.endpoint.workbook.protected = false;
  });

  it('raises no error in the page', () => {
    expect(errors).toEqual([]);
  });

  it('tells the user when Excel is too old for the add-in, and does not offer to run', async () => {
    const old = await newContext(browser);
    const oldExcel = await installRealExcel(old, seki.workbook);
    await useOfficeRuntime(old, { platform: 'Web', requirements: { ExcelApi: '1.12', DialogApi: '1.2' } });
    const pane = await old.newPage();
    await pane.goto(`${server.url}taskpane.html?${HOST_INFO}`);
    await pane.getByText('ExcelApi 1.13').first().waitFor();
    expect(await pane.getByRole('button', { name: '集計', exact: true }).isDisabled()).toBe(true);
    await old.close();
    await oldExcel.close();
  });

  it('never sends a request beyond localhost', () => {
    expect(outside).toEqual([]);
  });
});

/** A report of `rows` items with long titles: what the pane writes to 取組一覧 is several requests. */
function bigReport(rows: number): WorkbookInput {
  const cells: CellInput[][] = [['番号', '改革項目', '進捗状況']];
  for (let r = 1; r <= rows; r++) cells.push([r, `${r}：${'改革の取組状況について'.repeat(50)}`, 'A']);
  return { sheets: [sheetFromArray('取組', cells)] };
}

describe('the task pane at Excel’s 5 MB limits (Microsoft’s Excel library, local endpoint)', () => {
  it('reads and writes a report several times 5 MB in requests each within the limit', async () => {
    const rows = 4000;
    const server = await serveDist();
    const browser = await launchBrowser();
    const context = await newContext(browser);
    const excel = await installRealExcel(context, bigReport(rows));
    try {
      await useOfficeRuntime(context, { platform: 'Web' });
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(`${server.url}taskpane.html?${HOST_INFO}`);
      await page.getByRole('button', { name: '集計', exact: true }).click();
      await until(() => excel.snapshot().activeSheet === '集計');

      const list = excel.endpoint.workbook.grid('取組一覧');
      expect(list.filter((r) => r.some((c) => String(c).startsWith(`${rows}：`)))).toHaveLength(1);
      const sent = excel.requests.filter((r) => !r.cleanup);
      expect(Math.max(...sent.map((r) => r.requestBytes))).toBeLessThanOrEqual(PAYLOAD_LIMIT);
      const answered = sent.filter((r) => r.error === null);
      const mb = (n: number) => (n / 1024 / 1024).toFixed(2);
      process.stdout.write(
        `pane at the limits: ${sent.length} requests; request MB ${sent.map((r) => mb(r.requestBytes)).join(' ')}; ` +
          `response MB ${sent.map((r) => `${mb(r.responseBytes)}${r.error ? `(${r.error})` : ''}`).join(' ')}\n`,
      );
      expect(Math.max(...answered.map((r) => r.responseBytes))).toBeLessThanOrEqual(PAYLOAD_LIMIT);
      // More than 5 MB went each way, so both the read and the write were split.
      expect(sent.reduce((n, r) => n + r.requestBytes, 0)).toBeGreaterThan(PAYLOAD_LIMIT);
      expect(answered.reduce((n, r) => n + r.responseBytes, 0)).toBeGreaterThan(PAYLOAD_LIMIT);
      expect(excel.unknown).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await browser.close();
      await server.close();
      await excel.close();
    }
  }, 240000);
});
