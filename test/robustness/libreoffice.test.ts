/**
 * The hostile names and texts checked by a real spreadsheet program: LibreOffice opens the output with
 * every cached count in 集計 overwritten by 999, recalculates on load, and must find the engine's
 * counts — so the COUNTIFS over a list sheet named 「取組'一覧 !」, with criteria quoting formula-looking
 * text and wildcards, really count. Runs where soffice is installed, and always in CI.
 */
import ExcelJS from 'exceljs';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { analyze } from '../../src/core/engine';
import { DEFAULT_SETTINGS } from '../../src/core/settings';
import type { WorkbookInput } from '../../src/core/workbook';
import { workbookToBytes } from '../../src/xlsx';
import { card, runXlsx, xlsxBytes, type Row } from './support';
import { describeLO, exportRecalculatedCsv, parseCsv } from '../support/libreoffice';

const GROUPS = ["●重点項目1 =cmd|' /C calc'!A0", '●重点項目2 *と?と~の見出し', '●重点項目3 "引用" @SUM(A1)'];
const NAMES = ["O'Neil 課の報告!", "報告 'A' 版", '報告 (1)!A1'];
const STATUSES = [
  ['順調', '順調', 'やや遅れている'],
  ['遅れている', '達成', '順調'],
  ['順調', 'やや遅れている', '順調'],
];

function input(): WorkbookInput {
  return {
    sheets: NAMES.map((name, s) => {
      const rows: Row[] = [];
      STATUSES[s]!.forEach((status, i) => {
        rows.push([GROUPS[i]!], ...card(String(s * 10 + i + 1), `取組${s}-${i}`, '秘書課', status));
      });
      return { name, cells: rows };
    }),
  };
}

const settings = {
  ...DEFAULT_SETTINGS,
  output: { ...DEFAULT_SETTINGS.output, listSheet: "取組'一覧 !", summarySheet: '集計 (R3)' },
};

describeLO('LibreOffice recalculates the counts over hostile sheet names and texts', () => {
  jest.setTimeout(300000);

  it('gives the engine’s counts in total and per group', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kaikaku-lo-hostile-'));
    try {
      const { out, plan } = await runXlsx(await xlsxBytes(input()), undefined, settings);
      const result = analyze(input(), settings);
      const summaryName = plan.sheets[0]!.name;
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(out as unknown as ArrayBuffer);
      wb.getWorksheet(summaryName)!.eachRow((row) =>
        row.eachCell((cell) => {
          if (cell.type === ExcelJS.ValueType.Formula)
            cell.value = { formula: cell.formula, result: 999 } as ExcelJS.CellFormulaValue;
        }),
      );
      const file = path.join(dir, 'hostile.xlsx');
      fs.writeFileSync(file, await workbookToBytes(wb));
      const sheetNumber = wb.worksheets.findIndex((w) => w.name === summaryName) + 1;

      exportRecalculatedCsv(dir, [file], sheetNumber, dir);
      const csv = fs.readdirSync(dir).find((f) => f.endsWith('.csv'))!;
      const rows = parseCsv(fs.readFileSync(path.join(dir, csv), 'utf8'));
      expect(JSON.stringify(rows)).not.toContain('999');

      const s = result.summaries[0]!;
      const head = rows.findIndex((x) => x[0] === '区分' && x[1] === '件数');
      for (const cat of s.categories) {
        const row = rows.find((x, i) => i > head && x[0]?.trim() === cat);
        expect({ cat, n: row?.[1] }).toEqual({ cat, n: String(s.total[cat] ?? 0) });
      }
      const bhead = rows.findIndex((x, i) => i > head && x[0] === '区分' && x[1] === s.categories[0]);
      expect(bhead).toBeGreaterThan(head);
      for (const g of s.groups.filter((x) => x.path.length === 1)) {
        const row = rows.find((x, i) => i > bhead && x[0] === g.path[0]);
        expect(row).toBeDefined();
        s.categories.forEach((cat, k) =>
          expect({ g: g.path[0], cat, n: row![k + 1] }).toEqual({
            g: g.path[0],
            cat,
            n: String(g.counts[cat] ?? 0),
          }),
        );
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
