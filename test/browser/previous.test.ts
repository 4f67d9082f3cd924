/**
 * Last year's comparison in the browser preview (issue 11): 「前年度の報告を選ぶ」 takes 関市's R3
 * report, the R4 report built from it (test/support/sekiR4.ts) is opened and run in the page, and the
 * result shows last year's counts with the 増減 and the items that moved. Nothing leaves the page.
 */
import { writeFileSync } from 'fs';
import { join } from 'path';
import type { Page } from 'playwright-core';
import { workbookFromInput, workbookToBytes } from '../../src/xlsx';
import { sekiR3, sekiR4 } from '../support/sekiR4';
import type { PreviewPage } from './harness';
import { openPreviewPage, screenshotPath, tempDir } from './harness';

describe('the preview compares with last year’s report', () => {
  let preview: PreviewPage;
  let page: Page;
  let outside: string[];
  let errors: string[];

  beforeAll(async () => {
    preview = await openPreviewPage();
    ({ page, outside, errors } = preview);
  });

  afterAll(() => preview?.close());

  it('shows 前年度 and 増減 per category and lists the changed, new and dropped items', async () => {
    const dir = tempDir();
    const r3 = join(dir, 'seki_R3.xlsx');
    const r4 = join(dir, 'seki_R4.xlsx');
    writeFileSync(r3, await workbookToBytes(workbookFromInput(sekiR3())));
    writeFileSync(r4, await workbookToBytes(workbookFromInput(sekiR4())));

    await page.getByRole('button', { name: '前年度の報告を選ぶ' }).waitFor();
    await page.getByTestId('file-input').setInputFiles(r4);
    await page.getByTestId('previous-input').setInputFiles(r3);
    expect(await page.getByTestId('previous-name').textContent()).toBe('前年度：seki_R3.xlsx');
    await page.getByRole('button', { name: '集計', exact: true }).click();
    const section = page.getByTestId('comparison');
    await section.waitFor({ timeout: 30000 });

    const table = section.getByRole('table', { name: '達成状況の前年度との比較' });
    const rows = await table.locator('tbody tr').allInnerTexts();
    expect(rows.map((r) => r.split('\t').map((c) => c.trim()))).toEqual([
      ['順調', '16', '17', '▲1'],
      ['やや遅れている', '11', '12', '▲1'],
      ['遅れている', '3', '2', '+1'],
      ['合計', '30', '31', '▲1'],
    ]);
    const changes = await section.getByTestId('comparison-changes').locator('tbody tr').allInnerTexts();
    expect(
      changes.map((r) =>
        r
          .split('\t')
          .slice(0, 2)
          .map((c) => c.trim()),
      ),
    ).toEqual([
      ['後退', '1'],
      ['後退', '3'],
      ['改善', '6'],
      ['区分変更', '9'],
      ['改善', '15'],
      ['後退', '22'],
      ['改善', '28'],
      ['新規', '32'],
      ['終了', '30'],
    ]);
    await page.mouse.move(0, 0);
    await section.screenshot({ path: screenshotPath('taskpane-previous.png') });
    expect(errors).toEqual([]);
    expect(outside).toEqual([]);
  });
});
