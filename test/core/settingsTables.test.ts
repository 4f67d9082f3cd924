import { resolveSettings, SettingsError } from '../../src/core/index';
import type { SettingsProblem } from '../../src/core/settingsIO';
import { withTable } from '../../src/core/tableSettings';

/** The problems resolveSettings finds in `json`, none when it resolves. */
function problemsOf(json: unknown): readonly SettingsProblem[] {
  try {
    resolveSettings(json);
    return [];
  } catch (e) {
    if (!(e instanceof SettingsError)) throw e;
    return e.problems;
  }
}

/** The tables the task pane's 「表の列を指定」 saves are settings like any other: kept, and checked. */
describe('settings.tables', () => {
  const def = {
    id: 'dairoku',
    name: '第六市 評価表',
    sheets: ['取組一覧'],
    number: { words: ['通番'] },
    title: { words: ['改革の取組'] },
    statusColumns: [{ words: ['最終判定'], scheme: 'abcd' }],
  };

  it('keeps a table saved by the mapping form, so the stored settings still resolve', () => {
    const settings = resolveSettings(withTable({ reportYear: 2021 }, def));
    expect(settings.tables).toEqual([def]);
    expect(settings.reportYear).toBe(2021);
  });

  it('refuses a misspelt key, a bad id, an unknown scheme and a table without status columns, all at once', () => {
    const bad = {
      tables: [
        { ...def, id: 'Dai 6', titel: { words: ['x'] } },
        { ...def, id: 'other', statusColumns: [{ words: ['評価'], scheme: 'sabc' }] },
        { ...def, id: 'empty', statusColumns: [] },
      ],
    };
    const problems = problemsOf(bad).map((p) => ({ path: p.path, code: p.code }));
    expect(problems).toEqual(
      expect.arrayContaining([
        { path: 'tables[0].titel', code: 'UNKNOWN_KEY' },
        { path: 'tables[0].id', code: 'TABLE_ID' },
        { path: 'tables[1].statusColumns[0].scheme', code: 'UNKNOWN_SCHEME' },
        { path: 'tables[2].statusColumns', code: 'NO_STATUS_COLUMNS' },
      ]),
    );
    expect(problems).toHaveLength(4);
  });

  it('refuses a status column without a scheme, a column without words, and a word naming two columns', () => {
    const bad = {
      tables: [
        {
          ...def,
          title: { words: [] },
          department: { words: ['最終判定'] },
          statusColumns: [{ words: ['最終判定'], scheme: 'abcd' }, { words: ['前年度'] }],
        },
        { ...def, id: 'other', sheets: [] },
      ],
    };
    const problems = problemsOf(bad);
    expect(problems.map((p) => [p.path, p.code])).toEqual([
      ['tables[0].title.words', 'EMPTY_LIST'],
      ['tables[0].statusColumns[1].scheme', 'NO_SCHEME'],
      ['tables[1].sheets', 'EMPTY_LIST'],
    ]);
    // The schemes it may name are listed.
    expect(problems[1]!.params['schemes']).toContain('"abcd"');
    const twice = {
      tables: [{ ...def, department: { words: ['最終 判定'] } }],
    };
    const dup = problemsOf(twice).map((p) => ({ path: p.path, code: p.code }));
    expect(dup).toEqual([{ path: 'tables[0].statusColumns[0].words', code: 'DUPLICATE_WORD' }]);
  });
});
