/**
 * Several files in one run (issue 11 items 2 and 3): 関市's report split into one workbook per
 * 重点項目 — as each department would return its copy of the 調書 — counted from the folder, and
 * 会津若松市's report sent back per department.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { JsonResult } from '../../src/core/jsonResult';
import type { SheetInput } from '../../src/core/workbook';
import { readWorkbook, workbookFromInput, workbookToBytes } from '../../src/xlsx';
import { samplePath } from '../../scripts/build-seed-workbooks';
import { runCliCaptured } from '../support/cli';

/** The command line in this process, its lines captured (outputs stamped at a fixed time). */
const cli = (args: string[]) => runCliCaptured(args, new Date(Date.UTC(2022, 4, 10)));

function textOf(c: unknown): string {
  if (c === null || c === undefined) return '';
  if (typeof c === 'object' && 'value' in c) return String((c as { value: unknown }).value ?? '');
  return String(c);
}

/**
 * 関市's sheet cut at its 「●重点項目N」 headings: each file gets the report's title rows (down to
 * 「○令和3年度 進捗状況」, without the office's summary table) and the cards of one 重点項目.
 */
async function splitSeki(dir: string): Promise<Map<string, number>> {
  const read = await readWorkbook(new Uint8Array(fs.readFileSync(samplePath('001'))));
  const sheet = read.input.sheets[0]!;
  const rows = sheet.cells;
  const heading = (r: number): string | null => {
    const t = (rows[r] ?? []).map(textOf).find((x) => x.startsWith('●重点項目'));
    return t ? /^●重点項目(\d+)/.exec(t)![1]! : null;
  };
  const firstCard = rows.findIndex((_, r) => heading(r) !== null);
  const stated = rows.findIndex((r) => (r ?? []).map(textOf).includes('達成状況'));
  expect(stated).toBeGreaterThan(0);
  const title = rows.slice(0, stated);
  const parts = new Map<string, (typeof rows)[number][]>();
  let current = '';
  for (let r = firstCard; r < rows.length; r++) {
    current = heading(r) ?? current;
    const list = parts.get(current) ?? [];
    list.push(rows[r]!);
    parts.set(current, list);
  }
  const made = new Map<string, number>();
  for (const [n, cards] of parts) {
    const part: SheetInput = { name: sheet.name, cells: [...title, ...cards] };
    const file = `重点項目${n}.xlsx`;
    fs.writeFileSync(path.join(dir, file), await workbookToBytes(workbookFromInput({ sheets: [part] })));
    made.set(file, cards.filter((r) => (r ?? []).map(textOf).includes('改革項目')).length);
  }
  return made;
}

describe('kaikaku-shukei over a folder of departments’ files', () => {
  let dir: string;
  let folder: string;
  let made: Map<string, number>;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kaikaku-files-'));
    folder = path.join(dir, '各課');
    fs.mkdirSync(folder);
    made = await splitSeki(folder);
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('counts 関市 split per 重点項目 as the whole: 順調 17 / やや遅れている 12 / 遅れている 2, each entry in its file', async () => {
    expect(made.size).toBeGreaterThan(2);
    // What a real folder holds besides: Excel's lock file, a note, and an earlier output.
    fs.writeFileSync(path.join(folder, '~$重点項目1.xlsx'), 'lock');
    fs.writeFileSync(path.join(folder, 'メモ.txt'), 'memo');
    const out = path.join(folder, '全体.xlsx');
    const json = path.join(dir, 'r.json');
    const r = await cli([folder, '-o', out, '--json', json]);
    expect(r.err).toEqual([]);
    expect(r.code).toBe(0);
    const result = JSON.parse(fs.readFileSync(json, 'utf8')) as JsonResult;
    expect(result.summaries).toHaveLength(1);
    expect(result.summaries[0]!.total).toEqual({ 順調: 17, やや遅れている: 12, 遅れている: 2 });
    expect(result.reportYear).toBe(2021);
    expect(result.entries).toHaveLength(31);
    for (const e of result.entries) {
      expect(e.file).toBe(`重点項目${/重点項目(\d+)/.exec(e.group[0]!)![1]}.xlsx`);
    }
    for (const [file, cards] of made) {
      expect([file, result.entries.filter((e) => e.file === file).length]).toEqual([file, cards]);
    }
    expect(result.sheets.map((s) => s.file)).toEqual([...made.keys()].sort());
    // The note is listed, not fatal; the lock file is not read.
    expect(result.diagnostics.map((d) => [d.code, d.file])).toEqual([['FILE_NOT_WORKBOOK', 'メモ.txt']]);
    expect(r.out.join('\n')).toContain(`[重点項目1.xlsx]関市`);
    // 集計 names the sheets read as [file]sheet.
    const summary = (await readWorkbook(new Uint8Array(fs.readFileSync(out)))).workbook.getWorksheet('集計')!;
    expect(textOf(summary.getCell('A3').value)).toContain('[重点項目1.xlsx]関市');

    // 取組一覧 names the file and gives the cell as text (a link stays inside the output).
    const back = await readWorkbook(new Uint8Array(fs.readFileSync(out)));
    const list = back.existing.find((s) => s.name === '取組一覧');
    expect(list?.owned).toBe(true);
    const listSheet = back.workbook.getWorksheet('取組一覧')!;
    const header = (listSheet.getRow(3).values as unknown[]).map(textOf);
    const fileCol = header.indexOf('ファイル');
    const cellCol = header.indexOf('セル');
    expect(fileCol).toBeGreaterThan(0);
    expect(textOf(listSheet.getRow(4).getCell(fileCol).value)).toBe('重点項目1.xlsx');
    expect(listSheet.getRow(4).getCell(cellCol).hyperlink).toBeUndefined();

    // Run again on the same folder: the output inside it is ours and is not read as a department's.
    const again = await cli([folder, '-o', out, '--json', json]);
    expect(again.code).toBe(0);
    const second = JSON.parse(fs.readFileSync(json, 'utf8')) as JsonResult;
    expect(second.summaries[0]!.total).toEqual({ 順調: 17, やや遅れている: 12, 遅れている: 2 });
    expect(second.replacedSheets).toEqual(['集計', '取組一覧', '検証結果']);
  });

  it('reports an item given in two files, naming both, and a file that cannot be read, and counts the rest', async () => {
    const two = path.join(dir, 'two');
    fs.mkdirSync(two);
    const first = [...made.keys()][0]!;
    fs.copyFileSync(path.join(folder, first), path.join(two, first));
    fs.copyFileSync(path.join(folder, first), path.join(two, 'コピー.xlsx'));
    fs.writeFileSync(path.join(two, '壊れた.xlsx'), 'PK\u0003\u0004 not really a zip');
    const json = path.join(dir, 'two.json');
    const r = await cli([two, '-o', path.join(dir, 'two.xlsx'), '--json', json]);
    expect(r.code).toBe(0);
    expect(r.err).toHaveLength(1);
    expect(r.err[0]).toContain('壊れた.xlsx');
    const result = JSON.parse(fs.readFileSync(json, 'utf8')) as JsonResult;
    const dups = result.diagnostics.filter((d) => d.code === 'DUPLICATE_ACROSS_FILES');
    expect(dups).toHaveLength(made.get(first)!);
    for (const d of dups) {
      expect(d.file).toBe(first);
      expect(d.params?.['firstFile']).toBe('コピー.xlsx');
      expect(d.message).toContain('コピー.xlsx');
      expect(d.severity).toBe('error');
    }
    const unreadable = result.diagnostics.filter((d) => d.code === 'FILE_UNREADABLE');
    expect(unreadable.map((d) => d.params?.['file'])).toEqual(['壊れた.xlsx']);
    expect(result.entries).toHaveLength(2 * made.get(first)!);
  });

  it('reports a file whose report year differs from the others', async () => {
    const years = path.join(dir, 'years');
    fs.mkdirSync(years);
    const [a, b] = [...made.keys()];
    fs.copyFileSync(path.join(folder, a!), path.join(years, a!));
    const read = await readWorkbook(new Uint8Array(fs.readFileSync(path.join(folder, b!))));
    const sheet = read.input.sheets[0]!;
    // Last year's copy: 令和2年度 / R2 wherever this year's report says 令和3年度 / R3.
    const lastYear = (t: string): string => t.replace(/令和3年度/g, '令和2年度').replace(/R3/g, 'R2');
    const cells = sheet.cells.map((row) =>
      row.map((c) => (lastYear(textOf(c)) !== textOf(c) ? lastYear(textOf(c)) : c)),
    );
    fs.writeFileSync(
      path.join(years, b!),
      await workbookToBytes(workbookFromInput({ sheets: [{ name: sheet.name, cells }] })),
    );
    const json = path.join(dir, 'years.json');
    const r = await cli([
      path.join(years, a!),
      path.join(years, b!),
      '-o',
      path.join(dir, 'y.xlsx'),
      '--json',
      json,
    ]);
    expect(r.code).toBe(0);
    const result = JSON.parse(fs.readFileSync(json, 'utf8')) as JsonResult;
    const differs = result.diagnostics.filter((d) => d.code === 'FILE_YEAR_DIFFERS');
    expect(differs.map((d) => [d.file, d.params?.['year'], d.params?.['runYear']])).toEqual([
      [b, 2020, 2021],
    ]);
  });

  it('refuses an output that is one of the inputs, and several files without -o (exit 2)', async () => {
    const [a, b] = [...made.keys()].map((f) => path.join(folder, f));
    const same = await cli([a!, b!, '-o', b!]);
    expect(same.code).toBe(2);
    expect(same.err.join('')).toContain('入力のブック');
    const none = await cli([a!, b!]);
    expect(none.code).toBe(2);
    expect(none.err.join('')).toContain('-o');
    const missing = await cli([a!, path.join(folder, 'ない.xlsx'), '-o', path.join(dir, 'x.xlsx')]);
    expect(missing.code).toBe(2);
  });
});

describe('kaikaku-shukei --by-department (会津若松市)', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kaikaku-dept-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('writes one workbook per department with its items and its problems', async () => {
    const input = path.join(dir, 'aizu.xlsx');
    fs.copyFileSync(samplePath('003'), input);
    const back = path.join(dir, '返却');
    const json = path.join(dir, 'r.json');
    const r = await cli([input, '-o', path.join(dir, 'out.xlsx'), '--json', json, '--by-department', back]);
    expect(r.code).toBe(0);
    const result = JSON.parse(fs.readFileSync(json, 'utf8')) as JsonResult;
    const files = fs.readdirSync(back).sort();
    expect(files).toContain('人事課.xlsx');
    expect(files).toContain('人事課・財政課.xlsx');
    expect(r.out.join('\n')).toContain(`各課への返却用ブック: ${files.length}件`);

    // 人事課 (hand count in test/core/departments.test.ts): A 3, B 3.
    const jinji = await readWorkbook(new Uint8Array(fs.readFileSync(path.join(back, '人事課.xlsx'))));
    expect(jinji.existing.filter((s) => s.owned).map((s) => s.name)).toEqual([
      '集計',
      '取組一覧',
      '検証結果',
    ]);
    const list = jinji.workbook.getWorksheet('取組一覧')!;
    const header = (list.getRow(3).values as unknown[]).map(textOf);
    const deptCol = header.indexOf('所管課');
    const catCol = header.indexOf('判定区分');
    const rows: [string, string][] = [];
    for (let r2 = 4; r2 <= list.rowCount; r2++) {
      const dept = textOf(list.getCell(r2, deptCol).value);
      if (dept !== '') rows.push([dept, textOf(list.getCell(r2, catCol).value)]);
    }
    expect(rows.every(([d]) => d === '人事課')).toBe(true);
    expect(rows.map(([, c]) => c).sort()).toEqual(['A', 'A', 'A', 'B', 'B', 'B']);

    // The damaged 市民課 row's SHIFTED_ROW goes back to 市民課 (its 検証結果), and not to 人事課.
    const shimin = await readWorkbook(new Uint8Array(fs.readFileSync(path.join(back, '市民課.xlsx'))));
    const codes = (wb: typeof shimin): string[] => {
      const ws = wb.workbook.getWorksheet('検証結果')!;
      const out: string[] = [];
      ws.eachRow((row) => out.push(textOf(row.getCell(4).value)));
      return out;
    };
    expect(codes(shimin)).toContain('SHIFTED_ROW');
    expect(codes(jinji)).not.toContain('SHIFTED_ROW');
    expect(result.diagnostics.filter((d) => d.code === 'SHIFTED_ROW')).toHaveLength(1);
  });

  it('refuses a send-back folder that holds the input (exit 2), before writing anything', async () => {
    const input = path.join(dir, 'aizu2.xlsx');
    fs.copyFileSync(samplePath('003'), input);
    const out = path.join(dir, 'out2.xlsx');
    const r = await cli([input, '-o', out, '--by-department', dir]);
    expect(r.code).toBe(2);
    expect(r.err.join('')).toContain('入力のブックがあります');
    expect(fs.existsSync(out)).toBe(false);
  });
});
