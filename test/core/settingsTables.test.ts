import { resolveSettings, SettingsError } from '../../src/core/index';
import { withTable } from '../../src/core/tableSettings';

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
    let problems: { path: string; code: string }[] = [];
    try {
      resolveSettings(bad);
    } catch (e) {
      if (!(e instanceof SettingsError)) throw e;
      problems = e.problems.map((p) => ({ path: p.path, code: p.code }));
    }
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
});
