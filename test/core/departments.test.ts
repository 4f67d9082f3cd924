/**
 * Per-department tables and send-back shares (issue 11 item 3) on 会津若松市 (seed 003).
 *
 * Hand count from the seed text (column 所管課 and 最終評価 of every data row naming these
 * departments; a cell with several ratings gives one per department, a joint 所管課 with one rating
 * stays joint):
 *   財政課: rows 8 A, 9 A, 10 A, 11 B, 19 (契約検査課 A 財政課 A) A, 31 A, 85 A → A 6, B 1 = 7, behind 1
 *   契約検査課: rows 19 A, 20 A → A 2, behind 0
 *   人事課: rows 48 B, 49 A, 50 A, 51 B, 94 A, 121 (人事課 B 教育総務課 B) B → A 3, B 3 = 6, behind 3
 *   人事課・財政課: row 102 A → A 1
 *   教育総務課: rows 104 A, 121 B → A 1, B 1 = 2, behind 1
 * abcd's categories behind plan are B, C and D.
 */
import { departmentShares, departmentTables, type DepartmentTable } from '../../src/core/departments';
import type { AnalysisResult } from '../../src/core/engine';
import { buildJsonResult } from '../../src/core/jsonResult';
import { planOutput } from '../../src/core/plan';
import { analyze } from '../../src/core/run';
import { resolveSettings, SettingsError } from '../../src/core/settingsIO';
import { seedWorkbook } from '../support/seeds';

const zero = { A: 0, B: 0, C: 0, D: 0, 完了: 0 };

function row(t: DepartmentTable, name: string) {
  const r = t.rows.find((x) => x.name === name);
  if (!r) throw new Error(`no row ${name} in ${t.rows.map((x) => x.name).join(', ')}`);
  return r;
}

describe('per 所管課 (会津若松市)', () => {
  let result: AnalysisResult;
  let table: DepartmentTable;
  beforeAll(() => {
    result = analyze(seedWorkbook('003'));
    const tables = departmentTables(result);
    expect(tables).toHaveLength(1);
    table = tables[0]!;
  });

  it('counts each department as the hand count', () => {
    expect(table.by).toBe('department');
    expect(table.behindCategories).toEqual(['B', 'C', 'D']);
    const hand: [string, Partial<typeof zero>, number, number][] = [
      ['財政課', { A: 6, B: 1 }, 7, 1],
      ['契約検査課', { A: 2 }, 2, 0],
      ['人事課', { A: 3, B: 3 }, 6, 3],
      ['人事課・財政課', { A: 1 }, 1, 0],
      ['教育総務課', { A: 1, B: 1 }, 2, 1],
    ];
    for (const [name, counts, total, behind] of hand) {
      const r = row(table, name);
      expect([name, r.counts, r.total, r.behind]).toEqual([name, { ...zero, ...counts }, total, behind]);
    }
  });

  it('adds up to the summary, every rating in exactly one row', () => {
    const s = result.summaries[0]!;
    const sum = (c: string) => table.rows.reduce((n, r) => n + (r.counts[c] ?? 0), 0);
    expect(Object.fromEntries(s.categories.map((c) => [c, sum(c)]))).toEqual(s.total);
    expect(table.rows.reduce((n, r) => n + r.excluded, 0)).toBe(s.excluded);
  });

  it('writes the table into 集計 with COUNTIFS over 取組一覧 whose cached values are the counts', () => {
    const plan = planOutput(result, [], { generatedAt: new Date(Date.UTC(2022, 4, 10)) });
    const sheet = plan.sheets.find((s) => s.role === 'summary')!;
    const at = sheet.rows.findIndex((r) => r[0]?.kind === 'text' && r[0].text.endsWith('（所管課別）'));
    expect(at).toBeGreaterThan(0);
    const header = sheet.rows.slice(at).find((r) => r[0]?.kind === 'text' && r[0].text === '所管課')!;
    expect(header.map((c) => (c?.kind === 'text' ? c.text : ''))).toEqual([
      '所管課',
      'A',
      'B',
      'C',
      'D',
      '完了',
      '合計',
      '遅れ',
      '遅れの割合',
    ]);
    const jinji = sheet.rows.find((r) => r[0]?.kind === 'text' && r[0].text === '人事課')!;
    const cached = jinji.map((c) => (c?.kind === 'formula' ? c.cached : null));
    expect(cached).toEqual([null, 3, 3, 0, 0, 0, 6, 3, 0.5]);
    expect(jinji[1]?.kind === 'formula' && jinji[1].formula).toMatch(/^COUNTIFS\('取組一覧'!.*"=人事課"/);
    // Below every chart of the sheet: nothing is covered.
    for (const c of sheet.charts ?? []) expect(at).toBeGreaterThanOrEqual(c.anchor.row + c.anchor.rows);
  });

  it('gives the tables in the JSON as an added field', () => {
    const json = buildJsonResult(result);
    const t = json.departments![0]!;
    const jinji = t.rows.find((r) => r.name === '人事課')!;
    expect([jinji.total, jinji.behind, jinji.behindShare]).toEqual([6, 3, 50]);
  });

  it('gives each department its items and the problems on their rows', () => {
    const shares = departmentShares(result);
    const shimin = shares.find((s) => s.name === '市民課')!;
    // The damaged 市民課 row (SHIFTED_ROW) goes back to 市民課, and to no department without an item on it.
    const shifted = result.diagnostics.find((d) => d.code === 'SHIFTED_ROW')!;
    expect(shimin.diagnostics).toContain(shifted);
    const owners = shares.filter((s) => s.diagnostics.includes(shifted)).map((s) => s.name);
    const onRow = new Set(
      result.entries
        .filter((e) => e.at.row === shifted.at.row && e.at.sheet === shifted.at.sheet)
        .map((e) => e.department),
    );
    expect(owners.sort()).toEqual([...onRow].sort());
    expect(shares.find((s) => s.name === '人事課')!.entries).toHaveLength(6);
  });
});

describe('per 部局 from the settings', () => {
  const settings = resolveSettings({
    departments: { 総務部: ['人事課', '契約検査課'], 財務部: ['財政 課'] },
  });

  it('counts the 所管課 under their 部局, in the settings’ order, others as written', () => {
    const [t] = departmentTables(analyze(seedWorkbook('003'), settings));
    expect(t!.by).toBe('division');
    expect(t!.rows.slice(0, 2).map((r) => [r.name, r.counts, r.total, r.behind])).toEqual([
      ['総務部', { ...zero, A: 5, B: 3 }, 8, 3],
      ['財務部', { ...zero, A: 6, B: 1 }, 7, 1],
    ]);
    expect(row(t!, '教育総務課').total).toBe(2);
  });

  it('refuses a 所管課 under two 部局 and a list that is not strings, naming the key', () => {
    const problems = (json: unknown): string[] => {
      try {
        resolveSettings(json);
      } catch (e) {
        if (e instanceof SettingsError) return e.problems.map((p) => `${p.path} ${p.code}`);
        throw e;
      }
      return [];
    };
    expect(problems({ departments: { 総務部: ['人事課'], 財務部: ['人事課'] } })).toEqual([
      'departments.財務部[0] DUPLICATE_WORD',
    ]);
    expect(problems({ departments: { 総務部: '人事課' } })).toEqual(['departments.総務部 NOT_STRINGS']);
    expect(problems({ department: {} })).toEqual(['department UNKNOWN_KEY']);
    expect(
      problems({ schemes: [{ id: 'x', name: 'x', categories: [{ label: 'a', behind: 'yes' }] }] }),
    ).toEqual(['schemes[0].categories[0].behind NOT_BOOLEAN']);
  });
});
