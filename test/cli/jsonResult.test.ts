import { addr } from '../../src/core/address';
import { planOutput } from '../../src/core/engine';
import { buildJsonResult, sharePercent } from '../../src/core/jsonResult';
import { parseArgs, parseYearArg, UsageError } from '../../src/cli/args';
import { diag, entry, result } from '../plan/fixtures';

describe('buildJsonResult', () => {
  const entries = [
    entry({ group: ['g'], raw: '順調', status: '順調' }, 0),
    entry({ group: ['g'], raw: '達成', status: '達成' }, 1),
    entry({ group: ['g'], raw: '-', status: '対象外' }, 2),
    entry({ group: ['g'], raw: '順長', status: null }, 3),
    entry({ group: ['g'], raw: '順調', status: '順調', repeat: true }, 4),
  ];
  const r = result(entries, {
    diagnostics: [
      diag('SHIFTED_ROW', '報告', 174, 0, {
        to: { row: 174, col: 6 },
        value: '市民課',
        params: { shift: 3, expected: '改革項目', column: 'D', found: '市民課' },
      }),
    ],
    statedSummaries: [
      { at: addr('報告', 11, 0), rows: [{ label: '順調', count: 17, at: addr('報告', 12, 1) }] },
    ],
  });

  it('gives each entry its A1 cell, category and whether it was counted', () => {
    const j = buildJsonResult(r);
    expect(j.version).toBe(1);
    expect(j.entries.map((e) => [e.cell, e.category, e.status, e.excluded, e.counted])).toEqual([
      ['C11', '順調', '順調', false, true],
      ['C14', '順調', '達成', false, true],
      ['C17', '対象外', '対象外', true, false],
      ['C20', null, null, false, false],
      ['C23', '順調', '順調', false, false],
    ]);
    expect(j.entries[4]!.repeatOf).toEqual({ sheet: '報告', cell: 'C3' });
    expect(j.entries[0]).not.toHaveProperty('repeatOf');
  });

  it('gives the summaries with shares in percent to one decimal', () => {
    const [s] = buildJsonResult(r).summaries;
    expect(s).toMatchObject({
      scheme: 'progress3',
      categories: ['順調', 'やや遅れている', '遅れている'],
      total: { 順調: 2, やや遅れている: 0, 遅れている: 0 },
      shares: { 順調: 100, やや遅れている: 0, 遅れている: 0 },
      detail: { 達成: 1 },
      counted: 2,
      unclassified: 1,
      excluded: 1,
      repeats: 1,
    });
    expect(sharePercent(17, 31)).toBe(54.8);
    expect(sharePercent(0, 0)).toBe(0);
  });

  it('gives diagnostics with an A1 cell, the range, the message in the locale, and the plan’s own', () => {
    const plan = planOutput(r, [{ name: '集計', owned: false }], { generatedAt: new Date(0) });
    const j = buildJsonResult(r, { plan, locale: 'en' });
    expect(j.diagnostics[0]).toMatchObject({
      severity: 'warning',
      code: 'SHIFTED_ROW',
      sheet: '報告',
      cell: 'A175',
      range: 'A175:G175',
      value: '市民課',
    });
    expect(j.diagnostics[0]!.message).toContain('shifted by 3');
    expect(j.diagnostics[1]).toMatchObject({
      code: 'OUTPUT_NAME_TAKEN',
      severity: 'info',
      sheet: '集計',
      cell: 'A1',
    });
    expect(j.output).toEqual({ summary: '集計 (2)', list: '取組一覧', diagnostics: '検証結果' });
    expect(j.statedSummaries).toEqual([
      { sheet: '報告', cell: 'A12', rows: [{ label: '順調', count: 17, cell: 'B13' }] },
    ]);
  });
});

describe('parseArgs', () => {
  it('reads options before and after the input, with = or a separate value', () => {
    expect(parseArgs(['-o', 'out.xlsx', 'in.xlsx', '--json=r.json', '--year', 'R3', '--locale=en'])).toEqual({
      input: 'in.xlsx',
      output: 'out.xlsx',
      json: 'r.json',
      year: 2021,
      locale: 'en',
      help: false,
      version: false,
    });
    expect(parseArgs(['--', '-odd name.xlsx']).input).toBe('-odd name.xlsx');
  });

  it('reads fiscal years as offices write them', () => {
    expect(['2021', 'FY2021', 'R3', '令和3年度', 'Ｒ３', '令和元年度', 'H31'].map(parseYearArg)).toEqual([
      2021, 2021, 2021, 2021, 2021, 2019, 2019,
    ]);
    expect(parseYearArg('来年')).toBeNull();
  });

  it('rejects unknown options and missing values, and takes several inputs (issue 11)', () => {
    const problem = (argv: string[]) => {
      try {
        parseArgs(argv);
      } catch (e) {
        return e instanceof UsageError ? e.problem : 'other';
      }
      return 'none';
    };
    expect(problem(['a.xlsx', '--x'])).toBe('unknownOption');
    expect(problem(['a.xlsx', '--json'])).toBe('missingValue');
    expect(problem(['a.xlsx', 'b.xlsx'])).toBe('none');
    expect(parseArgs(['a.xlsx', '-o', 'x.xlsx', 'b.xlsx']).inputs).toEqual(['a.xlsx', 'b.xlsx']);
    expect(parseArgs(['--by-department', '返却', 'a.xlsx']).byDepartment).toBe('返却');
    expect(problem(['a.xlsx', '--locale', 'fr'])).toBe('badLocale');
  });
});
