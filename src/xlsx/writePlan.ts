/**
 * Carries out an OutputPlan on an ExcelJS workbook: removes our old output sheets, adds the new ones
 * with values, formulas (cached results), links, styles, merges, widths, panes, print setup and
 * autofilter, and marks them ours with the KaikakuShukei_<role> defined names. It never touches a
 * cell of any other sheet. The plan's charts are not written: ExcelJS has no chart writer, so the
 * command line says so (text.fallbackCharts) whenever it falls back here.
 */
import type ExcelJS from 'exceljs';
import {
  quoteSheetName,
  EngineError,
  STYLES,
  type OutputPlan,
  type PlanCell,
  type SheetPlan,
  type StyleDef,
  type StyleName,
  ownerNameFor,
  OWNER_NAME_PREFIX,
  sheetOfReference,
} from '../core/index';

/** Excel's paper size code for A4. */
const PAPER_A4 = 9;

export function writePlan(workbook: ExcelJS.Workbook, plan: OutputPlan): void {
  const removed = new Set<string>();
  for (const name of plan.replace) {
    const ws = workbook.getWorksheet(name);
    if (ws) {
      workbook.removeWorksheet(ws.id);
      removed.add(name);
    }
  }
  dropNames(workbook, removed);

  const existing = new Set(workbook.worksheets.map((ws) => ws.name.toLowerCase()));
  for (const s of plan.sheets) {
    if (existing.has(s.name.toLowerCase())) {
      throw new EngineError('OUTPUT_FAILED', `a sheet named ${s.name} is already in the workbook`, s.name);
    }
  }

  for (const s of plan.sheets) {
    addSheet(workbook, s);
    workbook.definedNames.add(`${quoteSheetName(s.name)}!$A$1`, ownerNameFor(s.role));
  }
  activate(workbook, plan.activate);
}

/** Our ownership names go (they are written afresh), and so do names pointing into removed sheets. */
function dropNames(workbook: ExcelJS.Workbook, removed: ReadonlySet<string>): void {
  const model = workbook.definedNames.model;
  const kept = model
    .filter((dn) => !dn.name.startsWith(OWNER_NAME_PREFIX))
    .map((dn) => ({ ...dn, ranges: dn.ranges.filter((r) => !removed.has(sheetOfRange(r) ?? '')) }))
    .filter((dn) => dn.ranges.length > 0);
  if (kept.length !== model.length || kept.some((dn, i) => dn.ranges.length !== model[i]!.ranges.length)) {
    workbook.definedNames.model = kept;
  }
}

/** The sheet of "'集計'!$A$1:$B$2" or "集計!$A$1". */
function sheetOfRange(range: string): string | null {
  return sheetOfReference(range.replace(/:\$?[A-Z]{1,3}\$?\d+$/, ''));
}

function addSheet(workbook: ExcelJS.Workbook, s: SheetPlan): ExcelJS.Worksheet {
  const ws = workbook.addWorksheet(s.name, {
    views: s.freeze
      ? [{ state: 'frozen', xSplit: s.freeze.cols, ySplit: s.freeze.rows }]
      : [{ state: 'normal' }],
    pageSetup: {
      paperSize: PAPER_A4,
      orientation: s.print.orientation,
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      ...(s.printTitleRows
        ? { printTitlesRow: `${s.printTitleRows.first + 1}:${s.printTitleRows.last + 1}` }
        : {}),
    },
  });

  s.columnWidths.forEach((w, i) => {
    ws.getColumn(i + 1).width = w;
  });
  for (const c of s.hiddenColumns ?? []) ws.getColumn(c + 1).hidden = true;

  s.rows.forEach((row, r) => {
    row.forEach((cell, c) => {
      if (cell !== null) setCell(ws.getCell(r + 1, c + 1), cell);
    });
  });

  // One style object per style name and sheet, shared by its cells as ExcelJS itself shares a merge's:
  // its writer then serialises each style once (it remembers them by object), not once per cell.
  // Sharing means no cell's font, fill, numFmt… may be set one by one after this: it would change
  // every cell of that style. Nothing below does.
  const styleCache = new Map<StyleName, Partial<ExcelJS.Style>>();
  for (const range of s.styles) {
    let style = styleCache.get(range.style);
    if (!style) {
      style = excelStyle(STYLES[range.style]);
      styleCache.set(range.style, style);
    }
    for (let r = range.top; r <= range.bottom; r++) {
      for (let c = range.left; c <= range.right; c++) {
        ws.getCell(r + 1, c + 1).style = style;
      }
    }
  }

  for (const m of s.merges) ws.mergeCells(m.top + 1, m.left + 1, m.bottom + 1, m.right + 1);

  if (s.autoFilter) {
    const f = s.autoFilter;
    ws.autoFilter = {
      from: { row: f.top + 1, column: f.left + 1 },
      to: { row: f.bottom + 1, column: f.right + 1 },
    };
  }
  return ws;
}

function setCell(cell: ExcelJS.Cell, v: Exclude<PlanCell, null>): void {
  switch (v.kind) {
    case 'text':
      // A plain string: ExcelJS stores it as a shared string, so `=…` is never parsed as a formula.
      cell.value = v.text;
      return;
    case 'number':
      cell.value = v.value;
      return;
    case 'formula':
      cell.value = { formula: v.formula, result: v.cached } as ExcelJS.CellFormulaValue;
      return;
    case 'link':
      // Rewritten into an in-document link (location, no relationship) by workbookToBytes.
      cell.value = { text: v.text, hyperlink: `#${quoteSheetName(v.sheet)}!${v.cell}` };
      return;
  }
}

function argb(hex: string): string {
  return `FF${hex.replace('#', '').toUpperCase()}`;
}

export function excelStyle(d: StyleDef): Partial<ExcelJS.Style> {
  const style: Partial<ExcelJS.Style> = {};
  const font: Partial<ExcelJS.Font> = {};
  if (d.bold) font.bold = true;
  if (d.italic) font.italic = true;
  if (d.fontSize) font.size = d.fontSize;
  if (d.fontColor) font.color = { argb: argb(d.fontColor) };
  if (d.underline) font.underline = true;
  if (Object.keys(font).length > 0) style.font = font;
  if (d.fill) style.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: argb(d.fill) } };
  if (d.border === 'thin') {
    const side: Partial<ExcelJS.Border> = { style: 'thin', color: { argb: 'FFA6A6A6' } };
    style.border = { top: side, left: side, bottom: side, right: side };
  }
  if (d.numberFormat) style.numFmt = d.numberFormat;
  const alignment: Partial<ExcelJS.Alignment> = {};
  if (d.wrap) alignment.wrapText = true;
  if (d.horizontal) alignment.horizontal = d.horizontal;
  if (d.vertical) alignment.vertical = d.vertical === 'center' ? 'middle' : 'top';
  if (Object.keys(alignment).length > 0) style.alignment = alignment;
  return style;
}

/** Opens the workbook on `name`: its tab active and the only one selected (two selected tabs would be grouped). */
function activate(workbook: ExcelJS.Workbook, name: string): void {
  const sheets = workbook.worksheets;
  const index = sheets.findIndex((ws) => ws.name === name);
  if (index < 0) return;
  for (const ws of sheets) {
    for (const view of ws.views ?? []) {
      (view as { tabSelected?: boolean }).tabSelected = ws.name === name;
    }
  }
  const views = workbook.views && workbook.views.length > 0 ? workbook.views : [defaultBookView()];
  workbook.views = views.map((v, i) => (i === 0 ? { ...v, activeTab: index, firstSheet: 0 } : v));
}

function defaultBookView(): ExcelJS.WorkbookView {
  return { x: 0, y: 0, width: 16000, height: 10000, firstSheet: 0, activeTab: 0, visibility: 'visible' };
}
