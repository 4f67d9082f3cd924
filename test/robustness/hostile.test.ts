import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { analyze, planOutput } from '../../src/core/engine';
import type { Diagnostic } from '../../src/core/diagnostics';
import type { PlanCell } from '../../src/core/outputPlan';
import { DEFAULT_SETTINGS } from '../../src/core/settings';
import type { CellInput, WorkbookInput } from '../../src/core/workbook';
import { readWorkbook, workbookFromInput, workbookToBytes } from '../../src/xlsx';
import { evaluatePlan } from '../plan/evaluate';
import { createFakeExcel, FakeWorkbook } from '../support/fakeExcel';
import {
  AT,
  card,
  FLAT_HEADER,
  flatRow,
  FORMULA_LOOKING,
  formulaTextWorkbook,
  planTexts,
  runOffice,
  runXlsx,
  xlsxBytes,
  type Row,
} from './support';

const where = (d: Diagnostic) => `${d.code} ${d.at.sheet}!${d.at.row},${d.at.col}`;
const codes = (ds: readonly Diagnostic[], code: string) => ds.filter((d) => d.code === code).map(where);

/** Formula text with its string literals taken out: what Excel would evaluate. */
function outsideStrings(formula: string): string {
  return formula.replace(/"(?:[^"]|"")*"/g, '""');
}

/** Fragments of the formula-looking texts that must never reach a formula outside a string literal. */
const ACTIVE = [/cmd\|/, /@SUM/, /HYPERLINK/, /1\+1/];

function textOf(cell: PlanCell): string | null {
  return cell && (cell.kind === 'text' || cell.kind === 'link') ? cell.text : null;
}

async function sheetXml(bytes: Uint8Array, name: string): Promise<string> {
  const zip = await JSZip.loadAsync(bytes);
  const book = await zip.file('xl/workbook.xml')!.async('string');
  const rels = await zip.file('xl/_rels/workbook.xml.rels')!.async('string');
  const escaped = name.replace(/&/g, '&amp;').replace(/'/g, '&apos;').replace(/"/g, '&quot;');
  const rid = new RegExp(
    `<sheet [^>]*name="${escaped.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"[^>]*r:id="([^"]+)"`,
  ).exec(book)?.[1];
  const target = new RegExp(`Id="${rid}"[^>]*Target="([^"]+)"`).exec(rels)?.[1] ?? '';
  return zip.file(`xl/${target.replace(/^\/?xl\//, '')}`)!.async('string');
}

describe('formula-looking text copied from the cells', () => {
  const input = formulaTextWorkbook();

  it('stays text in the plan; formulas carry it only inside string literals', () => {
    const result = analyze(input);
    expect(result.entries).toHaveLength(12);
    const plan = planOutput(result, [], { generatedAt: AT });
    const cells = planTexts(plan);
    for (const t of FORMULA_LOOKING) {
      // Shown as written, as text, in the list (title and department) at least.
      const inList = cells.filter((x) => x.sheet === '取組一覧' && textOf(x.cell) === t);
      expect(inList.length).toBeGreaterThanOrEqual(3);
      expect(inList.every((x) => x.cell?.kind === 'text')).toBe(true);
    }
    const formulas = cells.flatMap((x) => (x.cell?.kind === 'formula' ? [x.cell.formula] : []));
    expect(formulas.some((f) => f.includes('cmd|'))).toBe(true); // group criteria do quote them
    for (const f of formulas) for (const a of ACTIVE) expect(outsideStrings(f)).not.toMatch(a);
    // And the counts those criteria give are the counts the engine made.
    for (const [at, { value, cached }] of evaluatePlan(plan))
      expect({ at, value }).toEqual({ at, value: cached });
  });

  it('is written to the .xlsx as strings: no <f> element holds it outside a string literal', async () => {
    const { out } = await runXlsx(await xlsxBytes(input));
    const back = new ExcelJS.Workbook();
    await back.xlsx.load(out as unknown as ArrayBuffer);
    let seen = 0;
    for (const name of ['集計', '取組一覧', '検証結果']) {
      back.getWorksheet(name)!.eachRow((row) =>
        row.eachCell((c) => {
          if (c.formula) return;
          const v = typeof c.value === 'object' && c.value && 'text' in c.value ? c.value.text : c.value;
          if (typeof v === 'string' && FORMULA_LOOKING.some((t) => v.includes(t))) {
            expect([ExcelJS.ValueType.String, ExcelJS.ValueType.Hyperlink]).toContain(c.type);
            seen++;
          }
        }),
      );
      const xml = await sheetXml(out, name);
      for (const [, f] of xml.matchAll(/<f>([^<]*)<\/f>/g)) {
        const formula = f!
          .replace(/&quot;/g, '"')
          .replace(/&amp;/g, '&')
          .replace(/&apos;/g, "'");
        for (const a of ACTIVE) expect(outsideStrings(formula)).not.toMatch(a);
      }
      // Every cell holding one of the texts is a shared string (t="s") or inline string, never a formula cell.
      expect(xml).not.toMatch(/<c [^>]*t="str"[^>]*><f>[^<]*cmd\|/);
    }
    expect(seen).toBeGreaterThanOrEqual(FORMULA_LOOKING.length * 3);
    // The source sheets still hold the texts as plain strings.
    const source = back.getWorksheet('関市')!;
    expect(source.getCell('C5').value).toBe(FORMULA_LOOKING[0]);
    expect(source.getCell('C5').type).toBe(ExcelJS.ValueType.String);
  });

  it('goes through the Office adapter as text: format @, no formula, the value as typed', async () => {
    const wb = FakeWorkbook.fromInput(input);
    await runOffice(createFakeExcel(wb));
    let seen = 0;
    for (const name of ['集計', '取組一覧', '検証結果']) {
      for (const cell of wb.sheet(name)!.cells.values()) {
        if (typeof cell.value === 'string' && FORMULA_LOOKING.some((t) => cell.value === t)) {
          expect(cell.formula).toBeNull();
          expect(cell.error).toBeNull();
          expect(cell.numberFormat).toBe('@');
          seen++;
        }
        if (cell.formula) for (const a of ACTIVE) expect(outsideStrings(cell.formula)).not.toMatch(a);
      }
    }
    expect(seen).toBeGreaterThanOrEqual(FORMULA_LOOKING.length * 3);
  });
});

describe('error values in the cells', () => {
  const errorCell = (error: string, formula: string): CellInput => ({ value: null, error, formula });
  const input: WorkbookInput = {
    sheets: [
      {
        name: '一覧',
        cells: [
          ['(1) 財政マネジメントの強化'],
          FLAT_HEADER,
          flatRow('①安定的な財政運営', '中期財政見通し', '財政課', 'A'),
          flatRow(null, errorCell('#REF!', 'Sheet9!A1'), '財政課', 'B'),
          flatRow(null, '公債費負担の適正化', errorCell('#N/A', 'VLOOKUP(1,A:A,2,0)'), 'A'),
          flatRow(null, '基金の積立', '財政課', errorCell('#DIV/0!', '1/0')),
        ],
      },
    ],
  };

  it('become CELL_ERROR at each cell, and an error where the rating should be leaves the entry unclassified', () => {
    const r = analyze(input);
    expect(codes(r.diagnostics, 'CELL_ERROR')).toEqual([
      'CELL_ERROR 一覧!3,1',
      'CELL_ERROR 一覧!4,3',
      'CELL_ERROR 一覧!5,6',
    ]);
    expect(r.diagnostics.filter((d) => d.code === 'CELL_ERROR').map((d) => d.params?.['error'])).toEqual([
      '#REF!',
      '#N/A',
      '#DIV/0!',
    ]);
    expect(r.entries).toHaveLength(4);
    expect(r.entries[3]!.category).toBeNull();
    expect(r.diagnostics.filter((d) => d.at.row === 5 && d.code === 'MISSING_STATUS')).toEqual([]);
    expect(r.summaries[0]!.unclassified).toBe(1);
  });

  it('come through the .xlsx file as errors (cached formula results) and give the same diagnostics', async () => {
    const { result } = await runXlsx(await xlsxBytes(input));
    expect(codes(result.diagnostics, 'CELL_ERROR')).toEqual(codes(analyze(input).diagnostics, 'CELL_ERROR'));
  });
});

describe('cells of 32,767 characters', () => {
  const long = (seed: string) => `${seed}${'長い記述。'.repeat(7000)}`.slice(0, 32767);
  const input: WorkbookInput = {
    sheets: [
      {
        name: '関市',
        cells: [
          [`●重点項目1 ${long('見出し')}`.slice(0, 32767)],
          ...card('1', long('題名'), long('課'), '順調'),
          ...card('2', '窓口手続の簡素化', '市民課', long('順調ではない')),
        ],
      },
    ],
  };

  it('are read, counted and written cut to what Excel keeps, criteria too long for COUNTIFS as numbers', async () => {
    const result = analyze(input);
    expect(result.entries.map((e) => e.title.length)).toEqual([32767, 8]);
    expect(codes(result.diagnostics, 'UNKNOWN_STATUS')).toEqual(['UNKNOWN_STATUS 関市!20,2']);
    const plan = planOutput(result, [], { generatedAt: AT });
    for (const x of planTexts(plan)) expect(textOf(x.cell)?.length ?? 0).toBeLessThanOrEqual(32767);
    for (const x of planTexts(plan))
      if (x.cell?.kind === 'formula') expect(x.cell.formula.length).toBeLessThan(8192);
    const { out } = await runXlsx(await xlsxBytes(input));
    const back = await readWorkbook(out);
    const list = back.workbook.getWorksheet('取組一覧')!;
    const titles: string[] = [];
    list.eachRow((row) =>
      row.eachCell((c) => typeof c.value === 'string' && c.value.startsWith('題名') && titles.push(c.value)),
    );
    expect(titles.map((t) => t.length)).toEqual([32767]);
  });
});

describe('merged cells over whole tables', () => {
  const table: Row[] = [
    ['(1) 財政マネジメントの強化'],
    FLAT_HEADER,
    flatRow('①安定的な財政運営', '中期財政見通し', '財政課', 'A'),
    flatRow(null, '総枠配分方式', '財政課', 'B'),
    flatRow(null, '公債費負担の適正化', '財政課', 'A'),
  ];

  it('read as the one cell Excel keeps: no table, said so, nothing thrown', () => {
    // Merging keeps only the top-left value; the rest of the table is gone from the cells.
    const merged: WorkbookInput = {
      sheets: [{ name: '一覧', cells: [[table[0]![0]]], merges: [{ top: 0, left: 0, bottom: 4, right: 6 }] }],
    };
    const r = analyze(merged);
    expect(r.entries).toEqual([]);
    expect(codes(r.diagnostics, 'NO_TABLE_FOUND')).toEqual(['NO_TABLE_FOUND 一覧!0,0']);
    expect(() => planOutput(r, [], { generatedAt: AT })).not.toThrow();
  });

  it('over the table’s columns only (改革項目 down its rows, a merge over the whole sheet area) read every row', () => {
    const input: WorkbookInput = {
      sheets: [
        {
          name: '一覧',
          cells: table,
          merges: [
            { top: 2, left: 0, bottom: 4, right: 0 },
            // A merge reaching the sheet's last cell (XFD1048576), as a stray selection leaves it.
            { top: 10, left: 0, bottom: 1048575, right: 16383 },
          ],
        },
      ],
    };
    const r = analyze(input);
    expect(r.entries.map((e) => [e.title, e.group[1], e.rawStatus])).toEqual([
      ['中期財政見通し', '①安定的な財政運営', 'A'],
      ['総枠配分方式', '①安定的な財政運営', 'B'],
      ['公債費負担の適正化', '①安定的な財政運営', 'A'],
    ]);
  });
});

describe('hidden and very hidden sheets', () => {
  const report = (n: number): Row[] => [
    ['●重点項目1 行政運営'],
    ...card(String(n), `取組${n}`, '秘書課', '順調'),
  ];
  const input: WorkbookInput = {
    sheets: [
      { name: '表示', cells: report(1) },
      { name: '非表示', cells: report(2), visibility: 'hidden' },
      { name: '完全非表示', cells: report(3), visibility: 'veryHidden' },
    ],
  };

  it('are skipped, and said so in the diagnostics and the sheet list', () => {
    const r = analyze(input);
    expect(r.entries.map((e) => e.number)).toEqual(['1']);
    expect(codes(r.diagnostics, 'SHEET_HIDDEN_SKIPPED')).toEqual([
      'SHEET_HIDDEN_SKIPPED 非表示!0,0',
      'SHEET_HIDDEN_SKIPPED 完全非表示!0,0',
    ]);
    expect(r.sheets.map((s) => [s.name, s.skipped ?? null])).toEqual([
      ['表示', null],
      ['非表示', 'hidden'],
      ['完全非表示', 'hidden'],
    ]);
    const plan = planOutput(r, [], { generatedAt: AT });
    const diagnosticsSheet = JSON.stringify(plan.sheets.find((s) => s.role === 'diagnostics')!.rows);
    expect(diagnosticsSheet).toContain('非表示');
    expect(diagnosticsSheet).toContain('完全非表示');
  });

  it('are skipped the same through the .xlsx file and the Office adapter', async () => {
    const viaXlsx = await runXlsx(await xlsxBytes(input));
    expect(codes(viaXlsx.result.diagnostics, 'SHEET_HIDDEN_SKIPPED')).toHaveLength(2);
    expect(viaXlsx.result.entries).toHaveLength(1);
    const viaOffice = await runOffice(createFakeExcel(input));
    expect(codes(viaOffice.result.diagnostics, 'SHEET_HIDDEN_SKIPPED')).toHaveLength(2);
    expect(viaOffice.result.entries).toHaveLength(1);
  });
});

describe('an empty workbook', () => {
  it('gives EMPTY_WORKBOOK, no summaries, and output sheets that say there is nothing to count', () => {
    const r = analyze({ sheets: [] });
    expect(r.diagnostics.map((d) => d.code)).toEqual(['EMPTY_WORKBOOK']);
    expect(r.summaries).toEqual([]);
    const plan = planOutput(r, [], { generatedAt: AT });
    expect(plan.sheets.map((s) => s.role)).toEqual(['summary', 'list', 'diagnostics']);
  });

  it('with one blank sheet, runs through the .xlsx file and the Office adapter', async () => {
    const blank: WorkbookInput = { sheets: [{ name: 'Sheet1', cells: [] }] };
    const viaXlsx = await runXlsx(await xlsxBytes(blank));
    expect(viaXlsx.result.entries).toEqual([]);
    expect(codes(viaXlsx.result.diagnostics, 'NO_TABLE_FOUND')).toEqual(['NO_TABLE_FOUND Sheet1!0,0']);
    const back = await readWorkbook(viaXlsx.out);
    expect(back.existing.map((s) => [s.name, s.owned])).toEqual([
      ['Sheet1', false],
      ['集計', true],
      ['取組一覧', true],
      ['検証結果', true],
    ]);
    const wb = FakeWorkbook.fromInput(blank);
    const host = createFakeExcel(wb);
    const viaOffice = await runOffice(host);
    expect(viaOffice.result.entries).toEqual([]);
    expect(wb.sheets.map((s) => s.name)).toEqual(['Sheet1', '集計', '取組一覧', '検証結果']);
    expect(host.stats.syncs).toBeLessThanOrEqual(4);
  });
});

describe('a used range reaching row 1,048,576 because of one stray format', () => {
  const report: Row[] = [['●重点項目1 行政運営'], ...card('1', '協力体制の構築', '秘書課', '順調')];

  it('is read to its last value only through the .xlsx file', async () => {
    const wb = workbookFromInput({ sheets: [{ name: '関市', cells: report }] });
    const ws = wb.getWorksheet('関市')!;
    ws.getCell(1048576, 1).numFmt = '0.00';
    ws.getCell(1048576, 16384).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFFF00' } };
    const bytes = await workbookToBytes(wb);
    const { input } = await readWorkbook(bytes);
    expect(input.sheets[0]!.cells.length).toBe(report.length - 1); // the last card row is blank
    const { result } = await runXlsx(bytes);
    expect(result.entries.map((e) => e.rawStatus)).toEqual(['順調']);
  });

  it('is read to its last value through the Office adapter, without reading the empty rows', async () => {
    const wb = FakeWorkbook.fromInput({ sheets: [{ name: '関市', cells: report }] });
    const sheet = wb.sheet('関市')!;
    sheet.cells.set('1048575:0', {
      value: null,
      formula: null,
      error: null,
      numberFormat: '0.00',
      format: { fill: '#FFFF00' },
      hyperlink: null,
    });
    const host = createFakeExcel(wb);
    const outcome = await runOffice(host);
    expect(outcome.result.entries.map((e) => e.rawStatus)).toEqual(['順調']);
    // What came back from Excel: the report's rows, not a million.
    const responses = host.stats.requests.reduce((n, r) => n + r.responseBytes, 0);
    expect(responses).toBeLessThan(100000);
  });
});

describe('sheet names with quotes, ! and spaces', () => {
  // Excel allows any of these but a quote at either end.
  const names = ["O'Neil 課の報告!", "報告 'A' 版", '報告 (1)!A1'];
  const input: WorkbookInput = {
    sheets: names.map((name, i) => ({
      name,
      cells: [
        [`●重点項目${i + 1} 行政運営`],
        ...card(String(i + 1), `取組${i + 1}`, '秘書課', i === 1 ? '遅れている' : '順調'),
      ],
    })),
  };
  const settings = {
    ...DEFAULT_SETTINGS,
    output: { ...DEFAULT_SETTINGS.output, listSheet: "取組'一覧 !", summarySheet: '集計 (R3)' },
  };

  it('keep links and COUNTIFS right in the plan', () => {
    const plan = planOutput(analyze(input, settings), [], { generatedAt: AT });
    const list = plan.sheets.find((s) => s.role === 'list')!;
    expect(list.name).toBe("取組'一覧 !");
    const links = list.rows.flatMap((row) => row.filter((c) => c?.kind === 'link'));
    expect(links.map((l) => l?.kind === 'link' && [l.sheet, l.cell])).toEqual(names.map((n) => [n, 'C10']));
    const evaluated = [...evaluatePlan(plan)];
    expect(evaluated.length).toBeGreaterThan(0);
    for (const [at, { value, cached }] of evaluated) expect({ at, value }).toEqual({ at, value: cached });
    const summary = plan.sheets.find((s) => s.role === 'summary')!;
    const formulas = summary.rows.flatMap((row) =>
      row.flatMap((c) => (c?.kind === 'formula' ? [c.formula] : [])),
    );
    expect(formulas.some((f) => f.includes("'取組''一覧 !'!$"))).toBe(true);
  });

  it('keep in-document links right in the .xlsx file and through the Office adapter', async () => {
    const quoted = names.map((n) => `'${n.replace(/'/g, "''")}'!C10`);
    const { out } = await runXlsx(await xlsxBytes(input), AT, settings);
    // In the file: an in-document location on every link, never a relationship to a "file" named '#…'.
    const xml = await sheetXml(out, "取組'一覧 !");
    const links = [...xml.matchAll(/<hyperlink\b[^>]*\/>/g)].map(([tag]) => tag);
    expect(links.map((tag) => /\blocation="([^"]*)"/.exec(tag)?.[1]?.replace(/&apos;/g, "'"))).toEqual(
      quoted,
    );
    expect(links.filter((tag) => tag.includes('r:id='))).toEqual([]);
    const zip = await JSZip.loadAsync(out);
    for (const rels of Object.keys(zip.files).filter((n) => n.endsWith('.rels'))) {
      expect(await zip.file(rels)!.async('string')).not.toMatch(/Target="#/);
    }

    const wb = FakeWorkbook.fromInput(input);
    const host = createFakeExcel(wb);
    await host.run(async (ctx) => {
      const { runJob } = await import('../../src/ui/job');
      const { excelSource } = await import('../../src/office/excelSource');
      return runJob(
        excelSource(ctx),
        { analyze, planOutput },
        { settings, resolveStored: () => settings, now: () => AT },
      );
    });
    const refs = [...wb.sheet("取組'一覧 !")!.cells.values()].flatMap((c) =>
      c.hyperlink?.documentReference ? [c.hyperlink.documentReference] : [],
    );
    expect(refs).toEqual(quoted);
  });
});

describe('dates where numbers were expected', () => {
  const date = (serial: number): CellInput => ({ value: serial, numberFormat: 'yyyy/m/d' });

  it('give DATE_FOR_NUMBER at the date cell in a card’s figures and in an indicator’s actuals', () => {
    const cards: Row[] = [
      ['●重点項目1 行政運営'],
      ...card('1', '協力体制', '秘書課', '順調', ['件数', '件', date(44287), '20']),
    ];
    const blocks: Row[] = [
      ['行政改革推進計画の取組状況 (令和3年度)'],
      ['基本目標1 市民参加と協働'],
      ['取組項目', '①情報共有の推進'],
      ['取組内容', '情報を共有する。'],
      ['指標①', 'フォロワー数', null, null, null, '所管課', '広報広聴課'],
      [null, '初期値(2017年度)', '令和元年度', '令和2年度', '令和3年度', '令和4年度', '令和5年度'],
      [null, '1,483', null, null, null, null, '6,000'],
      ['実績値①', null, '2,000', '2,500', date(44470), null, null],
      ['令和3年度取組状況', '取組の説明。'],
    ];
    const r = analyze({
      sheets: [
        { name: '関市', cells: cards },
        { name: '江別市', cells: blocks },
      ],
    });
    expect(codes(r.diagnostics, 'DATE_FOR_NUMBER')).toEqual([
      'DATE_FOR_NUMBER 関市!4,3',
      'DATE_FOR_NUMBER 江別市!7,4',
    ]);
    expect(r.diagnostics.filter((d) => d.code === 'DATE_FOR_NUMBER').every((d) => d.params?.['field'])).toBe(
      true,
    );
    expect(r.entries).toHaveLength(2);
  });
});
