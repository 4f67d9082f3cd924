import { ALL_LAYOUTS, benchWorkbook, generateWorkbook, type GeneratorVariant } from '../../bench/generator';
import { analyze } from '../../src/core/engine';
import type { AnyLayoutId, LayoutId } from '../../src/core/model';

/** Entries found per layout, as the engine reports them. */
function foundByLayout(entries: readonly { layout: AnyLayoutId }[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const e of entries) out[e.layout] = (out[e.layout] ?? 0) + 1;
  return out;
}

function rawStatuses(entries: readonly { layout: AnyLayoutId; rawStatus: string }[], layout: LayoutId) {
  const out: Record<string, number> = {};
  for (const e of entries) if (e.layout === layout) out[e.rawStatus] = (out[e.rawStatus] ?? 0) + 1;
  return out;
}

const VARIANTS: readonly [string, GeneratorVariant][] = [
  ['from A1', {}],
  ['moved to C4', { offset: { rows: 3, cols: 2 } }],
  ['with real numbers', { realNumbers: true }],
  ['with merged cells', { merge: true }],
  ['moved, merged, real numbers', { offset: { rows: 1, cols: 1 }, realNumbers: true, merge: true }],
];

describe('generateWorkbook', () => {
  it.each(VARIANTS)('gives workbooks the engine recognises, layout by layout, %s', (_, variant) => {
    for (const layout of ALL_LAYOUTS) {
      const g = generateWorkbook({ seed: 11, sheets: 2, itemsPerSheet: 13, layouts: [layout], variant });
      const r = analyze(g.workbook);
      expect({ layout, sheets: r.sheets.map((s) => s.layout) }).toEqual({
        layout,
        sheets: [layout, layout],
      });
      expect({ layout, found: r.entries.length }).toEqual({ layout, found: g.expectedByLayout[layout] });
      // Clean generated data: nothing for the user to fix.
      expect(r.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
      const reported = g.reportedStatuses[layout];
      if (reported) expect(rawStatuses(r.entries, layout)).toEqual(reported);
    }
  });

  it('mixes the five layouts over the sheets, and the engine counts each', () => {
    const g = generateWorkbook({ seed: 3, sheets: 10, itemsPerSheet: 9, variant: { merge: true } });
    const r = analyze(g.workbook);
    expect(r.sheets.map((s) => s.layout)).toEqual([...ALL_LAYOUTS, ...ALL_LAYOUTS]);
    expect(foundByLayout(r.entries)).toEqual(g.expectedByLayout);
    expect(r.entries).toHaveLength(g.expectedEntries);
    expect(g.expectedByLayout.planCards).toBe(2 * 9 * 5); // one entry per card and plan year
  });

  it('is deterministic from its seed number', () => {
    const a = generateWorkbook({ seed: 5, sheets: 5, itemsPerSheet: 4 });
    const b = generateWorkbook({ seed: 5, sheets: 5, itemsPerSheet: 4 });
    const c = generateWorkbook({ seed: 6, sheets: 5, itemsPerSheet: 4 });
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
    expect(JSON.stringify(c)).not.toBe(JSON.stringify(a));
  });

  it('varies the long texts around the asked length', () => {
    const g = generateWorkbook({
      seed: 9,
      sheets: 1,
      itemsPerSheet: 40,
      layouts: ['cards'],
      textLength: 200,
    });
    const lengths = g.workbook.sheets[0]!.cells.filter((row) => row[0] === '現状').map(
      (row) => String(row[1]).length,
    );
    expect(lengths).toHaveLength(40);
    expect(Math.min(...lengths)).toBeGreaterThanOrEqual(100);
    expect(Math.max(...lengths)).toBeLessThanOrEqual(300);
    expect(new Set(lengths).size).toBeGreaterThan(10);
  });

  it('sizes the benchmark workbook at about 10,000 entries and 300,000 cells per scale step', () => {
    const g = benchWorkbook(1);
    expect(g.expectedEntries).toBeGreaterThanOrEqual(9900);
    expect(g.expectedEntries).toBeLessThanOrEqual(10100);
    expect(g.cells).toBeGreaterThan(250000);
    expect(g.cells).toBeLessThan(350000);
    expect(g.filledCells).toBeLessThan(g.cells);
  });
});
