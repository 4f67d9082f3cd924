import type { OutputPlan, SheetPlan } from '../../src/core/outputPlan';

/** A small output plan with every kind of cell and setting the adapters must carry out. */
export function summaryPlan(name = '集計', extra: Partial<SheetPlan> = {}): SheetPlan {
  return {
    role: 'summary',
    name,
    rows: [
      [{ kind: 'text', text: '令和3年度 達成状況' }],
      [
        { kind: 'text', text: '区分' },
        { kind: 'text', text: '件数' },
        { kind: 'text', text: '割合' },
      ],
      [
        { kind: 'text', text: '順調' },
        { kind: 'number', value: 17 },
        { kind: 'formula', formula: 'B3/B$6', cached: 17 / 31 },
      ],
      [
        { kind: 'text', text: 'やや遅れている' },
        { kind: 'number', value: 12 },
        { kind: 'formula', formula: 'B4/B$6', cached: 12 / 31 },
      ],
      [
        { kind: 'text', text: '遅れている' },
        { kind: 'number', value: 2 },
        { kind: 'formula', formula: 'B5/B$6', cached: 2 / 31 },
      ],
      [
        { kind: 'text', text: '合計' },
        { kind: 'formula', formula: 'SUM(B3:B5)', cached: 31 },
        { kind: 'formula', formula: 'SUM(C3:C5)', cached: 1 },
      ],
      [],
      [
        { kind: 'text', text: "=cmd|' /C calc'!A0" },
        { kind: 'text', text: '1,483' },
        { kind: 'text', text: '-' },
      ],
      [
        { kind: 'link', text: '関市!B12', sheet: '関市', cell: 'B12' },
        { kind: 'text', text: '64.8%' },
        { kind: 'text', text: '#REF!' },
      ],
    ],
    styles: [
      { top: 0, left: 0, bottom: 0, right: 2, style: 'title' },
      { top: 1, left: 0, bottom: 1, right: 2, style: 'header' },
      { top: 2, left: 1, bottom: 4, right: 1, style: 'number' },
      { top: 2, left: 2, bottom: 4, right: 2, style: 'percent' },
      { top: 5, left: 1, bottom: 5, right: 1, style: 'total' },
      { top: 5, left: 2, bottom: 5, right: 2, style: 'totalPercent' },
      { top: 7, left: 0, bottom: 8, right: 2, style: 'number' },
      { top: 8, left: 0, bottom: 8, right: 0, style: 'link' },
    ],
    merges: [{ top: 0, left: 0, bottom: 0, right: 2 }],
    columnWidths: [24, 10, 10],
    freeze: { rows: 2, cols: 0 },
    printTitleRows: { first: 1, last: 1 },
    print: { paper: 'A4', orientation: 'portrait', fitToWidth: true },
    ...extra,
  };
}

export function listPlan(name = '取組一覧', rows = 3): SheetPlan {
  return {
    role: 'list',
    name,
    rows: [
      [
        { kind: 'text', text: '番号' },
        { kind: 'text', text: '取組' },
      ],
      ...Array.from({ length: rows }, (_, i) => [
        { kind: 'text' as const, text: String(i + 1) },
        { kind: 'text' as const, text: `取組 ${i + 1}` },
      ]),
    ],
    styles: [{ top: 0, left: 0, bottom: 0, right: 1, style: 'header' }],
    merges: [],
    columnWidths: [8, 40],
    freeze: { rows: 1, cols: 1 },
    print: { paper: 'A4', orientation: 'landscape', fitToWidth: true },
    autoFilter: { top: 0, left: 0, bottom: rows, right: 1 },
  };
}

export function outputPlan(sheets: SheetPlan[], replace: string[] = []): OutputPlan {
  return { sheets, replace, activate: sheets[0]?.name ?? '' };
}
