/**
 * 関市 (seed 001, cards) end to end. The report opens with its own summary: 順調 17, やや遅れている 12,
 * 遅れている 2. Its 31 items say 順調 ×16, 達成 ×1 (item 27), やや遅れている ×12, 遅れている ×2; the office
 * counts 達成 under 順調. Per ●重点項目 (items 1–12, 13–18, 19–21, 22–24, 25–31), read from the cards:
 *   1: 順調 5, やや遅れている 6, 遅れている 1   2: 順調 3, やや遅れている 3   3: 順調 3
 *   4: 順調 1, やや遅れている 2                  5: 順調 5 (うち達成 1), やや遅れている 1, 遅れている 1
 */
import type { AnalysisResult } from '../../src/core/engine';
import { analyze } from '../../src/core/run';
import type { CellInput, WorkbookInput } from '../../src/core/workbook';
import { seedWorkbook, type SeedVariant } from '../support/seeds';

const VARIANTS: [string, SeedVariant][] = [
  ['as exported', {}],
  ['offset, merged, real numbers', { offset: { rows: 3, cols: 2 }, merge: true, realNumbers: true }],
  ['split every 50 rows', { splitEvery: 50 }],
  ['split every 37 rows, merged', { splitEvery: 37, merge: true }],
];

const PER_GROUP = [
  { 順調: 5, やや遅れている: 6, 遅れている: 1 },
  { 順調: 3, やや遅れている: 3, 遅れている: 0 },
  { 順調: 3, やや遅れている: 0, 遅れている: 0 },
  { 順調: 1, やや遅れている: 2, 遅れている: 0 },
  { 順調: 5, やや遅れている: 1, 遅れている: 1 },
];

describe.each(VARIANTS)('関市 (%s)', (_name, variant) => {
  let result: AnalysisResult;
  beforeAll(() => {
    result = analyze(seedWorkbook('001', variant));
  });

  it('reads every sheet as cards and finds 31 items numbered 1 to 31', () => {
    expect(result.sheets.every((s) => s.layout === 'cards')).toBe(true);
    expect(result.entries.map((e) => e.number)).toEqual(Array.from({ length: 31 }, (_, i) => String(i + 1)));
    expect(
      result.entries.every((e) => e.department !== '' && e.title !== '' && e.indicator !== undefined),
    ).toBe(true);
  });

  it('counts 順調 17 (うち達成 1), やや遅れている 12, 遅れている 2, 31 in all', () => {
    const [s, ...others] = result.summaries;
    expect(others).toEqual([]);
    expect(s!.title).toBe('達成状況');
    expect(s!.total).toEqual({ 順調: 17, やや遅れている: 12, 遅れている: 2 });
    expect(s!.detail).toEqual({ 達成: 1 });
    expect([s!.counted, s!.unclassified, s!.excluded]).toEqual([31, 0, 0]);
  });

  it('counts per 重点項目 as the items say', () => {
    const groups = result.summaries[0]!.groups;
    expect(groups.map((g) => g.path[0]!.slice(0, 5))).toEqual([
      '重点項目1',
      '重点項目2',
      '重点項目3',
      '重点項目4',
      '重点項目5',
    ]);
    expect(groups.map((g) => g.counts)).toEqual(PER_GROUP);
  });

  it('finds the title and year, and no error', () => {
    expect(result.title).toBe('せき行財政改革アクションプランⅢ');
    expect(result.reportYear).toBe(2021);
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('agrees with the stated summary', () => {
    expect(result.statedSummaries).toHaveLength(1);
    expect(result.statedSummaries[0]!.rows.map((r) => [r.label, r.count])).toEqual([
      ['順調', 17],
      ['やや遅れている', 12],
      ['遅れている', 2],
    ]);
    expect(result.diagnostics.filter((d) => d.code === 'STATED_SUMMARY_MISMATCH')).toEqual([]);
  });
});

describe('関市 with a stated count changed', () => {
  it('reports STATED_SUMMARY_MISMATCH at that cell with both numbers', () => {
    const wb = seedWorkbook('001');
    const sheet = wb.sheets[0]!;
    const r = sheet.cells.findIndex((row) => row[0] === 'やや遅れている' && row[1] === '12');
    const cells: CellInput[][] = sheet.cells.map((row, i) => (i === r ? ['やや遅れている', 13] : [...row]));
    const changed: WorkbookInput = { ...wb, sheets: [{ ...sheet, cells }] };
    const result = analyze(changed);
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([
      {
        code: 'STATED_SUMMARY_MISMATCH',
        severity: 'error',
        at: { sheet: sheet.name, row: r, col: 1 },
        value: '13',
        params: { label: 'やや遅れている', stated: 13, counted: 12, scheme: 'progress3' },
      },
    ]);
  });
});
