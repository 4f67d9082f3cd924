import ExcelJS from 'exceljs';
import { readFileSync, writeFileSync } from 'fs';
import { join } from 'path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { workbookFromInput, workbookToBytes } from '../../src/xlsx';
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
  tempDir,
} from './harness';

/** The 関市 report (cards layout) as an .xlsx file, built from the seed like samples/seki.xlsx. */
async function sekiFile(dir: string): Promise<string> {
  const bytes = await workbookToBytes(workbookFromInput(seedWorkbook('001', { merge: true })));
  const file = join(dir, 'seki.xlsx');
  writeFileSync(file, bytes);
  return file;
}

describe('the task pane outside Office (browser preview)', () => {
  let server: StaticServer;
  let browser: Browser;
  let context: BrowserContext;
  let outside: string[];
  const errors: string[] = [];
  let page: Page;
  let dir: string;
  const requested: string[] = [];

  beforeAll(async () => {
    server = await serveDist();
    browser = await launchBrowser();
    context = await newContext(browser);
    outside = await guardNetwork(context);
    page = await context.newPage();
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('request', (r) => requested.push(r.url()));
    dir = tempDir();
    await page.goto(`${server.url}taskpane.html`);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('says it runs outside Excel and offers to open a file', async () => {
    await page.getByText('Excel の外で開いています').waitFor();
    await page.getByRole('button', { name: 'ファイルを選択' }).waitFor();
    expect(await page.getByRole('button', { name: '集計', exact: true }).isDisabled()).toBe(true);
  });

  it('opens the 関市 workbook, runs 集計 in the page and shows 順調 17 / やや遅れている 12 / 遅れている 2', async () => {
    await page.getByTestId('file-input').setInputFiles(await sekiFile(dir));
    await page.getByTestId('file-name').waitFor();
    await page.getByRole('button', { name: '集計', exact: true }).click();
    await countOf(page, '順調').waitFor({ timeout: 30000 });

    expect(await countOf(page, '順調').textContent()).toBe('17');
    expect(await countOf(page, 'やや遅れている').textContent()).toBe('12');
    expect(await countOf(page, '遅れている').textContent()).toBe('2');
    expect(await page.getByTestId('counted').first().textContent()).toBe('31');
    // 「うち達成」 stands right under 順調, as in the published table.
    const rowHeads = await page.locator('table').first().locator('tbody th[scope="row"]').allTextContents();
    expect(rowHeads.map((t) => t.trim())).toEqual([
      '順調',
      'うち達成',
      'やや遅れている',
      '遅れている',
      '合計',
    ]);
    await page.mouse.move(0, 0); // no hover state in the picture
    await page.screenshot({ path: screenshotPath('taskpane-preview.png'), fullPage: true });
  });

  it('draws the 「集計」 sheet from the output plan, with its counts and shares', async () => {
    const sheet = page.getByTestId('plan-sheet-集計');
    await sheet.scrollIntoViewIfNeeded();
    const text = (await sheet.textContent()) ?? '';
    expect(text).toContain('順調');
    expect(text).toMatch(/17\s*54\.8%/);
    // Wide enough for the whole sheet, for the README's picture of it.
    await page.setViewportSize({ width: 1400, height: 900 });
    // The pane scrolls wide sheets inside a narrow column; for the picture, let the whole table show.
    await sheet.evaluate((table) => {
      for (let el = table.parentElement; el; el = el.parentElement) {
        el.style.overflow = 'visible';
        el.style.maxWidth = 'none';
      }
    });
    await sheet.screenshot({ path: screenshotPath('summary-sheet.png') });
    await page.setViewportSize({ width: 420, height: 900 });
  });

  it('offers the output workbook for download, with the source and the three output sheets', async () => {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: '結果のブックをダウンロード' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('seki_集計.xlsx');
    const saved = join(dir, 'out.xlsx');
    await download.saveAs(saved);

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(saved) as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['関市', '集計', '取組一覧', '検証結果']);
    const summary = wb.getWorksheet('集計')!;
    const rows: string[] = [];
    summary.eachRow((row) =>
      rows.push(
        (row.values as unknown[])
          .slice(1)
          .map((v) => cellText(v))
          .join('|'),
      ),
    );
    expect(rows.some((r) => /^順調\|17\|/.test(r))).toBe(true);
    expect(rows.some((r) => /^やや遅れている\|12\|/.test(r))).toBe(true);
    expect(rows.some((r) => /^遅れている\|2\|/.test(r))).toBe(true);
  });

  it('passes the accessibility check on each tab', async () => {
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('tab', { name: /検証結果/ }).click();
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('tab', { name: /設定/ }).click();
    await page.getByLabel('集計シート').waitFor();
    expect(await axeViolations(page)).toEqual([]);
  });

  it('checks and saves settings edited in the form, and the next run uses them', async () => {
    await page.getByRole('tab', { name: /設定/ }).click();
    await page.getByLabel('順調とする進捗率（以上）').fill('0');
    await page.getByRole('button', { name: '保存', exact: true }).click();
    await page.getByRole('alert').filter({ hasText: 'judge.onTrackRatio' }).waitFor();

    await page.getByLabel('順調とする進捗率（以上）').fill('1');
    await page.getByLabel('集計シート').fill('達成状況まとめ');
    await page.getByRole('button', { name: '保存', exact: true }).click();
    await page.getByText('設定を保存しました').waitFor();

    await page.getByRole('button', { name: '集計', exact: true }).click();
    await page.getByTestId('plan-sheet-達成状況まとめ').waitFor();
  });

  it('says plainly when the file is not an Excel workbook', async () => {
    const file = join(dir, 'memo.xlsx');
    writeFileSync(file, 'これは Excel ではありません');
    await page.getByTestId('file-input').setInputFiles(file);
    await page.getByRole('button', { name: '集計', exact: true }).click();
    await page.getByRole('alert').filter({ hasText: 'Excel ブック（.xlsx）ではありません' }).waitFor();
  });

  it('raises no error in the page', () => {
    expect(errors).toEqual([]);
  });

  it('never sends a request beyond localhost, and does not even load office.js outside Office', () => {
    expect(outside).toEqual([]);
    expect(requested.filter((u) => u.includes('office-js/'))).toEqual([]);
  });
});

function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'object' && v !== null && 'result' in v) return String((v as { result: unknown }).result);
  if (typeof v === 'object' && v !== null && 'richText' in v) {
    return (v as { richText: { text: string }[] }).richText.map((t) => t.text).join('');
  }
  return String(v);
}
