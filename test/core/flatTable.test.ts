import { soloContext } from '../../src/core/layouts/common';
import { DiagnosticBag, hasCode, type Diagnostic } from '../../src/core/diagnostics';
import { flatTableLayout } from '../../src/core/layouts/flatTable';
import type { LayoutContext } from '../../src/core/layouts/types';
import { analyze } from '../../src/core/run';
import { DEFAULT_SETTINGS, type Settings } from '../../src/core/settings';
import { Sheet } from '../../src/core/sheet';
import { sheetFromArray, type MergeArea } from '../../src/core/workbook';
import { card, FLAT_HEADER, flatRow, offset, type Grid } from './grids';

function parse(rows: Grid, merges: MergeArea[] = [], settings: Settings = DEFAULT_SETTINGS) {
  const diagnostics = new DiagnosticBag();
  const ctx: LayoutContext<'flatTable'> = soloContext(settings, diagnostics, null);
  const sheet = new Sheet(sheetFromArray('表', rows, merges.length > 0 ? { merges } : {}));
  return { result: flatTableLayout.parse(sheet, ctx), diagnostics: diagnostics.all };
}

const TITLE = ['「行政サービスの向上と財政基盤の強化に向けた取組」における令和3年度取組状況と総括'];
const SECTION1 = ['(1) 財政マネジメントの強化'];
const SECTION2 = ['(2) 行政サービスのオープン化・アウトソーシング等の推進'];

const brief = (r: {
  group: readonly string[];
  title: string;
  department: string;
  rawStatus: string;
  category: string | null;
}) => [r.group.join(' / '), r.title, r.department, r.rawStatus, r.category];

describe('flatTableLayout.detect', () => {
  it('is sure of a header row with a rating column, wherever it is', () => {
    const sheet = new Sheet(sheetFromArray('表', offset([TITLE, [], FLAT_HEADER], 4, 3)));
    expect(flatTableLayout.detect(sheet, DEFAULT_SETTINGS)).toBeGreaterThan(0.9);
  });

  it('needs a rating column and an item column', () => {
    const noRating = new Sheet(sheetFromArray('表', [['改革項目', '具体的取組', '内容', '所管課']]));
    expect(flatTableLayout.detect(noRating, DEFAULT_SETTINGS)).toBe(0);
    const cards = new Sheet(
      sheetFromArray('カード', card({ number: 1, title: 'a', department: '秘書課', status: '順調' })),
    );
    expect(flatTableLayout.detect(cards, DEFAULT_SETTINGS)).toBe(0);
  });
});

describe('flatTableLayout.parse', () => {
  it('reads rows with sections, continued 改革項目 and 具体的取組 cells, and several 所管課 rows', () => {
    const { result, diagnostics } = parse(
      offset(
        [
          TITLE,
          SECTION1,
          FLAT_HEADER,
          flatRow('①安定的・効率的な財政運営の推進', '中期財政見通しの策定', '財政課', 'A'),
          flatRow(null, '基金の積立と活用', '財政課', 'B'),
          flatRow('②歳入の増加に向けた取組', '使用料・手数料等の適正化', '上下水道局 経営企画課', 'A'),
          flatRow(null, null, 'こども保育課', '完了'),
          SECTION2,
          FLAT_HEADER,
          flatRow('①民間委託等の推進', '現業部門のアウトソーシングの推進', '人事課・財政課', 'Ａ'),
        ],
        2,
        1,
      ),
    );
    expect(diagnostics).toEqual([]);
    expect(result.entries.map(brief)).toEqual([
      [
        '(1) 財政マネジメントの強化 / ①安定的・効率的な財政運営の推進',
        '中期財政見通しの策定',
        '財政課',
        'A',
        'A',
      ],
      [
        '(1) 財政マネジメントの強化 / ①安定的・効率的な財政運営の推進',
        '基金の積立と活用',
        '財政課',
        'B',
        'B',
      ],
      [
        '(1) 財政マネジメントの強化 / ②歳入の増加に向けた取組',
        '使用料・手数料等の適正化',
        '上下水道局 経営企画課',
        'A',
        'A',
      ],
      [
        '(1) 財政マネジメントの強化 / ②歳入の増加に向けた取組',
        '使用料・手数料等の適正化',
        'こども保育課',
        '完了',
        '完了',
      ],
      [
        '(2) 行政サービスのオープン化・アウトソーシング等の推進 / ①民間委託等の推進',
        '現業部門のアウトソーシングの推進',
        '人事課・財政課',
        'Ａ',
        'A',
      ],
    ]);
    expect(result.entries[0]!.at).toEqual({ sheet: '表', row: 2 + 3, col: 1 + 6 });
    expect(result.entries[0]!.year).toBe(2021);
  });

  it('continues the same table and 改革項目 after a repeated page header and section heading', () => {
    const { result } = parse([
      TITLE,
      SECTION1,
      FLAT_HEADER,
      flatRow('④公共施設マネジメントの推進', '公共施設の長寿命化', '道路課', 'B'),
      [],
      TITLE,
      SECTION1,
      ['改革項目', '具体的取組', '内容', '所管課', 'R 3 取組状況', '総括', '最終評価'],
      flatRow(null, '公共施設の再編・複合化等の検討及び実施', '企画調整課', 'A'),
    ]);
    expect(result.entries.map((e) => e.group.join(' / '))).toEqual([
      '(1) 財政マネジメントの強化 / ④公共施設マネジメントの推進',
      '(1) 財政マネジメントの強化 / ④公共施設マネジメントの推進',
    ]);
  });

  it('finds the columns in any order', () => {
    const { result } = parse([
      ['最終評価', '所管課', '具体的取組', '改革項目'],
      ['B', '人事課', '職員数の適正管理', '③総人件費の抑制'],
    ]);
    expect(result.entries.map(brief)).toEqual([['③総人件費の抑制', '職員数の適正管理', '人事課', 'B', 'B']]);
  });

  it('reads a two-row header whose second row names more columns', () => {
    const { result, diagnostics } = parse([
      ['改革項目', '具体的取組', '所管課', 'R3', null, '評価'],
      [null, null, null, '取組状況', '総括', null],
      ['①財政', '基金の積立と活用', '財政課', '積み立てた。', '確保した。', 'B'],
    ]);
    expect(diagnostics).toEqual([]);
    expect(result.entries.map(brief)).toEqual([['①財政', '基金の積立と活用', '財政課', 'B', 'B']]);
  });

  it('does not take a legend of the ratings for report rows', () => {
    const { result, diagnostics } = parse([
      FLAT_HEADER,
      flatRow('①財政', '基金の積立と活用', '財政課', 'B'),
      [],
      ['A', '計画どおり進んでいる'],
      ['B', '概ね計画どおり'],
    ]);
    expect(diagnostics).toEqual([]);
    expect(result.entries).toHaveLength(1);
  });

  it('makes one entry per department pair of a multi-rating cell', () => {
    const { result } = parse([
      FLAT_HEADER,
      flatRow('①財政運営', '工事の発注・施工時期の平準化', '契約検査課・財政課', '契約検査課 A 財政課 B'),
    ]);
    expect(result.entries.map((e) => [e.department, e.rawStatus, e.category, e.at.row, e.at.col])).toEqual([
      ['契約検査課', 'A', 'A', 1, 6],
      ['財政課', 'B', 'B', 1, 6],
    ]);
  });

  it('lists "-" as 対象外, kept out of the counts', () => {
    const { result, diagnostics } = parse([
      FLAT_HEADER,
      flatRow('①窓口', 'コンビニ納付の拡大', '建築住宅課', '-'),
    ]);
    expect(diagnostics).toEqual([]);
    expect(result.entries[0]).toMatchObject({ rawStatus: '-', status: '対象外', excluded: true });
  });

  it('reports the seed-like slid row as SHIFTED_ROW and recovers its department and rating', () => {
    const { result, diagnostics } = parse([
      FLAT_HEADER,
      flatRow('①窓口サービスの改善', 'コンビニ交付の拡大', '税務課', 'B'),
      [
        '市民課',
        null,
        null,
        'デジタルサイネージでの広告やPRを実施した。',
        'PRを継続することにより交付率が増えた。',
        'A',
      ],
    ]);
    expect(diagnostics).toEqual([
      {
        code: 'SHIFTED_ROW',
        severity: 'warning',
        at: { sheet: '表', row: 2, col: 0 },
        to: { row: 2, col: 6 },
        value: '市民課',
        params: { shift: 3, expected: '改革項目', column: 'A', found: '市民課' },
      },
    ]);
    expect(result.entries.map(brief)).toEqual([
      ['①窓口サービスの改善', 'コンビニ交付の拡大', '税務課', 'B', 'B'],
      ['①窓口サービスの改善', 'コンビニ交付の拡大', '市民課', 'A', 'A'],
    ]);
    expect(result.entries[1]!.at).toEqual({ sheet: '表', row: 2, col: 5 });
  });

  it('reports a slid row whose rating cannot be recovered as an error, listing the entry unclassified', () => {
    const { result, diagnostics } = parse([
      FLAT_HEADER,
      flatRow('①窓口サービスの改善', 'コンビニ交付の拡大', '税務課', 'B'),
      ['市民課', null, null, 'デジタルサイネージでの広告やPRを実施した。', 'PRを継続した。'],
    ]);
    expect(diagnostics.map((d) => [d.code, d.severity, d.at.row, d.params])).toEqual([
      ['SHIFTED_ROW', 'error', 2, { shift: 3, expected: '改革項目', column: 'A', found: '市民課' }],
    ]);
    expect(result.entries[1]).toMatchObject({
      department: '市民課',
      title: 'コンビニ交付の拡大',
      category: null,
    });
  });

  it('reports a rating one column beside an empty rating column', () => {
    const { result, diagnostics } = parse([
      FLAT_HEADER,
      ['①財政運営', '基金の積立と活用', '内容', '財政課', '取組状況の説明', '総括の説明', null, 'A'],
    ]);
    expect(diagnostics.map((d) => [d.code, d.severity, d.params])).toEqual([
      ['SHIFTED_ROW', 'warning', { shift: 1, column: 'H', found: 'A' }],
    ]);
    // Outside the table's named columns there is no expected column: the message names the letter (messages.test.ts).
    expect(result.entries[0]).toMatchObject({ department: '財政課', category: 'A', at: { row: 1, col: 7 } });
  });

  it('does not take a "-" in another column for a slid rating, and reports the blank rating', () => {
    const { result, diagnostics } = parse([
      FLAT_HEADER,
      ['⑥公営企業会計', '公営企業会計の適用', '内容', '健康増進課', '-', '年次計画に沿って開始した。', null],
    ]);
    expect(diagnostics.map((d) => [d.code, d.severity, d.at.row, d.at.col, d.params])).toEqual([
      ['MISSING_STATUS', 'error', 1, 6, { title: '公営企業会計の適用', number: '' }],
    ]);
    expect(result.entries[0]).toMatchObject({ category: null, excluded: false });
  });

  it('reports UNKNOWN_STATUS with a suggestion', () => {
    const { diagnostics } = parse([FLAT_HEADER, flatRow('①', '取組', '財政課', '完了済み')]);
    expect(diagnostics.map((d) => [d.code, d.at.row, d.at.col, d.value, d.params])).toEqual([
      [
        'UNKNOWN_STATUS',
        1,
        6,
        '完了済み',
        { status: '完了済み', scheme: 'A / B / C / D / 完了', suggestion: '完了' },
      ],
    ]);
  });

  it('reads merged item cells and joins department rows under one merged rating', () => {
    const rows: Grid = [
      FLAT_HEADER,
      flatRow('①民間委託等の推進', '現業部門のアウトソーシング', '人事課', 'A'),
      flatRow(null, null, '廃棄物対策課', null),
      flatRow(null, null, '教育総務課', 'B'),
    ];
    const merges: MergeArea[] = [
      { top: 1, bottom: 3, left: 0, right: 0 },
      { top: 1, bottom: 3, left: 1, right: 1 },
      { top: 1, bottom: 2, left: 6, right: 6 },
    ];
    const { result, diagnostics } = parse(rows, merges);
    expect(diagnostics).toEqual([]);
    expect(result.entries.map((e) => [e.title, e.department, e.category])).toEqual([
      ['現業部門のアウトソーシング', '人事課・廃棄物対策課', 'A'],
      ['現業部門のアウトソーシング', '教育総務課', 'B'],
    ]);
  });

  it('gives a rating merged over rows of two 取組 to each of them', () => {
    const rows: Grid = [
      FLAT_HEADER,
      flatRow('②公共施設', '保健センターのあり方', '健康増進課', 'B'),
      flatRow(null, '学校給食施設の集約', '学校教育課', null),
    ];
    const { result, diagnostics } = parse(rows, [{ top: 1, bottom: 2, left: 6, right: 6 }]);
    expect(diagnostics).toEqual([]);
    expect(result.entries.map((e) => [e.title, e.department, e.category, e.at.row])).toEqual([
      ['保健センターのあり方', '健康増進課', 'B', 1],
      ['学校給食施設の集約', '学校教育課', 'B', 1],
    ]);
  });

  it('reads ratings typed as numbers with the scheme the settings give the layout', () => {
    const settings: Settings = {
      ...DEFAULT_SETTINGS,
      layoutSchemes: { ...DEFAULT_SETTINGS.layoutSchemes, flatTable: 'score3' },
    };
    const { result } = parse(
      [FLAT_HEADER, flatRow('①', '取組', '財政課', 3), flatRow(null, '取組2', '人事課', 1)],
      [],
      settings,
    );
    expect(result.entries.map((e) => [e.rawStatus, e.category, e.scheme])).toEqual([
      ['3', '目標達成に向けて順調', 'score3'],
      ['1', '遅れが生じている', 'score3'],
    ]);
  });

  it('takes extra header synonyms from the settings', () => {
    const settings: Settings = {
      ...DEFAULT_SETTINGS,
      labels: { flatTable: { status: ['判定'], title: ['取組事業'] } },
    };
    const { result } = parse(
      [
        ['取組事業', '担当課', '判定'],
        ['窓口改善', '市民課', 'B'],
      ],
      [],
      settings,
    );
    expect(result.entries.map(brief)).toEqual([['', '窓口改善', '市民課', 'B', 'B']]);
  });
});

describe('flat table over several sheets', () => {
  it('continues on a sheet without a header of its own, keeping the section and 改革項目', () => {
    const result = analyze({
      sheets: [
        sheetFromArray('P1', [
          SECTION1,
          FLAT_HEADER,
          flatRow('④公共施設マネジメントの推進', '公共施設の長寿命化', '農林課', 'B'),
        ]),
        sheetFromArray('P2', [
          flatRow(null, null, '道路課', 'A'),
          flatRow(null, '再編の検討', '企画調整課', 'A'),
        ]),
      ],
    });
    expect(result.sheets.map((s) => [s.name, s.layout, s.entries])).toEqual([
      ['P1', 'flatTable', 1],
      ['P2', 'flatTable', 2],
    ]);
    expect(result.entries.map((e) => [e.at.sheet, e.group.join(' / '), e.title, e.department])).toEqual([
      ['P1', '(1) 財政マネジメントの強化 / ④公共施設マネジメントの推進', '公共施設の長寿命化', '農林課'],
      ['P2', '(1) 財政マネジメントの強化 / ④公共施設マネジメントの推進', '公共施設の長寿命化', '道路課'],
      ['P2', '(1) 財政マネジメントの強化 / ④公共施設マネジメントの推進', '再編の検討', '企画調整課'],
    ]);
    expect(result.diagnostics).toEqual([]);
  });
});

describe('flatTableLayout: optional columns not found (issue 9)', () => {
  it('says when the table has no group column, instead of the per-group table silently disappearing', () => {
    const { result, diagnostics } = parse(
      offset(
        [
          ['具体的取組', '内容', '所管課', '最終評価'],
          ['中期財政見通しの策定', '見通しを作る。', '財政課', 'A'],
        ],
        2,
        1,
      ),
    );
    expect(result.entries.map((e) => e.category)).toEqual(['A']);
    expect(diagnostics.map((d) => [d.code, d.severity, d.at.sheet, d.at.row, d.at.col, d.params])).toEqual([
      [
        'COLUMN_NOT_FOUND',
        'info',
        '表',
        2,
        1,
        {
          column: '改革項目',
          words: '改革項目、推進項目、重点項目、取組方針、基本方針、施策、項目',
          setting: 'labels.flatTable.group',
        },
      ],
    ]);
  });

  it('names each missing optional column once, not on every repeated header', () => {
    const { diagnostics } = parse([
      ['改革項目', '最終評価', '内容'],
      ['①財政運営', 'A', '見通しを作る。'],
      ['改革項目', '最終評価', '内容'],
      ['②歳入', 'B', '使用料を見直す。'],
    ]);
    const column = (d: Diagnostic): string | null =>
      hasCode(d, 'COLUMN_NOT_FOUND') ? d.params.column : null;
    expect(diagnostics.map((d) => [d.code, d.at.row, column(d)])).toEqual([
      ['COLUMN_NOT_FOUND', 0, '改革項目'],
      ['COLUMN_NOT_FOUND', 0, '所管課'],
    ]);
  });
});
