import { DENSE_FACTOR, DIRECT_READ_CELLS, GAP_CELLS } from './limits';

/**
 * Which parts of a sheet's used range to read cell by cell.
 *
 * The used range (values only) holds every value of the sheet, but one stray value at XFD1048576
 * stretches it over 17 billion cells. The filled areas Excel reports (getSpecialCells: constants and
 * formulas) say where the values are, and the used range is cut along them into
 *   - blocks, read cell by cell, where values lie close together (small gaps are read as they are);
 *   - probes, the large stretches the areas call empty, asked only for their own used range.
 * Blocks and probes together cover the used range exactly. The areas are a guide, not a proof (a
 * value they leave out, a dynamic array's spill say, would otherwise be lost): a probe that finds
 * values is planned again, without areas, by planUnknown.
 */

/** A rectangle of cells, 0-based, as getRangeByIndexes takes it. */
export interface Box {
  readonly top: number;
  readonly left: number;
  readonly rows: number;
  readonly cols: number;
}

export interface Block extends Box {
  /** The filled areas inside the block (clipped to it); null when unknown (read as if full). */
  readonly areas: readonly Box[] | null;
}

export interface ReadPlan {
  readonly blocks: Block[];
  readonly probes: Box[];
}

export function cellCount(b: Box): number {
  return b.rows * b.cols;
}

export function intersect(a: Box, b: Box): Box | null {
  const top = Math.max(a.top, b.top);
  const left = Math.max(a.left, b.left);
  const bottom = Math.min(a.top + a.rows, b.top + b.rows);
  const right = Math.min(a.left + a.cols, b.left + b.cols);
  return bottom > top && right > left ? { top, left, rows: bottom - top, cols: right - left } : null;
}

/** The parts of the areas inside `to`. */
export function clipAll(areas: readonly Box[], to: Box): Box[] {
  const out: Box[] = [];
  for (const a of areas) {
    const c = intersect(a, to);
    if (c) out.push(c);
  }
  return out;
}

function hull(areas: readonly Box[]): Box {
  let top = Infinity;
  let left = Infinity;
  let bottom = -Infinity;
  let right = -Infinity;
  for (const a of areas) {
    top = Math.min(top, a.top);
    left = Math.min(left, a.left);
    bottom = Math.max(bottom, a.top + a.rows);
    right = Math.max(right, a.left + a.cols);
  }
  return { top, left, rows: bottom - top, cols: right - left };
}

/** `outer` minus `inner` (inside it) as up to four rectangles: above, below, left, right. */
function difference(outer: Box, inner: Box): Box[] {
  const pieces: Box[] = [
    { top: outer.top, left: outer.left, rows: inner.top - outer.top, cols: outer.cols },
    {
      top: inner.top + inner.rows,
      left: outer.left,
      rows: outer.top + outer.rows - (inner.top + inner.rows),
      cols: outer.cols,
    },
    { top: inner.top, left: outer.left, rows: inner.rows, cols: inner.left - outer.left },
    {
      top: inner.top,
      left: inner.left + inner.cols,
      rows: inner.rows,
      cols: outer.left + outer.cols - (inner.left + inner.cols),
    },
  ];
  return pieces.filter((p) => p.rows > 0 && p.cols > 0);
}

type Axis = 'rows' | 'cols';

function span(b: Box, axis: Axis): [number, number] {
  return axis === 'rows' ? [b.top, b.top + b.rows] : [b.left, b.left + b.cols];
}

function withSpan(b: Box, axis: Axis, start: number, end: number): Box {
  return axis === 'rows'
    ? { top: start, left: b.left, rows: end - start, cols: b.cols }
    : { top: b.top, left: start, rows: b.rows, cols: end - start };
}

/** Empty stretches across the whole box, each worth skipping: [start, end) along the axis. */
function gaps(box: Box, areas: readonly Box[], axis: Axis): [number, number][] {
  const across = axis === 'rows' ? box.cols : box.rows;
  const spans = areas.map((a) => span(a, axis)).sort((a, b) => a[0] - b[0]);
  const out: [number, number][] = [];
  let reach = spans[0]?.[1] ?? 0;
  for (const [start, end] of spans) {
    if (start > reach && (start - reach) * across >= GAP_CELLS) out.push([reach, start]);
    reach = Math.max(reach, end);
  }
  return out;
}

function skipped(gapList: readonly [number, number][], across: number): number {
  return gapList.reduce((n, [s, e]) => n + (e - s) * across, 0);
}

/** Two halves of a box, cut across its longer side. */
export function halves(b: Box): [Box, Box] {
  const axis: Axis = b.rows >= b.cols ? 'rows' : 'cols';
  const [start, end] = span(b, axis);
  const mid = start + Math.ceil((end - start) / 2);
  return [withSpan(b, axis, start, mid), withSpan(b, axis, mid, end)];
}

/**
 * The plan for a used range and the filled areas found in it. Cuts along empty stretches of at least
 * GAP_CELLS cells (the largest saving first, then inside each part again); a part with no such
 * stretch is read whole when it is dense enough, else halved — so the cells read stay within a
 * constant factor of the filled ones, however the values are scattered.
 */
export function planSheet(used: Box, areas: readonly Box[]): ReadPlan {
  const plan: ReadPlan = { blocks: [], probes: [] };
  const work: { region: Box; areas: Box[] }[] = [{ region: used, areas: clipAll(areas, used) }];
  while (work.length > 0) {
    const { region, areas: inside } = work.pop()!;
    if (inside.length === 0) {
      plan.probes.push(region);
      continue;
    }
    let box = region;
    const h = hull(inside);
    if (cellCount(region) - cellCount(h) >= GAP_CELLS) {
      plan.probes.push(...difference(region, h));
      box = h;
    }
    const rowGaps = gaps(box, inside, 'rows');
    const colGaps = gaps(box, inside, 'cols');
    const byRows = skipped(rowGaps, box.cols);
    const byCols = skipped(colGaps, box.rows);
    if (byRows > 0 || byCols > 0) {
      const axis: Axis = byRows >= byCols ? 'rows' : 'cols';
      const cuts = axis === 'rows' ? rowGaps : colGaps;
      const parts: Box[] = [];
      let [start, end] = span(box, axis);
      for (const [gapStart, gapEnd] of cuts) {
        parts.push(withSpan(box, axis, start, gapStart));
        plan.probes.push(withSpan(box, axis, gapStart, gapEnd));
        start = gapEnd;
      }
      parts.push(withSpan(box, axis, start, end));
      // No area crosses a gap, so each lies in exactly one part.
      const sorted = [...inside].sort((a, b) => span(a, axis)[0] - span(b, axis)[0]);
      let i = 0;
      for (const part of parts) {
        end = span(part, axis)[1];
        const mine: Box[] = [];
        while (i < sorted.length && span(sorted[i]!, axis)[0] < end) mine.push(sorted[i++]!);
        work.push({ region: part, areas: mine });
      }
      continue;
    }
    const filled = inside.reduce((n, a) => n + cellCount(a), 0);
    if (cellCount(box) <= Math.max(GAP_CELLS, DENSE_FACTOR * filled)) {
      plan.blocks.push({ ...box, areas: inside });
      continue;
    }
    for (const half of halves(box)) work.push({ region: half, areas: clipAll(inside, half) });
  }
  // Top to bottom, left to right: the order the sheet is read in does not matter, but stays stable.
  plan.blocks.sort((a, b) => a.top - b.top || a.left - b.left);
  plan.probes.sort((a, b) => a.top - b.top || a.left - b.left);
  return plan;
}

/**
 * The plan for a range whose values are not known (a probe that found values, or a sheet whose filled
 * areas Excel would not give): read it when small enough, else ask for the used range of each half.
 */
export function planUnknown(range: Box): ReadPlan {
  if (cellCount(range) <= DIRECT_READ_CELLS) return { blocks: [{ ...range, areas: null }], probes: [] };
  return { blocks: [], probes: halves(range) };
}

/** Filled cells in each row of a block, from its areas; every cell when they are unknown. */
export function filledByRow(block: Block): Float64Array {
  const counts = new Float64Array(block.rows);
  if (block.areas === null) return counts.fill(block.cols);
  const diff = new Float64Array(block.rows + 1);
  for (const a of block.areas) {
    diff[a.top - block.top] = (diff[a.top - block.top] ?? 0) + a.cols;
    diff[a.top - block.top + a.rows] = (diff[a.top - block.top + a.rows] ?? 0) - a.cols;
  }
  let running = 0;
  for (let r = 0; r < block.rows; r++) {
    running += diff[r] ?? 0;
    counts[r] = running;
  }
  return counts;
}
