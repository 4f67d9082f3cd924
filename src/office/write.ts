import {
  parseA1,
  qualifiedA1,
  toA1,
  type OutputPlan,
  type PlanCell,
  type SheetPlan,
  type StyleDef,
  type StyledRange,
  STYLES,
  ownerNameFor,
} from '../core/index';
import { charsToPoints } from './addresses';
import { HostError, isPayloadError, isSplittableRefusal } from './errors';
import {
  GRID_DATA_FACTOR,
  LARGE_REQUEST_BYTES,
  LINK_WRITE_BYTES,
  MAX_STEP_BYTES,
  STYLE_ACTION_BYTES,
  WRITE_ACTION_BYTES,
  WRITE_BUDGET_BYTES,
} from './limits';
import type { WorkbookListing } from './read';

/**
 * Carrying out an output plan in Excel, as few round trips as the payload allows (normally one).
 *
 * Order, chosen so that a failure part-way leaves nothing a re-run cannot repair:
 *   1. delete the owned outputs the plan replaces, then our ownership names (now #REF!);
 *   2. add each sheet together with its ownership name, so even a half-written sheet is ours
 *      and the next run replaces it;
 *   3. per sheet: number formats ('@' on every text cell, so text stays text — `=cmd|…` included),
 *      values, formulas, merges, styles by whole ranges, links, widths, hidden columns, freeze panes,
 *      print setup, charts (worksheet.charts.add over the plan's label and count cells, ExcelApi 1.1);
 *   4. activate the sheet the plan names.
 */

/** One unit of writing: what it costs in the request and how to queue it. */
export interface WriteStep {
  readonly bytes: number;
  readonly queue: (context: Excel.RequestContext, sheets: Map<string, Excel.Worksheet>) => void;
}

export interface WriteReport {
  readonly syncs: number;
  readonly steps: number;
  /** Estimated request bytes of each round trip Excel carried out. */
  readonly requestBytes: readonly number[];
  /** Requests Excel refused for their size (sent again in halves); counted in syncs. */
  readonly refused: number;
}

export async function writePlan(
  context: Excel.RequestContext,
  plan: OutputPlan,
  listing: WorkbookListing,
): Promise<WriteReport> {
  checkWritable(plan, listing);
  const steps = planSteps(plan, listing);
  const sheets = new Map<string, Excel.Worksheet>();
  const requestBytes: number[] = [];
  let refused = 0;
  const pending = packSteps(steps);
  for (let batch = pending.shift(); batch; batch = pending.shift()) {
    for (const step of batch) step.queue(context, sheets);
    const estimated = batch.reduce((n, s) => n + s.bytes, 0);
    try {
      // One pass per payload-sized batch; normally there is exactly one.
      // eslint-disable-next-line office-addins/no-context-sync-in-loop
      await context.sync();
    } catch (e) {
      // Excel refused the request for its size before running any of it (the library's JSON was
      // larger than estimated): the same steps again in halves. A step's queue re-gets what it uses,
      // so a sheet added in the refused request is added again by its own step.
      if (!isRequestRefusal(e, estimated) || batch.length < 2) throw e;
      refused++;
      const half = Math.ceil(batch.length / 2);
      pending.unshift(batch.slice(0, half), batch.slice(half));
      continue;
    }
    requestBytes.push(estimated);
  }
  return { syncs: requestBytes.length + refused, steps: steps.length, requestBytes, refused };
}

/**
 * A write refused before it ran: the request payload error, or a bare GeneralException for a large
 * request (as Excel on the web answers one). Never the response error: that request ran.
 */
function isRequestRefusal(e: unknown, estimatedBytes: number): boolean {
  if (isPayloadError(e) && (e as { code?: unknown }).code !== 'RequestPayloadSizeLimitExceeded') return false;
  return isSplittableRefusal(e, estimatedBytes, LARGE_REQUEST_BYTES);
}

/** Refuses before touching anything when Excel would refuse half-way. */
export function checkWritable(plan: OutputPlan, listing: WorkbookListing): void {
  if (listing.workbookProtected) throw new HostError('WORKBOOK_PROTECTED');
  const replaced = new Set(plan.replace);
  for (const s of listing.sheets) {
    if (replaced.has(s.name) && s.protected) throw new HostError('SHEET_PROTECTED', { sheet: s.name });
  }
}

/** Consecutive steps grouped so that each request stays within the payload budget. */
export function packSteps(steps: readonly WriteStep[]): WriteStep[][] {
  const batches: WriteStep[][] = [];
  let current: WriteStep[] = [];
  let bytes = 0;
  for (const step of steps) {
    if (current.length > 0 && bytes + step.bytes > WRITE_BUDGET_BYTES) {
      batches.push(current);
      current = [];
      bytes = 0;
    }
    current.push(step);
    bytes += step.bytes;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}

/** Shown in Excel's Name Manager next to each ownership name. */
const OWNER_NAME_COMMENT = '改革集計の出力シート（削除しないでください）';

/**
 * A step list and the way to add to it: data bytes plus what the library sends around them, one
 * action (with its object path) per object got, property set or method called.
 */
function stepList(): {
  steps: WriteStep[];
  op: (bytes: number, queue: WriteStep['queue'], actions?: number) => void;
} {
  const steps: WriteStep[] = [];
  return {
    steps,
    op: (bytes, queue, actions = 2) => steps.push({ bytes: bytes + actions * WRITE_ACTION_BYTES, queue }),
  };
}

/** Actions the library sends for one grid write: the range, the set, and one more per 1500 cells it chunks. */
function gridActions(cells: number): number {
  return 2 + 2 * Math.ceil(cells / 1500);
}

export function planSteps(plan: OutputPlan, listing: WorkbookListing): WriteStep[] {
  const { steps, op } = stepList();

  for (const name of plan.replace) {
    op(jsonBytes(name), (ctx) => ctx.workbook.worksheets.getItem(name).delete());
  }
  const planned = new Set(plan.sheets.map((s) => ownerNameFor(s.role)));
  const replaced = new Set(plan.replace);
  const ownedElsewhere = new Set(
    listing.sheets.filter((s) => s.role && !replaced.has(s.name)).map((s) => ownerNameFor(s.role!)),
  );
  for (const name of listing.ownerNames) {
    // A name still marking a sheet that stays is kept, unless the plan needs the name for a new sheet.
    if (ownedElsewhere.has(name) && !planned.has(name)) continue;
    op(jsonBytes(name), (ctx) => ctx.workbook.names.getItem(name).delete());
  }

  for (const sheet of plan.sheets) {
    op(
      jsonBytes(sheet.name) * 2,
      (ctx, sheets) => {
        const ws = ctx.workbook.worksheets.add(sheet.name);
        sheets.set(sheet.name, ws);
        ctx.workbook.names.add(ownerNameFor(sheet.role), ws.getRange('A1'), OWNER_NAME_COMMENT);
      },
      5,
    );
  }
  for (const sheet of plan.sheets) for (const step of sheetSteps(sheet)) steps.push(step);

  if (plan.activate) {
    op(jsonBytes(plan.activate), (ctx, sheets) =>
      (sheets.get(plan.activate) ?? ctx.workbook.worksheets.getItem(plan.activate)).activate(),
    );
  }
  return steps;
}

function sheetSteps(sheet: SheetPlan): WriteStep[] {
  const { steps, op } = stepList();
  const name = sheet.name;
  const ws = (ctx: Excel.RequestContext, sheets: Map<string, Excel.Worksheet>): Excel.Worksheet =>
    sheets.get(name) ?? ctx.workbook.worksheets.getItem(name);

  const width = sheet.rows.reduce((w, r) => Math.max(w, r.length), 0);
  const height = sheet.rows.length;
  if (width > 0 && height > 0) {
    const formats = numberFormats(sheet, width);
    const values = sheet.rows.map((row) =>
      Array.from({ length: width }, (_, c) => cellValue(row[c] ?? null)),
    );
    for (const band of rowBands(formats)) {
      op(
        band.bytes * GRID_DATA_FACTOR,
        (ctx, sheets) => {
          ws(ctx, sheets).getRangeByIndexes(band.top, 0, band.rows.length, width).numberFormat = band.rows;
        },
        gridActions(band.rows.length * width),
      );
    }
    for (const band of rowBands(values)) {
      op(
        band.bytes * GRID_DATA_FACTOR,
        (ctx, sheets) => {
          ws(ctx, sheets).getRangeByIndexes(band.top, 0, band.rows.length, width).values = band.rows;
        },
        gridActions(band.rows.length * width),
      );
    }
    const formulas = formulaBlock(sheet.rows);
    if (formulas) {
      for (const band of rowBands(formulas.grid)) {
        op(
          band.bytes * GRID_DATA_FACTOR,
          (ctx, sheets) => {
            const range = ws(ctx, sheets).getRangeByIndexes(
              formulas.top + band.top,
              formulas.left,
              band.rows.length,
              formulas.width,
            );
            range.formulas = band.rows as string[][];
          },
          gridActions(band.rows.length * formulas.width),
        );
      }
    }
  }

  for (const m of sheet.merges) {
    op(16, (ctx, sheets) =>
      ws(ctx, sheets)
        .getRangeByIndexes(m.top, m.left, m.bottom - m.top + 1, m.right - m.left + 1)
        .merge(false),
    );
  }

  for (const styled of sheet.styles) {
    const def = STYLES[styled.style];
    steps.push({
      bytes: jsonBytes(def) + styleActions(styled, def) * STYLE_ACTION_BYTES,
      queue: (ctx, sheets) => applyStyle(rangeOf(ws(ctx, sheets), styled), styled, def),
    });
  }

  sheet.rows.forEach((row, r) =>
    row.forEach((cell, c) => {
      if (cell?.kind !== 'link') return;
      const target = parseA1(cell.cell) ?? { row: 0, col: 0 };
      const documentReference = qualifiedA1(cell.sheet, target.row, target.col);
      steps.push({
        bytes: jsonBytes(documentReference) + LINK_WRITE_BYTES,
        queue: (ctx, sheets) => {
          // No textToDisplay: the cell keeps the text written above, as text.
          ws(ctx, sheets).getRangeByIndexes(r, c, 1, 1).hyperlink = { documentReference };
        },
      });
    }),
  );

  for (const run of widthRuns(sheet.columnWidths)) {
    op(
      16,
      (ctx, sheets) => {
        ws(ctx, sheets).getRangeByIndexes(0, run.first, 1, run.count).format.columnWidth = charsToPoints(
          run.width,
        );
      },
      3,
    );
  }

  for (const c of sheet.hiddenColumns ?? []) {
    op(16, (ctx, sheets) => {
      ws(ctx, sheets).getRangeByIndexes(0, c, 1, 1).columnHidden = true;
    });
  }

  const freeze = sheet.freeze;
  if (freeze && (freeze.rows > 0 || freeze.cols > 0)) {
    op(
      16,
      (ctx, sheets) => {
        const panes = ws(ctx, sheets).freezePanes;
        if (freeze.cols === 0) panes.freezeRows(freeze.rows);
        else if (freeze.rows === 0) panes.freezeColumns(freeze.cols);
        else panes.freezeAt(ws(ctx, sheets).getRangeByIndexes(0, 0, freeze.rows, freeze.cols));
      },
      4,
    );
  }

  op(
    64,
    (ctx, sheets) => {
      const layout = ws(ctx, sheets).pageLayout;
      layout.orientation = sheet.print.orientation === 'landscape' ? 'Landscape' : 'Portrait';
      layout.paperSize = 'A4';
      if (sheet.print.fitToWidth) layout.zoom = { horizontalFitToPages: 1 };
      const titles = sheet.printTitleRows;
      if (titles) layout.setPrintTitleRows(`$${titles.first + 1}:$${titles.last + 1}`);
    },
    7,
  );

  const filter = sheet.autoFilter;
  if (filter) {
    op(
      16,
      (ctx, sheets) => {
        const sh = ws(ctx, sheets);
        sh.autoFilter.apply(
          sh.getRangeByIndexes(
            filter.top,
            filter.left,
            filter.bottom - filter.top + 1,
            filter.right - filter.left + 1,
          ),
        );
      },
      4,
    );
  }
  for (const chart of sheet.charts ?? []) {
    // The labels' column and the counts' column side by side, series by columns: Excel reads the
    // text column as the categories, so the bars are the table's rows as printed.
    const left = Math.min(chart.categories.left, chart.values.left);
    const right = Math.max(chart.categories.right, chart.values.right);
    const a = chart.anchor;
    op(
      64 + chart.title.length * 3,
      (ctx, sheets) => {
        const sh = ws(ctx, sheets);
        const source = sh.getRangeByIndexes(
          chart.values.top,
          left,
          chart.values.bottom - chart.values.top + 1,
          right - left + 1,
        );
        const c = sh.charts.add('BarClustered', source, 'Columns');
        c.title.text = chart.title;
        c.legend.visible = false;
        c.setPosition(toA1(a.row, a.col), toA1(a.row + a.rows - 1, a.col + a.cols - 1));
      },
      // getRangeByIndexes, charts, add, title, set text, legend, set visible, setPosition
      8,
    );
  }
  return steps;
}

/** What goes in `values`: text as text (the cell is '@'), numbers, null where formulas follow. */
function cellValue(cell: PlanCell): string | number | null {
  if (cell === null) return null;
  switch (cell.kind) {
    case 'text':
    case 'link':
      return cell.text;
    case 'number':
      return cell.value;
    case 'formula':
      return null;
  }
}

/**
 * One number format per cell: '@' for text and links, whatever a style says, so Excel stores the
 * string as typed; otherwise the last style's format covering the cell; otherwise General.
 */
export function numberFormats(sheet: SheetPlan, width: number): string[][] {
  const grid = sheet.rows.map(() => Array.from({ length: width }, () => 'General'));
  for (const s of sheet.styles) {
    const format = STYLES[s.style].numberFormat;
    if (!format) continue;
    for (let r = s.top; r <= s.bottom && r < grid.length; r++) {
      for (let c = s.left; c <= s.right && c < width; c++) grid[r]![c] = format;
    }
  }
  sheet.rows.forEach((row, r) =>
    row.forEach((cell, c) => {
      if (cell?.kind === 'text' || cell?.kind === 'link') grid[r]![c] = '@';
    }),
  );
  return grid;
}

/** The smallest block holding every formula, with null (unchanged) around them. */
function formulaBlock(
  rows: SheetPlan['rows'],
): { top: number; left: number; width: number; grid: (string | null)[][] } | null {
  let top = Infinity;
  let left = Infinity;
  let bottom = -1;
  let right = -1;
  rows.forEach((row, r) =>
    row.forEach((cell, c) => {
      if (cell?.kind !== 'formula') return;
      top = Math.min(top, r);
      bottom = Math.max(bottom, r);
      left = Math.min(left, c);
      right = Math.max(right, c);
    }),
  );
  if (bottom < 0) return null;
  const width = right - left + 1;
  const grid: (string | null)[][] = [];
  for (let r = top; r <= bottom; r++) {
    grid.push(
      Array.from({ length: width }, (_, i) => {
        const cell = rows[r]?.[left + i];
        return cell?.kind === 'formula' ? `=${cell.formula}` : null;
      }),
    );
  }
  return { top, left, width, grid };
}

/** Row bands of a grid each under MAX_STEP_BYTES. */
function rowBands<T>(grid: readonly T[][]): { top: number; rows: T[][]; bytes: number }[] {
  const bands: { top: number; rows: T[][]; bytes: number }[] = [];
  let current: T[][] = [];
  let top = 0;
  let bytes = 0;
  grid.forEach((row, r) => {
    const rowBytes = jsonBytes(row);
    if (current.length > 0 && bytes + rowBytes > MAX_STEP_BYTES) {
      bands.push({ top, rows: current, bytes });
      current = [];
      top = r;
      bytes = 0;
    }
    current.push(row);
    bytes += rowBytes;
  });
  if (current.length > 0) bands.push({ top, rows: current, bytes });
  return bands;
}

function rangeOf(ws: Excel.Worksheet, s: StyledRange): Excel.Range {
  return ws.getRangeByIndexes(s.top, s.left, s.bottom - s.top + 1, s.right - s.left + 1);
}

type Edge = 'EdgeTop' | 'EdgeBottom' | 'EdgeLeft' | 'EdgeRight' | 'InsideVertical' | 'InsideHorizontal';
const EDGES: readonly Edge[] = ['EdgeTop', 'EdgeBottom', 'EdgeLeft', 'EdgeRight'];

function applyStyle(range: Excel.Range, s: StyledRange, def: StyleDef): void {
  const format = range.format;
  const font = format.font;
  if (def.bold !== undefined) font.bold = def.bold;
  if (def.italic !== undefined) font.italic = def.italic;
  if (def.fontSize !== undefined) font.size = def.fontSize;
  if (def.fontColor !== undefined) font.color = def.fontColor;
  if (def.underline !== undefined) font.underline = def.underline ? 'Single' : 'None';
  if (def.fill !== undefined) format.fill.color = def.fill;
  if (def.wrap !== undefined) format.wrapText = def.wrap;
  if (def.horizontal) format.horizontalAlignment = HORIZONTAL[def.horizontal];
  if (def.vertical) format.verticalAlignment = def.vertical === 'top' ? 'Top' : 'Center';
  if (def.border === 'thin') {
    const edges: Edge[] = [...EDGES];
    // Inside borders exist only where the range has more than one column / row.
    if (s.right > s.left) edges.push('InsideVertical');
    if (s.bottom > s.top) edges.push('InsideHorizontal');
    for (const edge of edges) {
      const border = format.borders.getItem(edge);
      border.style = 'Continuous';
      border.weight = 'Thin';
    }
  }
}

const HORIZONTAL = { left: 'Left', center: 'Center', right: 'Right' } as const;

/** Actions applyStyle sends: the range, its format and font, each property set, and per border edge the edge and its two sets. */
function styleActions(s: StyledRange, def: StyleDef): number {
  const font = [def.bold, def.italic, def.fontSize, def.fontColor, def.underline].filter(
    (x) => x !== undefined,
  );
  const set = [def.wrap, def.horizontal, def.vertical].filter((x) => x !== undefined && x !== false);
  const fill = def.fill !== undefined ? 2 : 0;
  const edges = def.border === 'thin' ? 4 + (s.right > s.left ? 1 : 0) + (s.bottom > s.top ? 1 : 0) : 0;
  return 3 + font.length + set.length + fill + 3 * edges + (edges > 0 ? 1 : 0);
}

function widthRuns(widths: readonly number[]): { first: number; count: number; width: number }[] {
  const runs: { first: number; count: number; width: number }[] = [];
  widths.forEach((width, c) => {
    const last = runs[runs.length - 1];
    if (last && last.width === width && last.first + last.count === c) last.count++;
    else runs.push({ first: c, count: 1, width });
  });
  return runs;
}

/** UTF-8 bytes of the JSON Excel receives (counted by hand: not every runtime has TextEncoder). */
export function jsonBytes(x: unknown): number {
  const json = JSON.stringify(x) ?? '';
  let bytes = 0;
  for (let i = 0; i < json.length; i++) {
    const code = json.charCodeAt(i);
    // A surrogate pair is 4 bytes: 2 counted here for each half.
    bytes += code < 0x80 ? 1 : code < 0x800 ? 2 : code >= 0xd800 && code < 0xe000 ? 2 : 3;
  }
  return bytes;
}
