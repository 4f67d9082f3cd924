import { soloContext } from '../../src/core/layouts/common';
import { DiagnosticBag } from '../../src/core/diagnostics';
import { cardsLayout } from '../../src/core/layouts/cards';
import type { LayoutContext } from '../../src/core/layouts/types';
import { analyze } from '../../src/core/run';
import { DEFAULT_SETTINGS, type Settings } from '../../src/core/settings';
import { Sheet } from '../../src/core/sheet';
import { sheetFromArray, type CellInput, type MergeArea } from '../../src/core/workbook';
import { card, FLAT_HEADER, flatRow, offset, type Grid } from './grids';

function parse(rows: Grid, merges: MergeArea[] = [], settings: Settings = DEFAULT_SETTINGS) {
  const diagnostics = new DiagnosticBag();
  const ctx: LayoutContext<'cards'> = soloContext(settings, diagnostics, null);
  const sheet = new Sheet(sheetFromArray('カード', rows, merges.length > 0 ? { merges } : {}));
  const parsed = cardsLayout.parse(sheet, ctx);
  // A card still open at the sheet's end waits for the next sheet; with none, finish() closes it.
  const closed = cardsLayout.finish!({ ...ctx, carry: parsed.carry ?? {} });
  const result = { ...parsed, entries: [...parsed.entries, ...closed.entries] };
  return { result, diagnostics: diagnostics.all, sheet };
}

const heading1 = ['●重点項目1 経営の視点に立った行政運営の推進'];
const heading2 = ['●重点項目2 将来を見据えた健全な財政運営'];

describe('cardsLayout.detect', () => {
  it('is sure of a sheet of cards with status labels', () => {
    const sheet = new Sheet(
      sheetFromArray('カード', [
        ...card({ number: 1, title: '業務の協力体制', department: '秘書課', status: '順調' }),
      ]),
    );
    expect(cardsLayout.detect(sheet, DEFAULT_SETTINGS)).toBeGreaterThanOrEqual(0.9);
  });

  it('does not claim a flat table or prose', () => {
    const flat = new Sheet(sheetFromArray('表', [FLAT_HEADER, flatRow('①財政', '予算', '財政課', 'A')]));
    expect(cardsLayout.detect(flat, DEFAULT_SETTINGS)).toBe(0);
    const prose = new Sheet(sheetFromArray('メモ', [['取組項目', '①双方向性を意識した情報共有の推進']]));
    expect(cardsLayout.detect(prose, DEFAULT_SETTINGS)).toBe(0);
  });
});

describe('cardsLayout.parse', () => {
  it('reads cards that start away from A1, with groups, sliding department cells and statuses', () => {
    const grid = offset(
      [
        heading1,
        [],
        ...card({
          number: 1,
          title: '一時的に増大する業務への協力体制',
          department: '秘書課',
          status: '順調',
          gap: true,
        }),
        heading2,
        ...card({ number: '２', title: '補助金交付基準の見直し', department: '財政課', status: '達成' }),
      ],
      3,
      2,
    );
    const { result, diagnostics } = parse(grid);
    expect(diagnostics).toEqual([]);
    expect(
      result.entries.map((e) => [e.number, e.title, e.department, e.group[0], e.status, e.category]),
    ).toEqual([
      [
        '1',
        '一時的に増大する業務への協力体制',
        '秘書課',
        '重点項目1 経営の視点に立った行政運営の推進',
        '順調',
        '順調',
      ],
      ['2', '補助金交付基準の見直し', '財政課', '重点項目2 将来を見据えた健全な財政運営', '達成', '順調'],
    ]);
    // The status cell: under the R3進捗状況 label, moved with the grid (label at row 3+2+5, col 2+2).
    const first = result.entries[0]!;
    expect(first.at).toEqual({ sheet: 'カード', row: 3 + 2 + 6, col: 4 });
    expect(first.year).toBe(2021);
  });

  it('reads the 数値目標 sub-table with years from its headers, units and directions', () => {
    const { result } = parse([
      ...card({
        number: 16,
        title: '徴収事務体制の強化',
        department: '税務課',
        status: 'やや遅れている',
        indicator: ['債権全体の未収金額', '円', '949,451,676 (R2.6.1現在)', '854,506,508 (10%縮減)'],
      }),
      ...card({
        number: 30,
        title: 'マイナンバーカードの普及',
        department: '市民課',
        status: '順調',
        indicator: [
          '取得率',
          '%',
          { value: 0.18, numberFormat: '0.0%' },
          { value: 0.33, numberFormat: '0.0%' },
        ],
      }),
      ...card({
        number: 1,
        title: '協力体制',
        department: '秘書課',
        status: '順調',
        indicator: ['時間外勤務希望者', '人', '—', 20],
      }),
    ]);
    expect(result.entries.map((e) => e.indicator)).toEqual([
      {
        name: '債権全体の未収金額',
        unit: '円',
        baseline: 949451676,
        target: 854506508,
        actual: null,
        direction: 'decrease',
        baselineYear: 2020,
        targetYear: 2023,
      },
      {
        name: '取得率',
        unit: '%',
        baseline: 18,
        target: 33,
        actual: null,
        direction: 'increase',
        baselineYear: 2020,
        targetYear: 2023,
      },
      {
        name: '時間外勤務希望者',
        unit: '人',
        baseline: null,
        target: 20,
        actual: null,
        direction: null,
        baselineYear: 2020,
        targetYear: 2023,
      },
    ]);
  });

  it('keeps a number whose own unit differs from the unit column as written', () => {
    const { result } = parse(
      card({
        number: 12,
        title: '施設利用',
        department: '生涯学習課',
        status: '順調',
        indicator: ['施設利用者数', '人', '60万人', '5%増 63万人'],
      }),
    );
    expect(result.entries[0]!.indicator).toMatchObject({
      baseline: '60万人',
      target: '5%増 63万人',
      direction: 'increase',
    });
  });

  it('finds the department after an explicit 所管課 label, and a status right of its label', () => {
    const { result, diagnostics } = parse([
      ['改革項目', 'No.5', '庁舎機能の見直し', '所管課', '秘書課'],
      ['令和3年度進捗状況', 'やや遅れている'],
    ]);
    expect(diagnostics).toEqual([]);
    expect(result.entries[0]).toMatchObject({
      number: 'No.5',
      department: '秘書課',
      status: 'やや遅れている',
      year: 2021,
      at: { row: 1, col: 1 },
    });
  });

  it('takes the status of the year judged when a card shows several years', () => {
    const rows: Grid = [
      ['改革項目', 9, '消防団組織の見直し', '危機管理課'],
      ['R2進捗状況', null, 'R3進捗状況'],
      ['順調', null, 'やや遅れている'],
    ];
    const latest = parse(rows).result.entries[0]!;
    expect([latest.category, latest.year, latest.at.col]).toEqual(['やや遅れている', 2021, 2]);
    const diagnostics = new DiagnosticBag();
    const sheet = new Sheet(sheetFromArray('カード', rows));
    const ctx: LayoutContext<'cards'> = soloContext(DEFAULT_SETTINGS, diagnostics, 2020);
    const r2 = cardsLayout.parse(sheet, ctx).entries[0]!;
    expect([r2.category, r2.year, r2.at.col]).toEqual(['順調', 2020, 0]);
  });

  it('reports MISSING_STATUS for the year judged even when an earlier year is filled', () => {
    const { result, diagnostics } = parse([
      ['改革項目', 9, '消防団組織の見直し', '危機管理課'],
      ['R2進捗状況', null, 'R3進捗状況'],
      ['順調'],
      ['R3取組内容', '…'],
    ]);
    expect(diagnostics.map((d) => [d.code, d.at.row, d.at.col])).toEqual([['MISSING_STATUS', 2, 2]]);
    expect(result.entries[0]).toMatchObject({ category: null, year: 2021 });
  });

  it('reads a status written in the label cell itself', () => {
    const { result, diagnostics } = parse([
      ['改革項目', 8, '自治組織のあり方', '市民協働課'],
      ['R3進捗状況：やや遅れている'],
    ]);
    expect(diagnostics).toEqual([]);
    expect(result.entries[0]).toMatchObject({
      rawStatus: 'やや遅れている',
      category: 'やや遅れている',
      at: { row: 1, col: 0 },
    });
  });

  it('reads merged cells: a title merged over two columns and a label merged over two rows', () => {
    const rows: Grid = [
      ['改革項目', 3, '職員手当の見直し', null, '秘書課'],
      ['R3目標', '規則改正', 'R3進捗状況'],
      [null, null, '順調'],
    ];
    const merges: MergeArea[] = [
      { top: 0, bottom: 0, left: 2, right: 3 },
      { top: 1, bottom: 2, left: 0, right: 0 },
      { top: 1, bottom: 2, left: 1, right: 1 },
    ];
    const { result } = parse(rows, merges);
    expect(result.entries[0]).toMatchObject({
      number: '3',
      title: '職員手当の見直し',
      department: '秘書課',
      status: '順調',
    });
  });

  it('takes the stated summary table near the top', () => {
    const { result } = parse([
      ['○令和3年度 進捗状況'],
      [],
      ['達成状況', '件数'],
      ['順調', 17],
      ['やや遅れている', '12'],
      ['遅れている', '2件'],
      [],
      ...card({ number: 1, title: '協力体制', department: '秘書課', status: '順調' }),
    ]);
    expect(result.statedSummaries).toEqual([
      {
        at: { sheet: 'カード', row: 2, col: 0 },
        rows: [
          { label: '順調', count: 17, at: { sheet: 'カード', row: 3, col: 1 } },
          { label: 'やや遅れている', count: 12, at: { sheet: 'カード', row: 4, col: 1 } },
          { label: '遅れている', count: 2, at: { sheet: 'カード', row: 5, col: 1 } },
        ],
      },
    ]);
  });

  it('reports MISSING_STATUS under the label, or at the number when the label is missing', () => {
    const { result, diagnostics } = parse([
      ...card({ number: 1, title: '空欄の項目', department: '秘書課' }),
      ...card({ number: 2, title: 'ラベルのない項目', department: '秘書課', statusLabel: null }),
    ]);
    expect(diagnostics.map((d) => [d.code, d.severity, d.at.row, d.at.col, d.params])).toEqual([
      ['MISSING_STATUS', 'error', 6, 2, { title: '空欄の項目', number: '1' }],
      ['MISSING_STATUS', 'error', 8, 1, { title: 'ラベルのない項目', number: '2' }],
    ]);
    expect(result.entries.map((e) => e.category)).toEqual([null, null]);
  });

  it('reports UNKNOWN_STATUS with the closest label, and leaves the entry unclassified', () => {
    const { result, diagnostics } = parse(
      card({ number: 1, title: '協力体制', department: '秘書課', status: '順長' }),
    );
    expect(diagnostics).toEqual([
      {
        code: 'UNKNOWN_STATUS',
        severity: 'error',
        at: { sheet: 'カード', row: 6, col: 2 },
        value: '順長',
        params: { status: '順長', scheme: expect.any(String), suggestion: '順調' },
      },
    ]);
    expect(result.entries[0]).toMatchObject({ rawStatus: '順長', status: null, category: null });
  });

  it('reports UNPARSABLE_NUMBER for words under a unit, but not a dash with a note or a qualitative target', () => {
    const { diagnostics } = parse([
      ...card({
        number: 1,
        title: 'a',
        department: '秘書課',
        status: '順調',
        indicator: ['件数', '件', '多数', 10],
      }),
      ...card({
        number: 2,
        title: 'b',
        department: '秘書課',
        status: '順調',
        indicator: ['校数', '校', '— 計画策定', 3],
      }),
      ...card({
        number: 3,
        title: 'c',
        department: '秘書課',
        status: '順調',
        indicator: ['方針', '—', '検討', '通年実施'],
      }),
    ]);
    expect(diagnostics.map((d) => [d.code, d.severity, d.at.row, d.at.col, d.value, d.params])).toEqual([
      ['UNPARSABLE_NUMBER', 'warning', 3, 3, '多数', { field: '実績（R2）' }],
    ]);
  });

  it('reports DATE_FOR_NUMBER for a date where a figure was expected', () => {
    const date: CellInput = { value: 44652, numberFormat: 'yyyy/m/d' };
    const { diagnostics } = parse(
      card({
        number: 1,
        title: 'a',
        department: '秘書課',
        status: '順調',
        indicator: ['件数', '件', 5, date],
      }),
    );
    expect(diagnostics.map((d) => [d.code, d.at.row, d.at.col, d.params])).toEqual([
      ['DATE_FOR_NUMBER', 3, 4, { field: '目標（R5）' }],
    ]);
  });

  it('reads an error cell as unclassified without a status diagnostic of its own', () => {
    const { result, diagnostics } = parse(
      card({ number: 1, title: 'a', department: '秘書課', status: { value: null, error: '#REF!' } }),
    );
    expect(diagnostics).toEqual([]);
    expect(result.entries[0]).toMatchObject({ rawStatus: '#REF!', category: null });
  });

  it('takes extra label synonyms from the settings', () => {
    const settings: Settings = {
      ...DEFAULT_SETTINGS,
      labels: { cards: { item: ['施策番号'], status: ['取組の評価'] } },
    };
    const { result } = parse(
      [['施策番号', 7, '電子申請の導入', '行政情報課'], ['取組の評価'], ['遅れている']],
      [],
      settings,
    );
    expect(result.entries[0]).toMatchObject({ number: '7', category: '遅れている' });
  });
});

describe('cards over several sheets', () => {
  it('reads a card whose status label ends one sheet and whose status opens the next', () => {
    const whole = [
      ...card({ number: 1, title: 'a', department: '秘書課', status: '順調' }),
      ...card({ number: 2, title: 'b', department: '財政課', status: 'やや遅れている' }),
    ];
    const cut = whole.findIndex((r, i) => i > 8 && r[2] === 'R3進捗状況') + 1;
    const result = analyze({
      sheets: [sheetFromArray('その1', whole.slice(0, cut)), sheetFromArray('その2', whole.slice(cut))],
    });
    expect(result.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
    expect(result.entries.map((e) => [e.number, e.category, e.at.sheet])).toEqual([
      ['1', '順調', 'その1'],
      ['2', 'やや遅れている', 'その2'],
    ]);
  });

  it('reads a card cut into three sheets, the middle one holding only its 数値目標', () => {
    const result = analyze({
      sheets: [
        sheetFromArray('その1', [
          ['改革項目', 26, 'RPAを活用した業務効率化', '行政情報課'],
          ['現状', '…'],
        ]),
        sheetFromArray('その2', [
          ['数値目標', '目標名', '単位', '実績（R2）', '目標（R5）'],
          [null, 'RPA導入業務数', '件', 4, 8],
        ]),
        sheetFromArray('その3', [
          ['R3目標', 'RPAへの2業務追加', 'R3進捗状況'],
          [null, null, '順調'],
        ]),
      ],
    });
    expect(result.diagnostics).toEqual([]);
    expect(result.sheets.map((s) => s.layout)).toEqual(['cards', 'cards', 'cards']);
    expect(result.entries).toHaveLength(1);
    expect(result.entries[0]).toMatchObject({
      number: '26',
      category: '順調',
      indicator: { name: 'RPA導入業務数', baseline: 4, target: 8, direction: 'increase' },
      at: { sheet: 'その3', row: 1, col: 2 },
    });
  });

  it('carries the group and an open card to the next sheet, and closes a card that never got a status', () => {
    const result = analyze({
      sheets: [
        sheetFromArray('その1', [heading1, ['改革項目', 1, '協力体制', '秘書課'], ['現状', '…']]),
        sheetFromArray('その2', [
          ['R3目標', '試行', 'R3進捗状況'],
          [null, null, '順調'],
          ['改革項目', 2, '人事評価', '秘書課'],
        ]),
      ],
    });
    expect(result.entries.map((e) => [e.number, e.group[0], e.category, e.at.sheet])).toEqual([
      ['1', '重点項目1 経営の視点に立った行政運営の推進', '順調', 'その2'],
      ['2', '重点項目1 経営の視点に立った行政運営の推進', null, 'その2'],
    ]);
    expect(result.diagnostics.map((d) => [d.code, d.at.sheet, d.at.row, d.at.col])).toEqual([
      ['MISSING_STATUS', 'その2', 2, 1],
    ]);
  });
});
