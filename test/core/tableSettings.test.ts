import type { ColumnChoice, HeaderCell } from '../../src/core/tableSettings';
import { mappingProblems, tableDefFromMapping, tableId, withTable } from '../../src/core/tableSettings';

/** A sixth city's header row, not starting in column A, with a blank and an unused column. */
const HEADER: HeaderCell[] = [
  { col: 1, text: '番号' },
  { col: 2, text: '取組名' },
  { col: 3, text: '担当\n課' },
  { col: 4, text: '' },
  { col: 5, text: '重点改革項目' },
  { col: 6, text: ' 評価 ' },
  { col: 7, text: '備考' },
];

const CHOICES: Record<number, ColumnChoice> = {
  1: 'number',
  2: 'title',
  3: 'department',
  5: 'group',
  6: { status: 'sabc' },
  7: 'ignore',
};

describe('tableDefFromMapping', () => {
  it('makes one word per chosen column, status columns with their scheme, unchosen and ignored columns left out', () => {
    expect(tableDefFromMapping(HEADER, CHOICES, '  第六市 改革項目表 ', '改革項目')).toEqual({
      id: tableId('第六市 改革項目表'),
      name: '第六市 改革項目表',
      sheets: ['改革項目'],
      number: { words: ['番号'] },
      title: { words: ['取組名'] },
      department: { words: ['担当 課'] },
      group: { words: ['重点改革項目'] },
      statusColumns: [{ words: ['評価'], scheme: 'sabc', title: '評価' }],
    });
  });

  it('keeps every status column in column order, and no sheets key without a sheet', () => {
    const def = tableDefFromMapping(
      [
        { col: 0, text: '達成度' },
        { col: 1, text: '実施状況' },
      ],
      { 1: { status: 'implementation' }, 0: { status: 'achievement' } },
      'two',
    );
    expect(def).toEqual({
      id: 'two',
      name: 'two',
      statusColumns: [
        { words: ['達成度'], scheme: 'achievement', title: '達成度' },
        { words: ['実施状況'], scheme: 'implementation', title: '実施状況' },
      ],
    });
    expect('sheets' in def).toBe(false);
  });

  it('refuses a mapping with problems', () => {
    expect(() => tableDefFromMapping(HEADER, { 1: 'number' }, 'x')).toThrow(/NO_STATUS_COLUMN/);
  });
});

describe('mappingProblems', () => {
  it('finds none in a usable mapping', () => {
    expect(mappingProblems(HEADER, CHOICES, 'x')).toEqual([]);
  });

  it('names a concept chosen twice, a blank header chosen, a missing name and no status column', () => {
    expect(mappingProblems(HEADER, { 1: 'title', 2: 'title', 4: 'group' }, ' ')).toEqual([
      { code: 'NO_NAME' },
      { code: 'EMPTY_HEADER', col: 4 },
      { code: 'DUPLICATE_CONCEPT', concept: 'title', cols: [1, 2] },
      { code: 'NO_STATUS_COLUMN' },
    ]);
  });
});

describe('tableId', () => {
  it('is the name when the name is already an id, else a stable hash of it', () => {
    expect(tableId('City6')).toBe('city6');
    expect(tableId('第六市')).toMatch(/^table-[0-9a-f]{8}$/);
    expect(tableId('第六市')).toBe(tableId('第六市'));
    expect(tableId('第六市')).not.toBe(tableId('第七市'));
  });
});

describe('withTable', () => {
  const def = tableDefFromMapping(HEADER, CHOICES, 'city6');

  it('adds tables to settings that have none, keeping every other key', () => {
    const json = { reportYear: 2021, schemes: [{ id: 'sabc' }] };
    expect(withTable(json, def)).toEqual({ reportYear: 2021, schemes: [{ id: 'sabc' }], tables: [def] });
    expect(json).toEqual({ reportYear: 2021, schemes: [{ id: 'sabc' }] });
  });

  it('replaces a table with the same id in its place and appends a new one', () => {
    const other = { id: 'other', name: 'other', statusColumns: [] };
    const old = { ...def, name: 'old' };
    const replaced = withTable({ tables: [old, other] }, def);
    expect(replaced['tables']).toEqual([def, other]);
    const added = withTable({ tables: [other] }, def);
    expect(added['tables']).toEqual([other, def]);
  });
});
