/**
 * No silent miscount (issue 9, item 1): every status cell the run reads is counted under a category
 * whose label or alias it equals after normalisation, or it is listed in 検証結果. Checked through the
 * real layouts and analyze(), on random status words and department names.
 */
import fc from 'fast-check';
import { cellKey } from '../../src/core/address';
import { hasCode } from '../../src/core/diagnostics';
import type { AnalysisResult } from '../../src/core/engine';
import type { Entry } from '../../src/core/model';
import { analyze } from '../../src/core/run';
import { DEFAULT_SCHEMES, DEFAULT_SETTINGS, type Settings, type StatusScheme } from '../../src/core/settings';
import { statusKey } from '../../src/core/status';
import { sheetFromArray } from '../../src/core/workbook';
import { card, FLAT_HEADER, flatRow, type Grid } from '../core/grids';

const scheme = (id: string): StatusScheme => DEFAULT_SCHEMES.find((s) => s.id === id)!;

/** Every spelling a scheme knows for a label (label and aliases), as statusKey gives them. */
function keysOf(s: StatusScheme, label: string): Set<string> {
  const def = s.categories.find((c) => c.label === label)!;
  return new Set([def.label, ...def.aliases].map(statusKey));
}

function flatWorkbook(cells: readonly string[]) {
  const rows: Grid = [
    ['令和3年度 行財政改革 取組状況'],
    FLAT_HEADER,
    ...cells.map((c, i) => flatRow(`改革項目${i + 1}`, `取組${i + 1}`, '財政課', c)),
  ];
  return { sheets: [sheetFromArray('表', rows)] };
}

function cardWorkbook(cells: readonly string[]) {
  const rows: Grid = cells.flatMap((c, i) =>
    card({ number: i + 1, title: `取組${i + 1}`, department: '秘書課', status: c }),
  );
  return { sheets: [sheetFromArray('カード', rows)] };
}

/** The status cells of the grid: where the layout puts them. */
function statusCells(result: AnalysisResult): Map<string, Entry[]> {
  const byCell = new Map<string, Entry[]>();
  for (const e of result.entries) byCell.set(cellKey(e.at), [...(byCell.get(cellKey(e.at)) ?? []), e]);
  return byCell;
}

/**
 * The invariant, cell by cell: counted entries spell, in order, exactly the ratings the cell was
 * made of, each one a label or alias of the label it counts as; otherwise the cell is in 検証結果.
 */
function checkCells(result: AnalysisResult, s: StatusScheme, made: readonly (readonly string[])[]): void {
  const byCell = statusCells(result);
  const listed = new Set(
    result.diagnostics
      .filter((d) => d.code === 'UNKNOWN_STATUS' || d.code === 'MISSING_STATUS')
      .map((d) => cellKey(d.at)),
  );
  const cells = [...byCell.keys()];
  expect(cells).toHaveLength(made.length);
  cells.forEach((key, i) => {
    const entries = byCell.get(key)!;
    const counted = entries.filter((e) => e.status !== null);
    if (counted.length === 0 || counted.length !== entries.length) {
      expect(listed.has(key)).toBe(true);
      return;
    }
    expect(listed.has(key)).toBe(false);
    expect(counted.map((e) => statusKey(e.rawStatus))).toEqual(made[i]!.map(statusKey));
    for (const e of counted) expect(keysOf(s, e.status!).has(statusKey(e.rawStatus))).toBe(true);
  });
}

/** Labels, aliases, and their negated or partial forms (未…, 一部…, 非…, 不…, …なし). */
function statusWord(s: StatusScheme): fc.Arbitrary<string> {
  const known = s.categories.flatMap((c) => [c.label, ...c.aliases]);
  const base = fc.constantFrom(...known);
  return fc
    .oneof(
      { arbitrary: base, weight: 2 },
      {
        arbitrary: fc.tuple(
          fc.constantFrom('未', '一部', '非', '不', '無'),
          fc.constantFrom('', ' ', '\u3000'),
          base,
        ),
        weight: 2,
      },
      { arbitrary: fc.tuple(base, fc.constantFrom('', ' '), fc.constantFrom('なし', '無し')), weight: 1 },
    )
    .map((w) => (Array.isArray(w) ? w.join('') : w));
}

/** Width and space variants an office types: Ａ for A, a space inside, a space around. */
function variant(word: string): fc.Arbitrary<string> {
  return fc.tuple(fc.boolean(), fc.boolean()).map(([wide, padded]) => {
    const w = wide
      ? word.replace(/[A-Za-z0-9]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0))
      : word;
    return padded ? ` ${w}\u3000` : w;
  });
}

const DEPARTMENTS = fc.oneof(
  fc.constantFrom(
    '財政課',
    '人事課',
    '上下水道局 経営企画課',
    '未来戦略室',
    '達成推進室',
    '企画部',
    '市民センター',
    '人事',
  ),
  fc
    .tuple(
      fc.string({
        unit: fc.constantFrom('総', '務', '企', '画', '未', '一', '部', '達', '成', '子', '育'),
        minLength: 1,
        maxLength: 4,
      }),
      fc.constantFrom('課', '室', '局', '部', '所', 'センター', '委員会', ''),
    )
    .map(([a, b]) => a + b),
);

/** A cell as the flat table's rating column holds it: one word, or `所管課 rating` pairs. */
function flatCell(s: StatusScheme): fc.Arbitrary<{ text: string; words: string[] }> {
  const single = statusWord(s).chain((w) => variant(w).map((text) => ({ text, words: [w] })));
  const pair = fc.tuple(DEPARTMENTS, statusWord(s), fc.constantFrom(' ', '', '：', '\u3000'), fc.boolean());
  const pairs = fc
    .tuple(fc.array(pair, { minLength: 1, maxLength: 4 }), fc.constantFrom(' ', '、', '\n'))
    .map(([ps, between]) => ({
      text: ps.map(([d, w, sep, bracket]) => `${bracket ? `【${d}】` : d}${sep}${w}`).join(between),
      words: ps.map(([, w]) => w),
    }));
  return fc.oneof(single, pairs);
}

const RUNS = 300;

describe('status cells: counted on their own label, or listed (property)', () => {
  it('flat table (A / B / C / D / 完了): every rating cell', () => {
    const s = scheme('abcd');
    fc.assert(
      fc.property(fc.array(flatCell(s), { minLength: 1, maxLength: 6 }), (cells) => {
        const result = analyze(flatWorkbook(cells.map((c) => c.text)));
        checkCells(
          result,
          s,
          cells.map((c) => c.words),
        );
      }),
      { numRuns: RUNS },
    );
  });

  it('cards (順調 / やや遅れている / 遅れている): every status cell', () => {
    const s = scheme('progress3');
    fc.assert(
      fc.property(
        fc.array(
          statusWord(s).chain((w) => variant(w).map((text) => ({ text, w }))),
          { minLength: 1, maxLength: 5 },
        ),
        (cells) => {
          const result = analyze(cardWorkbook(cells.map((c) => c.text)));
          checkCells(
            result,
            s,
            cells.map((c) => [c.w]),
          );
        },
      ),
      { numRuns: RUNS },
    );
  });
});

describe('status cells: the cases the issue names', () => {
  const codesAt = (result: AnalysisResult, row: number) =>
    result.diagnostics
      .filter((d) => d.at.row === row)
      .map((d) => [d.code, hasCode(d, 'UNKNOWN_STATUS') ? (d.params.suggestion ?? null) : null]);

  it('a flat table holding 未達成 / 一部達成 / 未完了 / 一部完了 never counts them as 完了', () => {
    const cells = ['未達成', '一部達成', '未完了', '一部完了', '達成'];
    const result = analyze(flatWorkbook(cells));
    expect(result.entries.map((e) => [e.rawStatus, e.department, e.category])).toEqual([
      ['未達成', '財政課', null],
      ['一部達成', '財政課', null],
      ['未完了', '財政課', null],
      ['一部完了', '財政課', null],
      ['達成', '財政課', '完了'],
    ]);
    // Each negated cell is in 検証結果, and nothing suggests the positive label it negates.
    for (let i = 0; i < 4; i++) expect(codesAt(result, 2 + i)).toEqual([['UNKNOWN_STATUS', null]]);
    expect(result.summaries[0]!.total['完了']).toBe(1);
    expect(result.summaries[0]!.unclassified).toBe(4);
  });

  it('counts 未達成 / 一部達成 / 達成 on their own labels with a scheme that has them', () => {
    const settings: Settings = {
      ...DEFAULT_SETTINGS,
      schemes: [
        ...DEFAULT_SCHEMES,
        {
          id: 'tassei',
          name: '達成 / 一部達成 / 未達成',
          categories: [
            { label: '達成', aliases: [] },
            { label: '一部達成', aliases: [] },
            { label: '未達成', aliases: [] },
          ],
        },
      ],
      layoutSchemes: { ...DEFAULT_SETTINGS.layoutSchemes, flatTable: 'tassei' },
    };
    const result = analyze(flatWorkbook(['未達成', '一部達成', '達成', '一部 達成']), settings);
    expect(result.entries.map((e) => e.category)).toEqual(['未達成', '一部達成', '達成', '一部達成']);
    expect(result.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
  });

  it('keeps the 所管課 whole: a rating is never cut off the end of a word', () => {
    const result = analyze(
      flatWorkbook(['財政課 未完了 人事課 A', '財政課一部A', '財政課 一部 A', '財政課A 人事課 B']),
    );
    expect(result.entries.map((e) => [e.department, e.rawStatus, e.category])).toEqual([
      ['財政課', '財政課 未完了 人事課 A', null],
      ['財政課', '財政課一部A', null],
      ['財政課', '財政課 一部 A', null],
      ['財政課', 'A', 'A'],
      ['人事課', 'B', 'B'],
    ]);
  });

  it('counts a status before a bracketed note and lists the note as information', () => {
    const result = analyze(flatWorkbook(['B（一部完了）', '(未)完了']));
    expect(result.entries.map((e) => e.category)).toEqual(['B', null]);
    expect(codesAt(result, 2)).toEqual([['STATUS_NOTE', null]]);
    expect(result.diagnostics.find((d) => d.code === 'STATUS_NOTE')!.params).toEqual({
      status: 'B',
      note: '一部完了',
    });
    expect(codesAt(result, 3)).toEqual([['UNKNOWN_STATUS', null]]);
  });

  it('suggests a one-letter label written with a word after it: Ａ評価 → A', () => {
    const result = analyze(flatWorkbook(['Ａ評価']));
    expect(codesAt(result, 2)).toEqual([['UNKNOWN_STATUS', 'A']]);
  });
});
