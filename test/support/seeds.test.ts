import { asRealNumber, parseSeedRows, seedGrid, seedWorkbook, SEED_IDS } from './seeds';
import type { CellInput, MergeArea } from '../../src/core/workbook';

describe('parseSeedRows', () => {
  it('turns heading lines into a single cell without the #s', () => {
    const rows = parseSeedRows('# 江別市の取組 (令和3年度)\n## (1) 情報共有\tx');
    expect(rows[0]!.cells).toEqual(['江別市の取組 (令和3年度)']);
    expect(rows[1]!.cells).toEqual(['(1) 情報共有\tx']);
  });

  it('drops table-rule lines and keeps blank lines as blank rows', () => {
    const rows = parseSeedRows('改革項目\t2\n------\t---\t-----\n\n--\n現状\tx\n\t\t-');
    expect(rows.map((r) => r.cells)).toEqual([['改革項目', '2'], [], ['現状', 'x'], [null, null, '-']]);
  });

  it('turns HTML fragments into lines and decodes entities, but keeps text in angle brackets', () => {
    const rows = parseSeedRows(
      '状況\t<ul style="x"> <li>・A &amp; B</li> <li>・C</li> </ul> <p>D&#65;</p>\n<R3期末報告>',
    );
    expect(rows[0]!.cells[1]).toBe('・A & B\n・C\nDA');
    expect(rows[1]!.cells).toEqual(['<R3期末報告>']);
  });

  it('does not take an error literal at the start of a line for a heading', () => {
    expect(parseSeedRows('#REF!\t1')[0]!.cells).toEqual(['#REF!', '1']);
  });
});

describe('seedGrid', () => {
  it.each(SEED_IDS)('reads seed %s with content and no rule lines', (id) => {
    const grid = seedGrid(id);
    expect(grid.length).toBeGreaterThan(100);
    for (const row of grid) for (const c of row) if (c !== null) expect(c).not.toMatch(/^-{2,}$/);
  });

  it('keeps the 関市 stated summary as cells', () => {
    const grid = seedGrid('001');
    const r = grid.findIndex((row) => row[0] === '達成状況');
    expect(grid[r + 1]).toEqual(['順調', '17']);
    expect(grid[r + 3]).toEqual(['遅れている', '2']);
  });
});

function textAt(cells: ReadonlyArray<ReadonlyArray<CellInput>>, r: number, c: number): unknown {
  const x = cells[r]?.[c];
  return typeof x === 'object' && x !== null ? x.value : x;
}

describe('seedWorkbook', () => {
  it('names the sheet after the city and the workbook after the slug', () => {
    const wb = seedWorkbook('001');
    expect(wb.sheets.map((s) => s.name)).toEqual(['関市']);
    expect(wb.name).toBe('seki.xlsx');
  });

  it('shifts the report by an offset', () => {
    const plain = seedWorkbook('003').sheets[0]!;
    const moved = seedWorkbook('003', { offset: { rows: 3, cols: 2 } }).sheets[0]!;
    const r = plain.cells.findIndex((row) => row[0] === '改革項目');
    expect(textAt(moved.cells, r + 3, 2)).toBe('改革項目');
    expect(textAt(moved.cells, r + 3, 0)).toBeNull();
  });

  it('splits the report over several sheets without losing rows', () => {
    const plain = seedWorkbook('003').sheets[0]!;
    const split = seedWorkbook('003', { splitEvery: 50 });
    expect(split.sheets.map((s) => s.name)).toEqual([
      '会津若松市1',
      '会津若松市2',
      '会津若松市3',
      '会津若松市4',
    ]);
    expect(split.sheets.reduce((n, s) => n + s.cells.length, 0)).toBe(plain.cells.length);
    expect(split.sheets[1]!.cells[0]).toEqual(plain.cells[50]);
    const at = seedWorkbook('003', { splitAt: [10, 100] });
    expect(at.sheets.map((s) => s.cells.length)).toEqual([10, 90, plain.cells.length - 100]);
  });

  it('merges blanks under filled cells and trailing blanks, without overlaps, values in the top cell', () => {
    for (const id of SEED_IDS) {
      const sheet = seedWorkbook(id, { merge: true, offset: { rows: 1, cols: 1 } }).sheets[0]!;
      const merges: readonly MergeArea[] = sheet.merges ?? [];
      expect(merges.length).toBeGreaterThan(0);
      const seen = new Set<string>();
      for (const m of merges) {
        expect(m.bottom > m.top || m.right > m.left).toBe(true);
        expect(textAt(sheet.cells, m.top, m.left)).not.toBeNull();
        for (let r = m.top; r <= m.bottom; r++) {
          for (let c = m.left; c <= m.right; c++) {
            const k = `${r},${c}`;
            expect(seen.has(k)).toBe(false);
            seen.add(k);
            if (r !== m.top || c !== m.left) expect(textAt(sheet.cells, r, c) ?? null).toBeNull();
          }
        }
      }
    }
  });

  it('merges a flat table’s 改革項目 column down over its rows', () => {
    const sheet = seedWorkbook('003', { merge: true }).sheets[0]!;
    const r = sheet.cells.findIndex((row) => textAt([row], 0, 0) === '①安定的・効率的な財政運営の推進');
    const m = sheet.merges!.find((x) => x.top === r && x.left === 0);
    expect(m && m.bottom).toBeGreaterThan(r);
  });

  it('turns plain numbers and percents into numbers with formats', () => {
    expect(asRealNumber('64.8%')).toEqual({ value: 0.648, numberFormat: '0.0%' });
    expect(asRealNumber('1,483')).toEqual({ value: 1483, numberFormat: '#,##0' });
    expect(asRealNumber('17')).toBe(17);
    expect(asRealNumber('2.3')).toEqual({ value: 2.3, numberFormat: '0.0' });
    expect(asRealNumber('01')).toBe('01');
    expect(asRealNumber('97回')).toBe('97回');
    const sheet = seedWorkbook('001', { realNumbers: true }).sheets[0]!;
    const r = sheet.cells.findIndex((row) => row[0] === '順調');
    expect(sheet.cells[r]![1]).toBe(17);
  });
});
