/**
 * 「各課のファイルを追加」 in the browser (issue 11): the preview's workbook (関市) with a
 * department's file (会津若松市) added, counted together in the page, and the send-back workbooks
 * downloaded and opened.
 */
import ExcelJS from 'exceljs';
import { readFileSync, writeFileSync } from 'fs';
import JSZip from 'jszip';
import { join } from 'path';
import type { Page } from 'playwright-core';
import { workbookFromInput, workbookToBytes } from '../../src/xlsx';
import { seedWorkbook } from '../support/seeds';
import type { PreviewPage } from './harness';
import { countOf, openPreviewPage, tempDir } from './harness';

async function seedFile(dir: string, id: '001' | '003', name: string): Promise<string> {
  const file = join(dir, name);
  writeFileSync(file, await workbookToBytes(workbookFromInput(seedWorkbook(id))));
  return file;
}

describe('departments’ files in the task pane (browser preview)', () => {
  let preview: PreviewPage;
  let page: Page;
  let outside: string[];
  let errors: string[];
  let dir: string;

  beforeAll(async () => {
    preview = await openPreviewPage();
    ({ page, outside, errors } = preview);
    dir = tempDir();
  });

  afterAll(() => preview?.close());

  it('counts an added department’s file with the workbook, and offers each department’s send-back workbook', async () => {
    await page.getByTestId('file-input').setInputFiles(await seedFile(dir, '001', 'seki.xlsx'));
    await page.getByTestId('file-name').waitFor();
    await page.getByTestId('department-files').setInputFiles(await seedFile(dir, '003', '会津若松市.xlsx'));
    await page.getByText('会津若松市.xlsx').waitFor();
    await page.getByRole('button', { name: '集計', exact: true }).click();
    await countOf(page, '順調').waitFor({ timeout: 60000 });
    // 関市's table as for the workbook alone, and 会津若松市's A / B / 完了 from the added file.
    expect(await countOf(page, '順調').textContent()).toBe('17');
    expect(await countOf(page, 'A').textContent()).toBe('47');

    const send = page.getByRole('button', { name: '各課への返却用ブックをダウンロード' });
    await send.waitFor();
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 60000 }), send.click()]);
    expect(download.suggestedFilename()).toBe('各課への返却用ブック.zip');
    const saved = join(dir, 'back.zip');
    await download.saveAs(saved);
    // Every department of both reports has its workbook in it.
    const hint = await page.getByText(/その課の取組と検証結果だけのブック（\d+件/).textContent();
    const expected = Number(/（(\d+)件/.exec(hint ?? '')![1]);
    expect(expected).toBeGreaterThan(10);
    const zip = await JSZip.loadAsync(readFileSync(saved));
    const names = Object.keys(zip.files);
    expect(names).toHaveLength(expected);
    expect(names).toContain('秘書課.xlsx'); // 関市, the workbook itself
    expect(names).toContain('人事課.xlsx'); // 会津若松市, the added file
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await zip.file('人事課.xlsx')!.async('nodebuffer')) as unknown as ExcelJS.Buffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['集計', '取組一覧', '検証結果']);
    expect(outside).toEqual([]);
    expect(errors).toEqual([]);
  });
});
