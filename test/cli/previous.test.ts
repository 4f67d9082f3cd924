/**
 * `--previous LAST.xlsx` (issue 11): 関市's R3 report as last year and an R4 report built from it
 * (test/support/sekiR4.ts, where the edits are listed). Hand count, R3 → R4:
 *   順調 17 → 16 (▲1), やや遅れている 12 → 11 (▲1), 遅れている 2 → 3 (+1), 合計 31 → 30 (▲1)
 *   changed: 1 後退, 3 後退, 6 改善, 9 区分変更 (→ 対象外), 15 改善 (title edited), 22 後退, 28 改善;
 *   new 32; dropped 30.
 * Both writers carry the 前年度比較 sheet: the zip-level one (the command line's) and ExcelJS's.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { JsonResult } from '../../src/core/jsonResult';
import { readWorkbook, workbookFromInput, workbookToBytes, writePlan } from '../../src/xlsx';
import { runR4WithR3, sekiR3, sekiR4 } from '../support/sekiR4';
import { runCliCaptured } from '../support/cli';

/** The command line in this process, its lines captured (outputs stamped at a fixed time). */
const cli = (args: string[]) => runCliCaptured(args, new Date(Date.UTC(2023, 4, 10)));

const DIRECTION_OF: Readonly<Record<string, string>> = {
  改善: 'improved',
  後退: 'worsened',
  区分変更: 'recategorized',
  新規: 'added',
  終了: 'dropped',
};

const CHANGES = [
  ['1', '後退'],
  ['3', '後退'],
  ['6', '改善'],
  ['9', '区分変更'],
  ['15', '改善'],
  ['22', '後退'],
  ['28', '改善'],
  ['32', '新規'],
  ['30', '終了'],
];

/** Column A..I of a worksheet row, as text. */
function rowTexts(ws: import('exceljs').Worksheet, row: number, cols = 9): string[] {
  return Array.from({ length: cols }, (_, c) => {
    const v = ws.getRow(row).getCell(c + 1).value;
    if (v === null || v === undefined) return '';
    if (typeof v === 'object' && 'text' in v) return String(v.text);
    if (typeof v === 'object' && 'result' in v) return String(v.result);
    return String(v);
  });
}

describe('kaikaku-shukei --previous', () => {
  let dir: string;
  let r3: string;
  let r4: string;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kaikaku-prev-'));
    r3 = path.join(dir, 'seki_R3.xlsx');
    r4 = path.join(dir, 'seki_R4.xlsx');
    fs.writeFileSync(r3, await workbookToBytes(workbookFromInput(sekiR3())));
    fs.writeFileSync(r4, await workbookToBytes(workbookFromInput(sekiR4())));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('writes last year’s counts, the 増減 and the 前年度比較 sheet; the JSON carries both', async () => {
    const out = path.join(dir, 'out.xlsx');
    const json = path.join(dir, 'out.json');
    const r = await cli([r4, '--previous', r3, '-o', out, '--json', json]);
    expect(r.err).toEqual([]);
    expect(r.code).toBe(0);
    expect(r.out.join('\n')).toContain('順調');
    expect(r.out).toContain(
      '前年度（seki_R3.xlsx）との比較: 改善 3件、後退 3件、区分変更 1件、新規 1件、終了 1件',
    );
    expect(r.out.find((l) => l.includes('遅れている') && !l.includes('やや'))).toContain(
      '（前年度 2件、+1）',
    );

    const j = JSON.parse(fs.readFileSync(json, 'utf8')) as JsonResult;
    expect(j.summaries[0]!.total).toEqual({ 順調: 16, やや遅れている: 11, 遅れている: 3 });
    const c = j.comparison!;
    expect(c.previous).toEqual({ file: 'seki_R3.xlsx', reportYear: 2021 });
    expect(c.summaries[0]!.previous).toEqual({ 順調: 17, やや遅れている: 12, 遅れている: 2 });
    expect(c.summaries[0]!.change).toEqual({ 順調: -1, やや遅れている: -1, 遅れている: 1 });
    expect([c.summaries[0]!.previousCounted, c.summaries[0]!.changeCounted]).toEqual([31, -1]);
    expect(c.changes.map((x) => [(x.current ?? x.previous)!.number, x.directionLabel])).toEqual(CHANGES);
    expect(c.changes.find((x) => x.direction === 'dropped')!.previous).toMatchObject({
      sheet: '関市',
      title: 'マイナンバーカードの普及',
      category: '順調',
    });
    expect(j.output).toEqual({
      summary: '集計',
      list: '取組一覧',
      diagnostics: '検証結果',
      comparison: '前年度比較',
    });

    // The zip-level writer: the sheet is there, marked ours, and lists the changes.
    const back = await readWorkbook(new Uint8Array(fs.readFileSync(out)));
    expect(back.existing.map((s) => [s.name, s.owned, s.role ?? null])).toEqual([
      ['関市', false, null],
      ['集計', true, 'summary'],
      ['前年度比較', true, 'comparison'],
      ['取組一覧', true, 'list'],
      ['検証結果', true, 'diagnostics'],
    ]);
    const ws = back.workbook.getWorksheet('前年度比較')!;
    expect(rowTexts(ws, 4)).toEqual([
      '変化',
      '番号',
      '取組名',
      '所管課',
      '前年度の区分',
      '今年度の区分',
      '今年度のセル',
      '前年度のセル',
      '対応',
    ]);
    const rows = Array.from({ length: CHANGES.length }, (_, i) => rowTexts(ws, 5 + i));
    expect(rows.map((x) => [x[1], x[0]])).toEqual(CHANGES);
    expect(rows[3]!.slice(4, 6)).toEqual(['やや遅れている', '対象外']);
    expect(rows[8]![7]).toMatch(/^\[seki_R3\.xlsx\]関市!C\d+$/);
    // 集計: 前年度 and 増減 beside the counts, ▲ for minus.
    const sum = back.workbook.getWorksheet('集計')!;
    expect(rowTexts(sum, 8, 5)).toEqual(['区分', '件数', '割合', '前年度', '増減']);
    expect(rowTexts(sum, 9, 5).map((t) => t.replace(/^0\.\d+$/, 'share'))).toEqual([
      '順調',
      '16',
      'share',
      '17',
      '-1',
    ]);
    expect(sum.getRow(9).getCell(5).numFmt).toBe('#,##0;"▲"#,##0;0');
  });

  it('takes last year’s output workbook as last year: the same comparison', async () => {
    const lastOut = path.join(dir, 'seki_R3.集計.xlsx');
    expect((await cli([r3, '-o', lastOut])).code).toBe(0);
    const r = await cli([r4, '--previous', lastOut, '-o', path.join(dir, 'o2.xlsx'), '--json', '-']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out.join('\n')) as JsonResult;
    expect(j.comparison!.summaries[0]!.previous).toEqual({ 順調: 17, やや遅れている: 12, 遅れている: 2 });
    expect(j.comparison!.changes.map((x) => [(x.current ?? x.previous)!.number, x.directionLabel])).toEqual(
      CHANGES,
    );
  });

  it('replaces its own 前年度比較 when run again on its output', async () => {
    const first = path.join(dir, 'first.xlsx');
    const second = path.join(dir, 'second.xlsx');
    expect((await cli([r4, '--previous', r3, '-o', first])).code).toBe(0);
    expect((await cli([first, '--previous', r3, '-o', second])).code).toBe(0);
    const back = await readWorkbook(new Uint8Array(fs.readFileSync(second)));
    expect(back.existing.map((s) => s.name)).toEqual(['関市', '集計', '前年度比較', '取組一覧', '検証結果']);
  });

  it('refuses an output that is last year’s workbook, and a missing last year (exit 2, one line)', async () => {
    const same = await cli([r4, '--previous', r3, '-o', r3]);
    expect(same.code).toBe(2);
    expect(same.err).toHaveLength(1);
    expect(same.err[0]).toContain('前年度のブック');
    const json = await cli([r4, '--previous', r3, '-o', path.join(dir, 'x.xlsx'), '--json', r3]);
    expect(json.code).toBe(2);
    const missing = await cli([
      r4,
      '--previous',
      path.join(dir, 'ない.xlsx'),
      '-o',
      path.join(dir, 'y.xlsx'),
    ]);
    expect(missing.code).toBe(2);
    expect(missing.err[0]).toContain('ない.xlsx');
    expect(fs.existsSync(path.join(dir, 'y.xlsx'))).toBe(false);
  });

  it('the ExcelJS writer carries the 前年度比較 sheet too', async () => {
    const { plan } = await runR4WithR3();
    const read = await readWorkbook(new Uint8Array(fs.readFileSync(r4)));
    writePlan(read.workbook, plan);
    const back = await readWorkbook(await workbookToBytes(read.workbook));
    expect(back.existing.find((s) => s.name === '前年度比較')).toEqual({
      name: '前年度比較',
      owned: true,
      role: 'comparison',
    });
    const ws = back.workbook.getWorksheet('前年度比較')!;
    expect(rowTexts(ws, 5).slice(0, 2)).toEqual(['後退', '1']);
  });
  it('compares a folder of this year’s files with last year, leaving last year’s file in the folder out', async () => {
    const folder = path.join(dir, '各課');
    fs.mkdirSync(folder);
    fs.copyFileSync(r4, path.join(folder, 'seki_R4.xlsx'));
    const last = path.join(folder, 'seki_R3.xlsx');
    fs.copyFileSync(r3, last);
    const out = path.join(dir, 'folder.xlsx');
    const json = path.join(dir, 'folder.json');
    const r = await cli([folder, '--previous', last, '-o', out, '--json', json]);
    expect(r.err).toEqual([]);
    expect(r.code).toBe(0);
    const j = JSON.parse(fs.readFileSync(json, 'utf8')) as JsonResult;
    // Only this year's file is counted: last year's is not read as a second department's file.
    expect(j.summaries[0]!.total).toEqual({ 順調: 16, やや遅れている: 11, 遅れている: 3 });
    expect(j.diagnostics.filter((d) => d.code === 'DUPLICATE_ACROSS_FILES')).toEqual([]);
    expect(j.comparison!.changes.map((c) => [c.current?.number ?? c.previous?.number, c.direction])).toEqual(
      CHANGES.map(([n, d]) => [n, DIRECTION_OF[d!]]),
    );
    // Last year's file may not be an output of the same run.
    const refused = await cli([folder, '--previous', last, '-o', last]);
    expect(refused.code).toBe(2);
    expect(refused.err.join('\n')).toContain('前年度のブック');
  });
});
