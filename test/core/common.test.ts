import {
  conceptOf,
  findStatedSummaries,
  headingYear,
  looksLikeDepartment,
  looksLikeItemNumber,
  mergeSynonyms,
  splitYearLabel,
} from '../../src/core/layouts/common';
import { isSectionHeading } from '../../src/core/layouts/headings';
import { readReportMeta, readWorkbookMeta } from '../../src/core/reportMeta';
import { DEFAULT_SETTINGS } from '../../src/core/settings';
import { Sheet } from '../../src/core/sheet';
import { sheetFromArray } from '../../src/core/workbook';

describe('splitYearLabel', () => {
  it('separates the fiscal year from the words of a label', () => {
    expect(splitYearLabel('R3進捗状況')).toEqual({ key: '進捗状況', year: 2021 });
    expect(splitYearLabel('R 3 取組状況')).toEqual({ key: '取組状況', year: 2021 });
    expect(splitYearLabel('実績（R2）')).toEqual({ key: '実績', year: 2020 });
    expect(splitYearLabel('目標 (R5)')).toEqual({ key: '目標', year: 2023 });
    expect(splitYearLabel('令和元年度進捗状況')).toEqual({ key: '進捗状況', year: 2019 });
    expect(splitYearLabel('最終評価')).toEqual({ key: '最終評価', year: null });
  });
});

describe('conceptOf', () => {
  it('matches whole labels only, years ignored', () => {
    const syn = { status: ['進捗状況'], item: ['改革項目'] };
    expect(conceptOf('R3進捗状況', syn)).toBe('status');
    expect(conceptOf('進捗状況について・課題', syn)).toBeNull();
    expect(conceptOf('改 革 項 目', syn)).toBe('item');
  });
});

describe('mergeSynonyms', () => {
  it('puts the user words first and keeps new concepts', () => {
    const merged = mergeSynonyms(
      { status: ['進捗状況'] },
      { ...DEFAULT_SETTINGS, labels: { cards: { status: ['評点', '進捗状況'], extra: ['追加'] } } },
      'cards',
    );
    expect(merged).toEqual({ status: ['評点', '進捗状況'], extra: ['追加'] });
  });
});

describe('text shapes', () => {
  it('tells department names from other short texts', () => {
    for (const t of [
      '市民課',
      '上下水道局 経営企画課',
      '市民課 (とりまとめ)',
      '生涯学習総合センター',
      '企画調整課・市民課',
    ]) {
      expect([t, looksLikeDepartment(t)]).toEqual([t, true]);
    }
    for (const t of [
      '',
      'A',
      '窓口サービスの改善',
      'コンビニ交付のPRを継続した。',
      '①安定的・効率的な財政運営の推進',
    ]) {
      expect([t, looksLikeDepartment(t)]).toEqual([t, false]);
    }
  });

  it('tells item numbers from titles', () => {
    for (const t of ['1', '12', '10001', '５', '5-2', 'No.3', '①', '第3'])
      expect([t, looksLikeItemNumber(t)]).toEqual([t, true]);
    for (const t of ['①双方向性を意識した情報共有', '目標名', ''])
      expect([t, looksLikeItemNumber(t)]).toEqual([t, false]);
  });

  it('recognises section headings', () => {
    for (const t of [
      '(1) 財政マネジメントの強化',
      '（２）市民サービス',
      '■(3) 向上',
      '1. 総則',
      'Ⅱ 効率化',
    ]) {
      expect([t, isSectionHeading(t)]).toEqual([t, true]);
    }
    for (const t of ['①窓口サービスの改善', '重点項目1', '令和3年度'])
      expect([t, isSectionHeading(t)]).toEqual([t, false]);
  });

  it('reads the year of a report heading, not of a plan period or a date', () => {
    expect(headingYear('R3期末報告書')).toBe(2021);
    expect(headingYear('○令和3年度 進捗状況')).toBe(2021);
    expect(headingYear('江別市行政改革推進計画の取組状況 (令和3年度)')).toBe(2021);
    expect(headingYear('令和2年度～令和6年度')).toBeNull();
    expect(headingYear('令和2年3月（初版）')).toBeNull();
    expect(headingYear('せき行財政改革アクションプランⅢ')).toBeNull();
  });
});

describe('findStatedSummaries', () => {
  it('finds a label/count table anywhere and stops at the first row that is not a pair', () => {
    const sheet = new Sheet(
      sheetFromArray('表', [
        [],
        [null, null, '達成状況', '件数'],
        [null, null, '順調', 17],
        [null, null, 'やや遅れている', { value: 12, numberFormat: '#,##0' }],
        [null, null, '備考', 'なし'],
        [null, null, '遅れている', 2],
      ]),
    );
    const found = findStatedSummaries(sheet);
    expect(found).toHaveLength(1);
    expect(found[0]!.at).toEqual({ sheet: '表', row: 1, col: 2 });
    expect(found[0]!.rows.map((r) => [r.label, r.count, r.at.row, r.at.col])).toEqual([
      ['順調', 17, 2, 3],
      ['やや遅れている', 12, 3, 3],
    ]);
  });
});

describe('readReportMeta', () => {
  it('takes the first title-like heading and the first heading year', () => {
    const sheet = new Sheet(
      sheetFromArray('表', [
        [],
        ['SAP'],
        ['せき行財政改革アクションプランⅢ'],
        ['R3期末報告書'],
        ['達成状況', '件数'],
        ['順調', 17],
      ]),
    );
    expect(readReportMeta(sheet)).toEqual({ title: 'せき行財政改革アクションプランⅢ', year: 2021 });
  });

  it('skips section and group headings for the title', () => {
    const sheet = new Sheet(sheetFromArray('表', [['●重点項目1 行政運営'], ['(1) 財政'], ['改革項目', '1']]));
    expect(readReportMeta(sheet)).toEqual({ title: null, year: null });
  });

  it('uses the workbook name when no sheet has a title', () => {
    const sheet = new Sheet(sheetFromArray('表', [['改革項目', '1']]));
    expect(readWorkbookMeta([sheet], '/tmp/令和4年度 進捗報告.xlsx')).toEqual({
      title: '令和4年度 進捗報告',
      year: 2022,
    });
  });
});
