/**
 * Last year's comparison (issue 11 item 1) on 関市: the R3 report as last year, an R4 report built
 * from it by known edits (test/support/sekiR4.ts). The hand count:
 *
 *   R3  順調 17 (うち達成 1: item 27), やや遅れている 12, 遅れている 2; 31 counted
 *   R4  順調: R3's 17 − items 1, 3, 30 + items 6, 15          = 16   増減 ▲1
 *       やや遅れている: 12 − items 9, 15, 22 + items 1, 28    = 11   増減 ▲1
 *       遅れている: 2 − items 6, 28 + items 3, 22, 32          =  3   増減 +1
 *       counted 30 (▲1); 対象外 1 (item 9)
 *   per 重点項目 (R3 → R4):
 *       1 (1–12)  5/6/1 → 4/6/1      2 (13–18) 3/3/0 → 4/2/0     3 (19–21) 3/0/0 → 3/0/0
 *       4 (22–24) 1/2/0 → 1/1/1      5 (25–31) 5/1/1 → 4/2/1
 */
import { addr } from '../../src/core/address';
import {
  compareWithPrevious,
  directionOf,
  titleSimilarity,
  titleKey,
  type ItemSide,
} from '../../src/core/compare';
import type { AnalysisResult } from '../../src/core/engine';
import { hasCode } from '../../src/core/diagnostics';
import type { Entry } from '../../src/core/model';
import { analyze } from '../../src/core/run';
import { DEFAULT_SETTINGS } from '../../src/core/settings';
import { summarize } from '../../src/core/summary';
import { SEKI_GROUPS, runR4WithR3, sekiR3, sekiR4 } from '../support/sekiR4';

describe('comparison with last year: 関市 R3 → R4', () => {
  let r3: AnalysisResult;
  let r4: AnalysisResult;
  beforeAll(() => {
    r3 = analyze(sekiR3());
    r4 = analyze(sekiR4());
  });

  it('reads both years as the hand count says', () => {
    expect(r3.summaries[0]!.total).toEqual({ 順調: 17, やや遅れている: 12, 遅れている: 2 });
    expect(r4.summaries[0]!.total).toEqual({ 順調: 16, やや遅れている: 11, 遅れている: 3 });
    expect([r4.summaries[0]!.counted, r4.summaries[0]!.excluded]).toEqual([30, 1]);
    expect([r3.reportYear, r4.reportYear]).toEqual([2021, 2022]);
  });

  it('gives last year’s count and the 増減 per category, in total and per 重点項目', () => {
    const c = compareWithPrevious(r4, r3, 'seki_R3.xlsx');
    expect(c.summaries).toHaveLength(1);
    const s = c.summaries[0]!;
    expect(s.previous).toEqual({ 順調: 17, やや遅れている: 12, 遅れている: 2 });
    expect(s.change).toEqual({ 順調: -1, やや遅れている: -1, 遅れている: 1 });
    expect([s.previousCounted, s.changeCounted]).toEqual([31, -1]);
    expect(s.groups.map((g) => g.path[0]!.slice(0, 5))).toEqual(SEKI_GROUPS);
    expect(s.groups.map((g) => g.previous)).toEqual([
      { 順調: 5, やや遅れている: 6, 遅れている: 1 },
      { 順調: 3, やや遅れている: 3, 遅れている: 0 },
      { 順調: 3, やや遅れている: 0, 遅れている: 0 },
      { 順調: 1, やや遅れている: 2, 遅れている: 0 },
      { 順調: 5, やや遅れている: 1, 遅れている: 1 },
    ]);
    expect(r4.summaries[0]!.groups.map((g) => g.counts)).toEqual([
      { 順調: 4, やや遅れている: 6, 遅れている: 1 },
      { 順調: 4, やや遅れている: 2, 遅れている: 0 },
      { 順調: 3, やや遅れている: 0, 遅れている: 0 },
      { 順調: 1, やや遅れている: 1, 遅れている: 1 },
      { 順調: 4, やや遅れている: 2, 遅れている: 1 },
    ]);
    expect(s.groups.map((g) => g.previousTotal)).toEqual([12, 6, 3, 3, 7]);
  });

  it('lists the items whose status changed, was added or was dropped, with the direction', () => {
    const c = compareWithPrevious(r4, r3, 'seki_R3.xlsx');
    const rows = c.changes.map((x) => [
      (x.current ?? x.previous)!.number,
      x.direction,
      x.previous ? (x.previous.excluded ? '対象外' : x.previous.category) : null,
      x.current ? (x.current.excluded ? '対象外' : x.current.category) : null,
    ]);
    expect(rows).toEqual([
      ['1', 'worsened', '順調', 'やや遅れている'],
      ['3', 'worsened', '順調', '遅れている'],
      ['6', 'improved', '遅れている', '順調'],
      ['9', 'recategorized', 'やや遅れている', '対象外'],
      ['15', 'improved', 'やや遅れている', '順調'],
      ['22', 'worsened', 'やや遅れている', '遅れている'],
      ['28', 'improved', '遅れている', 'やや遅れている'],
      ['32', 'added', null, '遅れている'],
      ['30', 'dropped', '順調', null],
    ]);
    // Item 15 is matched although its title was edited, and says how.
    expect(c.changes[4]!.match).toBe('number');
    expect(c.matched).toBe(30);
  });

  it('reports the near matches, the new and the dropped items, naming sheet and cell of either year', () => {
    const c = compareWithPrevious(r4, r3, 'seki_R3.xlsx');
    const found = c.diagnostics.map((d) => [
      d.code,
      d.at.sheet,
      d.params && 'number' in d.params ? d.params.number : undefined,
    ]);
    expect(found).toEqual([
      ['PREVIOUS_MATCHED_NEAR', '関市', '2'],
      ['PREVIOUS_MATCHED_NEAR', '関市', '15'],
      ['PREVIOUS_NOT_FOUND', '関市', '32'],
      ['PREVIOUS_DROPPED', '[seki_R3.xlsx]関市', '30'],
    ]);
    const item30 = r3.entries.find((e) => e.number === '30')!;
    expect(c.diagnostics[3]!.at).toEqual(addr('[seki_R3.xlsx]関市', item30.at.row, item30.at.col));
    const near = c.diagnostics[0]!;
    expect(hasCode(near, 'PREVIOUS_MATCHED_NEAR') && near.params.previousTitle).toBe(
      '会計年度任用職員の効率的な配置',
    );
  });

  it('runs through the job: the result carries the comparison and its findings', async () => {
    const { result, plan } = await runR4WithR3();
    expect(result.comparison?.changes).toHaveLength(9);
    expect(result.diagnostics.filter((d) => d.code.startsWith('PREVIOUS_'))).toHaveLength(4);
    expect(plan.sheets.map((s) => s.role)).toContain('comparison');
  });
});

describe('matching rules', () => {
  const settings = DEFAULT_SETTINGS;
  let row = 0;
  const entry = (
    number: string,
    title: string,
    category: string | null,
    over: Partial<Entry> = {},
  ): Entry => ({
    at: addr('S', row++, 3),
    layout: 'flatTable',
    group: [],
    number,
    title,
    department: '',
    rawStatus: category ?? '',
    status: category,
    category,
    excluded: false,
    scheme: 'progress3',
    source: 'reported',
    ...over,
  });
  const result = (entries: Entry[]): AnalysisResult => ({
    settings,
    title: null,
    reportYear: null,
    sheets: [],
    entries,
    summaries: summarize(entries, settings),
    statedSummaries: [],
    diagnostics: [],
  });

  it('leaves an item with two candidates unmatched and reports it, never choosing one', () => {
    const prev = result([
      entry('5', '窓口業務の見直し', '順調'),
      entry('5', '窓口業務の見直し', 'やや遅れている'),
    ]);
    const cur = result([entry('5', '窓口業務の見直し', '遅れている')]);
    const c = compareWithPrevious(cur, prev, 'last.xlsx');
    expect(c.changes).toEqual([]);
    expect(c.diagnostics.map((d) => d.code)).toEqual(['PREVIOUS_AMBIGUOUS']);
    const amb = c.diagnostics[0]!;
    expect(hasCode(amb, 'PREVIOUS_AMBIGUOUS') && amb.params.candidates).toBe(
      '[last.xlsx]S!D1、[last.xlsx]S!D2',
    );
  });

  it('matches a renumbered item by its title alone, and says so', () => {
    const prev = result([entry('7', '公共施設の適正配置', '順調')]);
    const cur = result([entry('12', '公共施設の適正配置', 'やや遅れている')]);
    const c = compareWithPrevious(cur, prev, 'last.xlsx');
    expect(c.changes.map((x) => [x.direction, x.match])).toEqual([['worsened', 'title']]);
    expect(c.diagnostics.map((d) => d.code)).toEqual(['PREVIOUS_MATCHED_NEAR']);
  });

  it('does not match the same number under a different title: 終了 and 新規, both reported', () => {
    const prev = result([entry('3', '職員手当の見直し', '順調')]);
    const cur = result([entry('3', '電子申請の導入', '順調')]);
    const c = compareWithPrevious(cur, prev, 'last.xlsx');
    expect(c.changes.map((x) => x.direction)).toEqual(['added', 'dropped']);
    expect(c.diagnostics.map((d) => d.code)).toEqual(['PREVIOUS_NOT_FOUND', 'PREVIOUS_DROPPED']);
  });

  it('compares each status column with last year’s column of the same heading (実施状況, 達成度)', () => {
    const two = (n: string, impl: string, ach: string): Entry[] => [
      entry(n, `取組${n}`, impl, { scheme: 'implementation3', column: '実施状況' }),
      entry(n, `取組${n}`, ach, { scheme: 'achievement3', column: '達成度' }),
    ];
    const prev = result([...two('1', '取組中', '一部達成'), ...two('2', '未着手', '未達成')]);
    const cur = result([...two('1', '完了', '一部達成'), ...two('2', '取組中', '達成')]);
    expect(cur.summaries.map((x) => x.column)).toEqual(['実施状況', '達成度']);
    const c = compareWithPrevious(cur, prev, 'last.xlsx');
    expect(c.summaries.map((x) => [x.summary, x.previous, x.change])).toEqual([
      [0, { 完了: 0, 取組中: 1, 未着手: 1 }, { 完了: 1, 取組中: 0, 未着手: -1 }],
      [1, { 達成: 0, 一部達成: 1, 未達成: 1 }, { 達成: 1, 一部達成: 0, 未達成: -1 }],
    ]);
    expect(c.changes.map((x) => [x.summary, x.current!.number, x.direction])).toEqual([
      [0, '1', 'improved'],
      [0, '2', 'improved'],
      [1, '2', 'improved'],
    ]);
    expect(c.diagnostics).toEqual([]);
  });

  it('orders by the scheme (best first) and says 区分変更 where the order does not', () => {
    const s = (category: string | null, over: Partial<ItemSide> = {}): ItemSide => ({
      at: addr('S', 0, 0),
      number: '1',
      title: 't',
      department: '',
      group: [],
      rawStatus: category ?? '?',
      category,
      excluded: false,
      scheme: 'progress3',
      ...over,
    });
    expect(directionOf(s('順調'), s('遅れている'), settings)).toBe('improved');
    expect(directionOf(s('遅れている'), s('やや遅れている'), settings)).toBe('worsened');
    expect(directionOf(s('順調'), s('順調'), settings)).toBeNull();
    expect(directionOf(s(null), s('順調'), settings)).toBe('recategorized');
    expect(directionOf(s('A', { scheme: 'abcd' }), s('順調'), settings)).toBe('recategorized');
    // abcd: A–D are grades, 完了 is outside their order (listed after D, yet no worse than A).
    const abcd = (c: string) => s(c, { scheme: 'abcd' });
    expect(directionOf(abcd('B'), abcd('A'), settings)).toBe('worsened');
    expect(directionOf(abcd('A'), abcd('D'), settings)).toBe('improved');
    expect(directionOf(abcd('完了'), abcd('D'), settings)).toBe('recategorized');
    expect(directionOf(abcd('A'), abcd('完了'), settings)).toBe('recategorized');
  });

  it('measures titles on normalised text', () => {
    expect(titleKey('「書かない窓口づくり」の推進')).toBe(titleKey('書かない窓口づくりの推進'));
    expect(
      titleSimilarity(titleKey('観光施設のあり方の検討'), titleKey('観光施設の在り方の検討')),
    ).toBeGreaterThan(0.7);
    expect(titleSimilarity(titleKey('職員手当の見直し'), titleKey('電子申請の導入'))).toBeLessThan(0.5);
  });
});
