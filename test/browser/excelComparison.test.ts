/**
 * The 前年度比較 sheet and 集計's 前年度 / 増減 columns written by the Office adapter (issue 11),
 * through Microsoft's excel-web-16.00.js against the local ProcessQuery endpoint: the plan for 関市's
 * R4 report compared with R3 (test/support/sekiR4.ts) goes through the same writePlan as any run.
 */
import type { Browser } from 'playwright-core';
import { runR4WithR3, sekiR4 } from '../support/sekiR4';
import { launchBrowser } from './harness';
import type { Failure } from './realExcel/realExcel';
import { callAdapter, withPage } from './realExcel/realExcel';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});
jest.setTimeout(120_000);

describe('the comparison with last year through excel-web-16.00.js', () => {
  it('writes 前年度比較 marked ours and 集計 with 前年度 / 増減 (▲ format)', async () => {
    const { plan } = await runR4WithR3();
    await withPage(browser, sekiR4(), async (page, excel) => {
      const got = await callAdapter<Partial<Failure>>(page, 'write', plan);
      expect(got.error).toBeUndefined();
      const wb = excel.endpoint.workbook;
      expect(wb.sheets.map((s) => s.name)).toEqual(['関市', '集計', '前年度比較', '取組一覧', '検証結果']);
      expect(wb.nameFormula('KaikakuShukei_comparison')).toBe('=前年度比較!$A$1');
      expect(wb.cell('前年度比較', 'A5')!.value).toBe('後退');
      expect(wb.cell('前年度比較', 'B5')!.value).toBe('1');
      expect(wb.cell('前年度比較', 'G5')!.hyperlink).toEqual({ documentReference: "'関市'!C28" });
      expect(wb.cell('前年度比較', 'H13')!.value).toMatch(/^\[seki_R3\.xlsx\]関市!C\d+$/);
      const grid = excel.snapshot().sheets.find((s) => s.name === '集計')!.grid;
      const row = grid.findIndex((r) => r[0] === '順調');
      expect(grid[row - 1]!.slice(0, 5)).toEqual(['区分', '件数', '割合', '前年度', '増減']);
      const e = `E${row + 1}`;
      expect(wb.cell('集計', e)!.formula).toBe(`=B${row + 1}-D${row + 1}`);
      expect(wb.cell('集計', e)!.numberFormat).toBe('#,##0;"▲"#,##0;0');
    });
  });
});
