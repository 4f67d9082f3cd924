/**
 * Issue 9: a reviewer's change to 判定区分 in 取組一覧 is kept. The next run counts it as the office's
 * own judgement (二次評価), marks the row, lists it in 検証結果 and says how many it carried; a word
 * the scheme does not know is reported, not applied. Through the command line (the file edited with
 * ExcelJS as a reviewer's program would, and re-saved by LibreOffice) and the Office adapter (fake host).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import ExcelJS from 'exceljs';
import { runCli } from '../../src/cli/run';
import type { JsonResult } from '../../src/core/jsonResult';
import { createFakeExcel, FakeWorkbook } from '../support/fakeExcel';
import { describeLO, resaveAsXlsx } from '../support/libreoffice';
import { AT, FOUR_CARDS as REPORT, runOffice, xlsxBytes } from './support';

const LIST = '取組一覧';

let dir = '';
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kaikaku-review-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

async function cli(input: string, out: string): Promise<{ json: JsonResult; lines: string[] }> {
  const json = path.join(dir, `${path.basename(out)}.json`);
  const lines: string[] = [];
  const code = await runCli([input, '-o', out, '--json', json], { out: (l) => lines.push(l), err: () => {} });
  expect(code).toBe(0);
  return { json: JSON.parse(fs.readFileSync(json, 'utf8')) as JsonResult, lines };
}

async function load(file: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb;
}

/** The list's header row (1-based) and each header's column. */
function headers(ws: ExcelJS.Worksheet): { row: number; col: Map<string, number> } {
  for (let r = 1; r <= 6; r++) {
    const col = new Map<string, number>();
    ws.getRow(r).eachCell((cell, c) => col.set(String(cell.value), c));
    if (col.has('判定区分') && col.has('番号')) return { row: r, col };
  }
  throw new Error('no list header');
}

/** The list row (1-based) of entry `number`. */
function rowOf(ws: ExcelJS.Worksheet, number: string): number {
  const h = headers(ws);
  for (let r = h.row + 1; r <= ws.rowCount; r++) {
    if (String(ws.getCell(r, h.col.get('番号')!).value) === number) return r;
  }
  throw new Error(`no row for ${number}`);
}

/** A reviewer types `word` into entry `number`'s 判定区分 and saves the file as `to`. */
async function review(from: string, to: string, number: string, word: string): Promise<void> {
  const wb = await load(from);
  const ws = wb.getWorksheet(LIST)!;
  ws.getCell(rowOf(ws, number), headers(ws).col.get('判定区分')!).value = word;
  await wb.xlsx.writeFile(to);
}

function counts(json: JsonResult): Readonly<Record<string, number>> {
  return json.summaries[0]!.total;
}

describe('the .xlsx path (command line)', () => {
  let first = '';
  beforeEach(async () => {
    const input = path.join(dir, 'report.xlsx');
    fs.writeFileSync(input, await xlsxBytes({ sheets: [REPORT] }));
    first = path.join(dir, 'first.xlsx');
    const { json } = await cli(input, first);
    expect(counts(json)).toMatchObject({ 順調: 2, やや遅れている: 1, 遅れている: 1 });
    expect(json.reviewedJudgements).toBe(0);
  });

  it('counts a changed 判定区分 as the office judgement, marks the row and lists it', async () => {
    const edited = path.join(dir, 'edited.xlsx');
    await review(first, edited, '2', '順調');
    const again = path.join(dir, 'again.xlsx');
    const { json, lines } = await cli(edited, again);
    expect(json.reviewedJudgements).toBe(1);
    expect(counts(json)).toMatchObject({ 順調: 3, やや遅れている: 0, 遅れている: 1 });
    const entry = json.entries.find((e) => e.number === '2')!;
    expect(entry).toMatchObject({
      category: '順調',
      reviewed: true,
      reportedCategory: 'やや遅れている',
      rawStatus: 'やや遅れている',
    });
    const d = json.diagnostics.filter((x) => x.code === 'REVIEWER_JUDGEMENT');
    expect(d).toHaveLength(1);
    expect(d[0]).toMatchObject({ severity: 'info', sheet: '関市', cell: entry.cell, value: '順調' });
    expect(d[0]!.params).toEqual({
      list: expect.stringMatching(new RegExp(`^${LIST}![A-Z]+\\d+$`)),
      before: 'やや遅れている',
      after: '順調',
      reported: 'やや遅れている',
      then: 'やや遅れている',
    });
    expect(lines).toContain('取組一覧から引き継いだ事務局の判定（二次評価）: 1件');

    const out = await load(again);
    const list = out.getWorksheet(LIST)!;
    const h = headers(list);
    const row = rowOf(list, '2');
    expect(list.getCell(row, h.col.get('判定区分')!).value).toBe('順調');
    expect(list.getCell(row, h.col.get('二次評価')!).value).toBe('○（報告：やや遅れている）');
    expect(list.getCell(rowOf(list, '1'), h.col.get('二次評価')!).value).toBeNull();
    expect(list.getColumn(h.col.get('改革集計の記録（編集しないでください）')!).hidden).toBe(true);
    const checks: string[] = [];
    out.getWorksheet('検証結果')!.eachRow((r) => checks.push(r.values.toString()));
    expect(checks.some((c) => c.includes('REVIEWER_JUDGEMENT') && c.includes('やや遅れている'))).toBe(true);

    // A third run keeps the office's judgement, although the cell now holds what the run wrote.
    const third = await cli(again, path.join(dir, 'third.xlsx'));
    expect(third.json.reviewedJudgements).toBe(1);
    expect(counts(third.json)).toMatchObject({ 順調: 3, やや遅れている: 0 });
  });

  it('reports a word the scheme does not know and does not apply it', async () => {
    const edited = path.join(dir, 'edited.xlsx');
    await review(first, edited, '2', '順長');
    const { json, lines } = await cli(edited, path.join(dir, 'again.xlsx'));
    expect(json.reviewedJudgements).toBe(0);
    expect(counts(json)).toMatchObject({ 順調: 2, やや遅れている: 1, 遅れている: 1 });
    const d = json.diagnostics.filter((x) => x.code === 'REVIEWER_JUDGEMENT_UNKNOWN');
    expect(d).toHaveLength(1);
    expect(d[0]).toMatchObject({ severity: 'warning', sheet: LIST, value: '順長' });
    expect(lines.some((l) => l.includes('二次評価'))).toBe(false);
  });

  it('keeps the office judgement when the report changes later, and says both values', async () => {
    const edited = path.join(dir, 'edited.xlsx');
    await review(first, edited, '2', '順調');
    // The department then sends a new status for card 2.
    const wb = await load(edited);
    const src = wb.getWorksheet('関市')!;
    let changed = 0;
    src.eachRow((row) =>
      row.eachCell((cell) => {
        if (cell.value === 'やや遅れている') {
          cell.value = '遅れている';
          changed++;
        }
      }),
    );
    expect(changed).toBe(1);
    const changedFile = path.join(dir, 'changed.xlsx');
    await wb.xlsx.writeFile(changedFile);
    const { json } = await cli(changedFile, path.join(dir, 'again.xlsx'));
    expect(json.reviewedJudgements).toBe(1);
    expect(counts(json)).toMatchObject({ 順調: 3, やや遅れている: 0, 遅れている: 1 });
    const d = json.diagnostics.filter((x) => x.code === 'REVIEWER_JUDGEMENT_REPORT_CHANGED');
    expect(d).toHaveLength(1);
    expect(d[0]).toMatchObject({ severity: 'warning', sheet: '関市' });
    expect(d[0]!.params).toMatchObject({ then: 'やや遅れている', reported: '遅れている', after: '順調' });
    expect(json.entries.find((e) => e.number === '2')).toMatchObject({ reportedCategory: '遅れている' });
  });

  describeLO('re-saved by LibreOffice', () => {
    it('still carries the judgement', async () => {
      const edited = path.join(dir, 'edited.xlsx');
      await review(first, edited, '4', 'やや遅れている');
      resaveAsXlsx(dir, [edited], path.join(dir, 'lo'));
      const { json } = await cli(path.join(dir, 'lo', 'edited.xlsx'), path.join(dir, 'again.xlsx'));
      expect(json.reviewedJudgements).toBe(1);
      expect(counts(json)).toMatchObject({ 順調: 2, やや遅れている: 2, 遅れている: 0 });
      expect(json.sheets.map((s) => s.name)).toEqual(['関市']);
    });
  });
});

describe('the Office adapter (fake host)', () => {
  it('counts a changed 判定区分 as the office judgement and marks the row', async () => {
    const wb = FakeWorkbook.fromInput({ sheets: [REPORT] });
    await runOffice(createFakeExcel(wb), AT);
    const grid = wb.grid(LIST);
    const header = grid.findIndex((r) => r.includes('判定区分'));
    const judged = grid[header]!.indexOf('判定区分');
    const record = grid[header]!.indexOf('改革集計の記録（編集しないでください）');
    expect(wb.sheet(LIST)!.hiddenColumns.has(record)).toBe(true);
    const row = grid.findIndex((r, i) => i > header && r[grid[header]!.indexOf('番号')] === '2');
    const cell = wb.sheet(LIST)!.cells.get(`${row}:${judged}`)!;
    expect(cell.value).toBe('やや遅れている');
    cell.value = '遅れている';

    const outcome = await runOffice(createFakeExcel(wb), AT);
    expect(outcome.result.reviewedJudgements).toBe(1);
    expect(outcome.result.summaries[0]!.total).toMatchObject({ 順調: 2, やや遅れている: 0, 遅れている: 2 });
    expect(outcome.result.diagnostics.filter((d) => d.code === 'REVIEWER_JUDGEMENT')).toHaveLength(1);
    const after = wb.grid(LIST);
    const mark = after[header]!.indexOf('二次評価');
    expect(after[row]![mark]).toBe('○（報告：やや遅れている）');
    expect(after[row]![judged]).toBe('遅れている');
  });
});
