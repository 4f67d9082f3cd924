import fc from 'fast-check';
import type { Box, ReadPlan } from '../../src/office/extent';
import { cellCount, filledByRow, intersect, planSheet, planUnknown } from '../../src/office/extent';
import { DENSE_FACTOR, DIRECT_READ_CELLS, GAP_CELLS } from '../../src/office/limits';

const SHEET: Box = { top: 0, left: 0, rows: 1048576, cols: 16384 };

function box(top: number, left: number, rows: number, cols: number): Box {
  return { top, left, rows, cols };
}

/** Blocks and probes tile the used range: no overlap, nothing left over. */
function expectTiles(used: Box, plan: ReadPlan): void {
  const pieces: Box[] = [...blockBoxes(plan), ...plan.probes];
  for (const p of pieces) expect(intersect(p, used)).toEqual(p);
  for (let i = 0; i < pieces.length; i++) {
    for (let j = i + 1; j < pieces.length; j++) expect(intersect(pieces[i]!, pieces[j]!)).toBeNull();
  }
  expect(pieces.reduce((n, p) => n + cellCount(p), 0)).toBe(cellCount(used));
}

/** Every filled cell lies in a block (blocks do not overlap, so the shares add up). */
function expectFilledRead(areas: readonly Box[], plan: ReadPlan): void {
  for (const a of areas) {
    const covered = plan.blocks.reduce((n, b) => n + cellCount(intersect(a, b) ?? box(0, 0, 0, 0)), 0);
    expect(covered).toBe(cellCount(a));
  }
}

function blockBoxes(plan: ReadPlan): Box[] {
  return plan.blocks.map(({ top, left, rows, cols }) => ({ top, left, rows, cols }));
}

describe('planSheet', () => {
  it('reads a dense used range whole, with nothing to probe', () => {
    const used = box(2, 1, 300, 13);
    const plan = planSheet(used, [box(2, 1, 300, 13)]);
    expect(blockBoxes(plan)).toEqual([used]);
    expect(plan.probes).toEqual([]);
  });

  it('reads blank rows and columns inside a report with the cells around them', () => {
    // Cards of 10 rows × 5 columns with a blank row and a blank column between them.
    const areas: Box[] = [];
    for (let i = 0; i < 200; i++) {
      areas.push(box(i * 11, 0, 10, 5), box(i * 11, 6, 10, 5), box(i * 11 + 3, 12, 1, 1));
    }
    const used = box(0, 0, 200 * 11 - 1, 13);
    const plan = planSheet(used, areas);
    expect(blockBoxes(plan)).toEqual([used]);
    expect(plan.probes).toEqual([]);
  });

  it('leaves the empty rows before one stray value at XFD1048576 to probes', () => {
    const data = box(0, 0, 25000, 13);
    const stray = box(1048575, 16383, 1, 1);
    const plan = planSheet(SHEET, [data, stray]);
    expect(blockBoxes(plan)).toEqual([data, stray]);
    expectTiles(SHEET, plan);
    expect(plan.probes.length).toBeLessThanOrEqual(4);
  });

  it('cuts a used range stretched to the right by a stray value in the table’s own rows', () => {
    const used = box(0, 0, 25000, 16384);
    const data = box(0, 0, 25000, 13);
    const stray = box(4, 16383, 1, 1);
    const plan = planSheet(used, [data, stray]);
    expect(blockBoxes(plan)).toEqual([data, stray]);
    expectTiles(used, plan);
  });

  it('splits tables far apart on one sheet, and probes the stretch between', () => {
    const first = box(0, 0, 500, 13);
    const second = box(50000, 0, 500, 13);
    const used = box(0, 0, 50500, 13);
    const plan = planSheet(used, [first, second]);
    expect(blockBoxes(plan)).toEqual([first, second]);
    expect(plan.probes).toEqual([box(500, 0, 49500, 13)]);
  });

  it('halves a part with no empty stretch across it until what is read is dense (a pinwheel)', () => {
    // Four bars around an empty middle: every row and every column holds a value somewhere.
    const areas = [box(0, 0, 1, 3000), box(0, 3000, 3000, 1), box(2999, 1, 1, 3000), box(1, 0, 3000, 1)];
    const used = box(0, 0, 3001, 3001);
    const plan = planSheet(used, areas);
    expectTiles(used, plan);
    expectFilledRead(areas, plan);
    const read = plan.blocks.reduce((n, b) => n + cellCount(b), 0);
    const filled = areas.reduce((n, a) => n + cellCount(a), 0);
    expect(read).toBeLessThan(DENSE_FACTOR * filled);
    expect(read).toBeLessThan(cellCount(used) / 100);
  });

  it('probes a used range in which Excel found no filled areas', () => {
    const used = box(0, 0, 40000, 10);
    const plan = planSheet(used, []);
    expect(plan).toEqual({ blocks: [], probes: [used] });
  });

  it('ignores areas outside the used range', () => {
    const used = box(0, 0, 10, 10);
    const plan = planSheet(used, [box(0, 0, 10, 10), box(1048575, 0, 1, 1)]);
    expect(blockBoxes(plan)).toEqual([used]);
  });

  it('always tiles the used range, reads every filled cell, and keeps each block dense or small', () => {
    const area = fc
      .record({
        top: fc.integer({ min: 0, max: 200000 }),
        left: fc.integer({ min: 0, max: 2000 }),
        rows: fc.integer({ min: 1, max: 3000 }),
        cols: fc.integer({ min: 1, max: 40 }),
      })
      .map((a) => box(a.top, a.left, a.rows, a.cols));
    fc.assert(
      fc.property(fc.array(area, { minLength: 1, maxLength: 12 }), (raw) => {
        // Excel's areas do not overlap: keep the first of any two that would.
        const areas: Box[] = [];
        for (const a of raw) if (areas.every((b) => !intersect(a, b))) areas.push(a);
        const top = Math.min(...areas.map((a) => a.top));
        const left = Math.min(...areas.map((a) => a.left));
        const used = box(
          top,
          left,
          Math.max(...areas.map((a) => a.top + a.rows)) - top,
          Math.max(...areas.map((a) => a.left + a.cols)) - left,
        );
        const plan = planSheet(used, areas);
        expectTiles(used, plan);
        expectFilledRead(areas, plan);
        for (const b of plan.blocks) {
          const filled = areas.reduce((n, a) => n + cellCount(intersect(a, b) ?? box(0, 0, 0, 0)), 0);
          expect(filled).toBeGreaterThan(0);
          expect(cellCount(b)).toBeLessThanOrEqual(Math.max(GAP_CELLS, DENSE_FACTOR * filled));
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe('planUnknown', () => {
  it('reads a small range whole and probes a large one in halves', () => {
    const small = box(10, 0, 1000, 20);
    expect(planUnknown(small)).toEqual({ blocks: [{ ...small, areas: null }], probes: [] });
    const large = box(0, 0, 1048576, 16384);
    const plan = planUnknown(large);
    expect(plan.blocks).toEqual([]);
    expect(plan.probes).toEqual([box(0, 0, 524288, 16384), box(524288, 0, 524288, 16384)]);
    expect(cellCount(large)).toBeGreaterThan(DIRECT_READ_CELLS);
  });
});

describe('filledByRow', () => {
  it('counts the filled cells of each row from the areas, or every cell when they are unknown', () => {
    const block = { ...box(10, 0, 4, 6), areas: [box(10, 0, 2, 3), box(11, 4, 3, 2)] };
    expect([...filledByRow(block)]).toEqual([3, 5, 2, 2]);
    expect([...filledByRow({ ...box(0, 0, 2, 6), areas: null })]).toEqual([6, 6]);
  });
});
