/**
 * Shared by the robustness tests: hostile workbooks as offices might send them, runs through the
 * .xlsx path and the Office adapter on the fake host, and fingerprints of every source cell that do
 * not depend on the adapters' own readers.
 */
import { createHash } from 'crypto';
import ExcelJS from 'exceljs';
import { analyze, planOutput } from '../../src/core/engine';
import type { OutputPlan, PlanCell } from '../../src/core/outputPlan';
import type { Settings } from '../../src/core/settings';
import { resolveSettings } from '../../src/core/settingsIO';
import type { CellInput, SheetInput, WorkbookInput } from '../../src/core/workbook';
import { runInExcel } from '../../src/office/excelSource';
import type { JobOutcome } from '../../src/ui/job';
import { readWorkbook, workbookFromInput, workbookToBytes, writePlan } from '../../src/xlsx';
import type { FakeHost, FakeWorkbook } from '../support/fakeExcel';

export type Row = CellInput[];

/** Text that a spreadsheet would run as a formula if it were typed or pasted into a cell. */
export const FORMULA_LOOKING = [
  "=cmd|' /C calc'!A0",
  '@SUM(A1)',
  '+1+1',
  '-1+1',
  '=HYPERLINK("http://example.invalid","x")',
  '=1+1',
] as const;

export const AT = new Date(Date.UTC(2022, 4, 10, 3, 0));
export const LATER = new Date(Date.UTC(2023, 0, 2, 9, 30));

/** One 関市 card (number, title, department, figures, status under R3進捗状況). */
export function card(
  number: CellInput,
  title: CellInput,
  department: CellInput,
  status: CellInput,
  figures: readonly CellInput[] = ['件数', '件', '10', '20'],
): Row[] {
  return [
    ['改革項目', number, title, null, department],
    ['現状', '・繁忙期など一時的な業務量の増加に対応できる人手が足りない。'],
    ['数値目標', '目標名', '単位', '実績（R2）', '目標（R5）'],
    [null, ...figures],
    [],
    ['<R3期末報告>'],
    [],
    ['R3目標', '他自治体の取組を研究し試行', 'R3進捗状況'],
    [null, null, status],
    ['R3取組内容', '・担当部署の要請を受けて実施した。'],
    [],
  ];
}

/** A 関市 card report of four items: 順調 2, やや遅れている 1, 遅れている 1. */
export const FOUR_CARDS = {
  name: '関市',
  cells: [
    ['●重点項目1 行政運営'],
    ...card('1', '協力体制', '秘書課', '順調'),
    ...card('2', '窓口改善', '市民課', 'やや遅れている'),
    ...card('3', '電子申請', '情報課', '順調'),
    ...card('4', '施設管理', '管財課', '遅れている'),
  ],
};

export const FLAT_HEADER: Row = [
  '改革項目',
  '具体的取組',
  '内容',
  '所管課',
  'R3取組状況',
  '総括',
  '最終評価',
];

export function flatRow(group: CellInput, title: CellInput, department: CellInput, rating: CellInput): Row {
  return [
    group,
    title,
    '毎年度、計画を作成・公表します。',
    department,
    '計画どおり実施した。',
    '着実に進めた。',
    rating,
  ];
}

/** A 関市 card report whose titles, departments, numbers, statuses and headings are formula-looking text. */
export function formulaTextWorkbook(): WorkbookInput {
  const rows: Row[] = [['行財政改革アクションプラン 令和3年度 進捗状況'], []];
  FORMULA_LOOKING.forEach((t, i) => {
    rows.push([`●重点項目${i + 1} ${t}`], []);
    rows.push(...card(String(i + 1), t, t, i % 2 === 0 ? '順調' : t));
  });
  const flat: Row[] = [['(1) 財政マネジメントの強化'], FLAT_HEADER];
  FORMULA_LOOKING.forEach((t, i) => flat.push(flatRow(i === 0 ? t : null, `${t}`, t, i % 2 === 0 ? 'A' : t)));
  return {
    name: 'hostile.xlsx',
    sheets: [
      { name: '関市', cells: rows },
      { name: '一覧', cells: flat },
    ],
  };
}

/** Every text cell of a plan, with where it is. */
export function planTexts(plan: OutputPlan): { sheet: string; row: number; col: number; cell: PlanCell }[] {
  const out: { sheet: string; row: number; col: number; cell: PlanCell }[] = [];
  for (const s of plan.sheets)
    s.rows.forEach((row, r) =>
      row.forEach((cell, c) => cell && out.push({ sheet: s.name, row: r, col: c, cell })),
    );
  return out;
}

// ---------------------------------------------------------------------------------------------------
// Runs

export interface XlsxRun {
  readonly out: Uint8Array;
  readonly plan: OutputPlan;
  readonly result: ReturnType<typeof analyze>;
}

/** The command line's work on bytes: read, analyze, plan, write. */
export async function runXlsx(bytes: Uint8Array, at = AT, settings?: Settings): Promise<XlsxRun> {
  const { workbook, input, existing } = await readWorkbook(bytes);
  const result = analyze(input, settings);
  const plan = planOutput(result, existing, { generatedAt: at });
  writePlan(workbook, plan);
  return { out: await workbookToBytes(workbook), plan, result };
}

export function xlsxBytes(input: WorkbookInput): Promise<Uint8Array> {
  return workbookToBytes(workbookFromInput(input));
}

/** The add-in's whole run (read, analyze, plan, write) on the fake Excel host. */
export function runOffice(host: FakeHost, at = AT): Promise<JobOutcome> {
  return runInExcel(
    host.run,
    { analyze, planOutput },
    { resolveStored: (j) => resolveSettings(j), now: () => at },
  );
}

// ---------------------------------------------------------------------------------------------------
// Fingerprints

function hash(x: unknown): string {
  return createHash('sha256').update(JSON.stringify(x)).digest('hex');
}

/**
 * Every sheet of an .xlsx file as ExcelJS itself loads it (not through the adapter under test):
 * each cell's type, value, formula and number format, the merges and the visibility, hashed.
 */
export async function xlsxFingerprints(bytes: Uint8Array): Promise<Map<string, string>> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  const out = new Map<string, string>();
  for (const ws of wb.worksheets) {
    const cells: unknown[] = [];
    ws.eachRow({ includeEmpty: false }, (row, r) =>
      row.eachCell({ includeEmpty: true }, (cell, c) => {
        if (cell.type === ExcelJS.ValueType.Null && !cell.numFmt) return;
        cells.push([r, c, cell.type, cell.value, cell.formula ?? null, cell.numFmt ?? null]);
      }),
    );
    const merges = Object.keys((ws as unknown as { _merges: Record<string, unknown> })._merges ?? {}).sort();
    out.set(ws.name, hash({ cells, merges, state: ws.state }));
  }
  return out;
}

/** Every sheet of the fake host: each cell as the model holds it (value, formula, error, format), merges, visibility. */
export function fakeFingerprints(wb: FakeWorkbook): Map<string, string> {
  const out = new Map<string, string>();
  for (const s of wb.sheets) {
    const cells = [...s.cells.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    out.set(s.name, hash({ cells, merges: s.merges, visibility: s.visibility }));
  }
  return out;
}

/** The grids of the given sheets of an .xlsx file, values as shown, with the time stamp masked. */
export async function xlsxGrids(bytes: Uint8Array, names: readonly string[], stamps: readonly string[]) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return names.map((name) => {
    const ws = wb.getWorksheet(name);
    const rows: unknown[] = [];
    ws?.eachRow({ includeEmpty: true }, (row, r) => {
      const cells: unknown[] = [];
      row.eachCell({ includeEmpty: false }, (cell, c) =>
        cells.push([c, masked(cell.value, stamps), cell.numFmt ?? null]),
      );
      rows.push([r, cells]);
    });
    return { name, rows, merges: Object.keys((ws as unknown as { _merges?: object })?._merges ?? {}).sort() };
  });
}

function masked(v: unknown, stamps: readonly string[]): unknown {
  const json = JSON.stringify(v ?? null);
  return JSON.parse(stamps.reduce((s, stamp) => s.split(stamp).join('<stamp>'), json)) as unknown;
}

/** A sheet with the text of every cell that is a string, for looking things up in tests. */
export function sheetNamed(input: WorkbookInput, name: string): SheetInput {
  const s = input.sheets.find((x) => x.name === name);
  if (!s) throw new Error(`no sheet ${name}`);
  return s;
}

/** The hostile and broken workbooks of hostile.test.ts, for the nothing-lost runs. */
export function hostileWorkbooks(): Record<string, WorkbookInput> {
  const report = (n: number, status: CellInput = '順調'): Row[] => [
    [`●重点項目${n} 行政運営`],
    ...card(String(n), `取組${n}`, '秘書課', status),
  ];
  const long = `${'長い記述。'.repeat(7000)}`.slice(0, 32767);
  return {
    formulaText: formulaTextWorkbook(),
    errors: {
      sheets: [
        {
          name: '一覧',
          cells: [
            ['(1) 財政マネジメントの強化'],
            FLAT_HEADER,
            flatRow(
              '①安定的な財政運営',
              { value: null, error: '#REF!', formula: 'Sheet9!A1' },
              '財政課',
              'A',
            ),
            flatRow(
              null,
              '公債費',
              { value: null, error: '#N/A', formula: 'NA()' },
              { value: null, error: '#DIV/0!', formula: '1/0' },
            ),
            flatRow(null, { value: 3, formula: 'SUM(1,2)', numberFormat: '0.0' }, '財政課', 'B'),
          ],
        },
      ],
    },
    longCells: { sheets: [{ name: '関市', cells: [...report(1, long), ...card('2', long, long, '順調')] }] },
    mergedTable: {
      sheets: [
        {
          name: '結合',
          cells: [['(1) 財政'], FLAT_HEADER, flatRow('①財政', '見通し', '財政課', 'A')],
          merges: [
            { top: 0, left: 0, bottom: 0, right: 6 },
            { top: 2, left: 0, bottom: 4, right: 0 },
          ],
        },
      ],
    },
    hidden: {
      sheets: [
        { name: '表示', cells: report(1) },
        { name: '非表示', cells: report(2), visibility: 'hidden' },
        { name: '完全非表示', cells: report(3), visibility: 'veryHidden' },
      ],
    },
    quotedNames: {
      sheets: ["O'Neil 課の報告!", "報告 'A' 版", '報告 (1)!A1'].map((name, i) => ({
        name,
        cells: report(i + 1),
      })),
    },
    dates: {
      sheets: [
        {
          name: '関市',
          cells: [
            ['●重点項目1 行政運営'],
            ...card('1', '協力体制', '秘書課', '順調', [
              '件数',
              '件',
              { value: 44287, numberFormat: 'yyyy/m/d' },
              { value: 0.648, numberFormat: '0.0%' },
            ]),
          ],
        },
      ],
    },
    userSummary: {
      sheets: [
        { name: '関市', cells: report(1) },
        {
          name: '集計',
          cells: [
            ['利用者が作った集計表'],
            ['達成状況', '件数'],
            ['順調', 17],
            ['合計', { value: 17, formula: 'SUM(B3)' }],
          ],
        },
      ],
    },
  };
}
