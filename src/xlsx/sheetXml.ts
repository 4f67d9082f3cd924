/**
 * One SheetPlan as a worksheet part, written directly as SpreadsheetML: text as inline strings (so no
 * cell text can become a formula or depend on the shared-string table), formulas with their cached
 * values, in-document links without relationships, and the children of <worksheet> in the order of
 * CT_Worksheet's sequence — sheetPr, dimension, sheetViews, cols, sheetData, autoFilter, mergeCells,
 * hyperlinks, pageMargins, pageSetup — as Excel refuses a part whose elements are out of order.
 */
import {
  columnLetters,
  quoteSheetName,
  toA1,
  type PlanCell,
  type SheetPlan,
  type StyleName,
} from '../core/index';
import { escapeAttr, escapeText } from './xml';

/** Excel's paper size code for A4. */
const PAPER_A4 = 9;

export interface SheetXmlOptions {
  readonly mainNs: string;
  /** cellXfs index per style name. */
  readonly styleIndex: Readonly<Record<StyleName, number>>;
  /** The sheet's tab is selected (it is the workbook's active sheet). */
  readonly tabSelected: boolean;
  /** The sheet's drawing (its charts): the relationship id and the r: namespace to write it with. */
  readonly drawing?: { readonly rid: string; readonly relNs: string };
}

/** The worksheet part as UTF-8 bytes, written piece by piece (no string of the whole sheet is built). */
export function worksheetXml(s: SheetPlan, o: SheetXmlOptions): Uint8Array {
  const styleOf = cellStyles(s, o.styleIndex);
  let maxRow = s.rows.length - 1;
  let maxCol = -1;
  for (const row of s.rows) maxCol = Math.max(maxCol, row.length - 1);
  for (const r of s.styles) {
    maxRow = Math.max(maxRow, r.bottom);
    maxCol = Math.max(maxCol, r.right);
  }
  for (const m of s.merges) {
    maxRow = Math.max(maxRow, m.bottom);
    maxCol = Math.max(maxCol, m.right);
  }
  const dimension = maxRow < 0 || maxCol < 0 ? 'A1' : `A1:${toA1(maxRow, maxCol)}`;

  const out = new Utf8Sink();
  out.push('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n');
  const rNs = o.drawing ? ` xmlns:r="${o.drawing.relNs}"` : '';
  out.push(`<worksheet xmlns="${o.mainNs}"${rNs}>`);
  out.push('<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>');
  out.push(`<dimension ref="${dimension}"/>`);
  out.push(sheetViews(s, o.tabSelected));
  const hidden = new Set(s.hiddenColumns ?? []);
  const widths = s.columnWidths
    .map((w, i) =>
      w > 0
        ? `<col min="${i + 1}" max="${i + 1}" width="${w}"${hidden.has(i) ? ' hidden="1"' : ''} customWidth="1"/>`
        : '',
    )
    .join('');
  if (widths !== '') out.push(`<cols>${widths}</cols>`);

  const letters: string[] = [];
  for (let c = 0; c <= maxCol; c++) letters.push(columnLetters(c));
  const links: string[] = [];
  out.push('<sheetData>');
  for (let r = 0; r <= maxRow; r++) {
    const row = s.rows[r];
    const styles = styleOf[r];
    const width = Math.max(row ? row.length : 0, styles ? styles.length : 0);
    let opened = false;
    for (let c = 0; c < width; c++) {
      const cell = row?.[c] ?? null;
      const style = styles?.[c] ?? -1;
      if (cell === null && style < 0) continue;
      if (!opened) {
        out.push(`<row r="${r + 1}">`);
        opened = true;
      }
      const ref = `${letters[c]!}${r + 1}`;
      cellXml(out, ref, style >= 0 ? ` s="${style}"` : '', cell);
      if (cell !== null && cell.kind === 'link') {
        const location = `${quoteSheetName(cell.sheet)}!${cell.cell}`;
        links.push(
          `<hyperlink ref="${ref}" location="${escapeAttr(location)}" display="${escapeAttr(xstring(cell.text))}"/>`,
        );
      }
    }
    if (opened) out.push('</row>');
  }
  out.push('</sheetData>');

  if (s.autoFilter) {
    const f = s.autoFilter;
    out.push(`<autoFilter ref="${toA1(f.top, f.left)}:${toA1(f.bottom, f.right)}"/>`);
  }
  if (s.merges.length > 0) {
    out.push(`<mergeCells count="${s.merges.length}">`);
    for (const m of s.merges)
      out.push(`<mergeCell ref="${toA1(m.top, m.left)}:${toA1(m.bottom, m.right)}"/>`);
    out.push('</mergeCells>');
  }
  if (links.length > 0) {
    out.push('<hyperlinks>');
    for (const l of links) out.push(l);
    out.push('</hyperlinks>');
  }
  out.push('<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>');
  out.push(
    `<pageSetup paperSize="${PAPER_A4}" orientation="${s.print.orientation}" fitToWidth="1" fitToHeight="0"/>`,
  );
  // CT_Worksheet puts drawing after pageSetup (and headerFooter, breaks… which we do not write).
  if (o.drawing) out.push(`<drawing r:id="${o.drawing.rid}"/>`);
  out.push('</worksheet>');
  return out.bytes();
}

const encoder = new TextEncoder();

/**
 * UTF-8 written straight into one growing buffer: the list sheet of a large report is tens of MB of
 * XML, and building it as one string first costs more in garbage collection than the writing itself.
 */
class Utf8Sink {
  private buf = new Uint8Array(1 << 16);
  private len = 0;
  /** Pieces gathered into a short string first, encoded a few kilobytes at a time. */
  private pending = '';

  push(s: string): void {
    this.pending += s;
    if (this.pending.length > 8192) this.flush();
  }

  private flush(): void {
    const s = this.pending;
    this.pending = '';
    if (this.len + s.length * 3 > this.buf.length) {
      const bigger = new Uint8Array(Math.max(this.buf.length * 2, this.len + s.length * 3));
      bigger.set(this.buf.subarray(0, this.len));
      this.buf = bigger;
    }
    this.len += encoder.encodeInto(s, this.buf.subarray(this.len)).written;
  }

  bytes(): Uint8Array {
    this.flush();
    return this.buf.subarray(0, this.len);
  }
}

function cellXml(out: Utf8Sink, ref: string, sAttr: string, cell: PlanCell): void {
  if (cell === null) {
    out.push(`<c r="${ref}"${sAttr}/>`);
    return;
  }
  switch (cell.kind) {
    case 'text':
    case 'link':
      out.push(`<c r="${ref}"${sAttr} t="inlineStr"><is>`);
      textRun(out, cell.text);
      out.push('</is></c>');
      return;
    case 'number':
      if (Number.isFinite(cell.value)) out.push(`<c r="${ref}"${sAttr}><v>${cell.value}</v></c>`);
      else {
        out.push(`<c r="${ref}"${sAttr} t="inlineStr"><is>`);
        textRun(out, String(cell.value));
        out.push('</is></c>');
      }
      return;
    case 'formula': {
      const f = `<f>${escapeText(xstring(cell.formula))}</f>`;
      if (typeof cell.cached === 'number') {
        out.push(
          Number.isFinite(cell.cached)
            ? `<c r="${ref}"${sAttr}>${f}<v>${cell.cached}</v></c>`
            : `<c r="${ref}"${sAttr}>${f}</c>`,
        );
      } else {
        out.push(`<c r="${ref}"${sAttr} t="str">${f}<v>${escapeText(xstring(cell.cached))}</v></c>`);
      }
      return;
    }
  }
}

// Anything in a text that needs more than copying: markup characters, line breaks, `_x` escapes,
// characters XML cannot carry. Most cell text has none, and skips all the replacing below.
const NEEDS_WORK =
  // eslint-disable-next-line no-control-regex -- control characters are among what must be handled.
  /[&<>\r\n_\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/;
const EDGE_SPACE = /^\s|\s$/;

/** `<t>` with xml:space="preserve" where leading or trailing blanks or line breaks must survive. */
function textRun(out: Utf8Sink, text: string): void {
  // Decided on the text as written, after characters XML cannot carry are gone.
  const needsWork = NEEDS_WORK.test(text);
  const clean = needsWork ? xstring(text) : text;
  const preserve = EDGE_SPACE.test(clean) || clean.includes('\n');
  out.push(preserve ? '<t xml:space="preserve">' : '<t>');
  out.push(needsWork ? escapeText(clean) : text);
  out.push('</t>');
}

// Characters XML 1.0 cannot carry; the plan already leaves them out of cell text, this is the writer's
// own guarantee of a well-formed part.
const XML_INVALID =
  // eslint-disable-next-line no-control-regex -- these control characters are exactly what must go.
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Text as SpreadsheetML's ST_Xstring: Excel reads `_xHHHH_` as an escaped character, so a literal
 * one in the text is itself escaped (`_x005F_` is the underscore); a carriage return, which XML
 * would turn into a line feed, is written as `_x000D_`; characters XML cannot hold are dropped.
 */
export function xstring(s: string): string {
  let out = s;
  if (out.includes('_x')) out = out.replace(/_(x[0-9A-Fa-f]{4}_)/g, '_x005F_$1');
  if (out.includes('\r')) out = out.replace(/\r/g, '_x000D_');
  XML_INVALID.lastIndex = 0;
  if (XML_INVALID.test(out)) out = out.replace(XML_INVALID, '');
  return out;
}

/** The cellXfs index of every styled cell, row by row; -1 where none. Later ranges win, as in the plan. */
function cellStyles(s: SheetPlan, index: Readonly<Record<StyleName, number>>): Int32Array[] {
  const rows: Int32Array[] = [];
  let width = 0;
  for (const r of s.styles) width = Math.max(width, r.right + 1);
  for (const range of s.styles) {
    const id = index[range.style];
    for (let r = range.top; r <= range.bottom; r++) {
      let row = rows[r];
      if (!row) {
        row = new Int32Array(width).fill(-1);
        rows[r] = row;
      }
      row.fill(id, range.left, range.right + 1);
    }
  }
  return rows;
}

function sheetViews(s: SheetPlan, tabSelected: boolean): string {
  const selected = tabSelected ? ' tabSelected="1"' : '';
  const rows = s.freeze?.rows ?? 0;
  const cols = s.freeze?.cols ?? 0;
  if (rows <= 0 && cols <= 0) return `<sheetViews><sheetView${selected} workbookViewId="0"/></sheetViews>`;
  const topLeft = toA1(rows, cols);
  const pane = rows > 0 && cols > 0 ? 'bottomRight' : rows > 0 ? 'bottomLeft' : 'topRight';
  const split = `${cols > 0 ? ` xSplit="${cols}"` : ''}${rows > 0 ? ` ySplit="${rows}"` : ''}`;
  const selections =
    pane === 'bottomRight'
      ? `<selection pane="topRight"/><selection pane="bottomLeft"/><selection pane="bottomRight" activeCell="${topLeft}" sqref="${topLeft}"/>`
      : `<selection pane="${pane}" activeCell="${topLeft}" sqref="${topLeft}"/>`;
  return (
    `<sheetViews><sheetView${selected} workbookViewId="0">` +
    `<pane${split} topLeftCell="${topLeft}" activePane="${pane}" state="frozen"/>${selections}` +
    `</sheetView></sheetViews>`
  );
}
