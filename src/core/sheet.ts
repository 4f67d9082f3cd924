import { addr, type CellAddress } from './address';
import { MAX_LABEL_LENGTH, splitYearLabel } from './labelKey';
import { normalizeLabel, normalizeText } from './text';
import { toCellData, type CellData, type MergeArea, type SheetInput, type SheetVisibility } from './workbook';

/**
 * A read-only view of one input sheet, the only way layouts read cells.
 * Its extent is that of the non-blank cells, so a used range stretched by a stray format costs nothing.
 *
 * It indexes its cells once: each filled cell's text, label key and the year its label names, and
 * the rows each label key stands on. Recognition and every layout read these instead of normalising
 * the same text again on each question (a sheet is asked about every cell by five layouts).
 */
export class Sheet {
  readonly name: string;
  readonly visibility: SheetVisibility;
  readonly rowCount: number;
  readonly colCount: number;
  readonly merges: readonly MergeArea[];
  /** Merged ranges that overlap one read before them (Excel repairs such files): read with the first. */
  readonly overlappingMerges: readonly { readonly merge: MergeArea; readonly other: MergeArea }[];
  private readonly rows: ReadonlyArray<ReadonlyArray<CellData | null>>;
  private readonly mergeIndex: Map<number, MergeArea>;
  /** cellText of each cell ('' for a blank one), by row. */
  private readonly texts: readonly (readonly string[])[];
  /** The label key of each cell (labelKey: '' for a blank or a long text), by row. */
  private readonly keys: readonly (readonly string[])[];
  /** The fiscal year a cell's label names (splitYearLabel), by row * 16384 + col; few cells have one. */
  private readonly years: Map<number, number>;
  /** Label key → the rows, ascending, where a cell holds it. */
  private readonly keyRows: Map<string, number[]>;
  /** filledColumns and valueColumns of the rows asked for so far. */
  private readonly filled: (readonly number[] | undefined)[] = [];
  private readonly values: (readonly number[] | undefined)[] = [];

  constructor(input: SheetInput) {
    this.name = input.name;
    this.visibility = input.visibility ?? 'visible';
    this.merges = input.merges ?? [];
    const rows: (CellData | null)[][] = [];
    const textRows: string[][] = [];
    const keyRowsByRow: string[][] = [];
    const yearAt = new Map<number, number>();
    const keyRows = new Map<string, number[]>();
    let lastRow = -1;
    let maxCol = 0;
    for (let r = 0; r < input.cells.length; r++) {
      const src = input.cells[r] ?? [];
      let lastCol = -1;
      const row: (CellData | null)[] = [];
      const texts: string[] = [];
      const keys: string[] = [];
      for (let c = 0; c < src.length; c++) {
        const cell = toCellData(src[c]);
        row.push(cell);
        if (cell && !isBlankCell(cell)) {
          for (let k = lastCol + 1; k < c; k++) {
            texts.push('');
            keys.push('');
          }
          const text = cellText(cell);
          const split = text.length > MAX_LABEL_LENGTH ? null : splitYearLabel(text);
          texts.push(text);
          keys.push(split?.key ?? '');
          if (split !== null && split.year !== null) yearAt.set(r * 16384 + c, split.year);
          if (split !== null && split.key !== '') {
            const at = keyRows.get(split.key);
            if (at === undefined) keyRows.set(split.key, [r]);
            else if (at[at.length - 1] !== r) at.push(r);
          }
          lastCol = c;
        }
      }
      row.length = lastCol + 1;
      rows.push(row);
      textRows.push(texts);
      keyRowsByRow.push(keys);
      if (lastCol >= 0) {
        lastRow = r;
        maxCol = Math.max(maxCol, lastCol + 1);
      }
    }
    rows.length = lastRow + 1;
    textRows.length = lastRow + 1;
    keyRowsByRow.length = lastRow + 1;
    this.rows = rows;
    this.texts = textRows;
    this.keys = keyRowsByRow;
    this.years = yearAt;
    this.keyRows = keyRows;
    this.rowCount = lastRow + 1;
    this.colCount = maxCol;
    this.mergeIndex = new Map();
    const overlaps: { merge: MergeArea; other: MergeArea }[] = [];
    for (const m of this.merges) {
      let other: MergeArea | undefined;
      for (let r = m.top; r <= Math.min(m.bottom, this.rowCount); r++) {
        for (let c = m.left; c <= Math.min(m.right, this.colCount); c++) {
          const key = r * 16384 + c;
          const held = this.mergeIndex.get(key);
          if (held === undefined) this.mergeIndex.set(key, m);
          else other ??= held;
        }
      }
      if (other) overlaps.push({ merge: m, other });
    }
    this.overlappingMerges = overlaps;
  }

  address(row: number, col: number): CellAddress {
    return addr(this.name, row, col);
  }

  cell(row: number, col: number): CellData | null {
    return this.rows[row]?.[col] ?? null;
  }

  /** Number of cells in a row up to its last non-blank one. */
  rowLength(row: number): number {
    return this.rows[row]?.length ?? 0;
  }

  isBlank(row: number, col: number): boolean {
    const c = this.cell(row, col);
    return c === null || isBlankCell(c);
  }

  isBlankRow(row: number): boolean {
    return this.rowLength(row) === 0;
  }

  /** Columns of the non-blank cells in a row (indexed once per row: every layout asks for them). */
  filledColumns(row: number): readonly number[] {
    let cols = this.filled[row];
    if (cols === undefined) {
      const out: number[] = [];
      const n = this.rowLength(row);
      for (let c = 0; c < n; c++) if (!this.isBlank(row, c)) out.push(c);
      cols = out.length === 0 ? NO_COLUMNS : out;
      this.filled[row] = cols;
    }
    return cols;
  }

  /** Filled cells of a row that start a value: merged tails left out. Indexed once per row. */
  valueColumns(row: number): readonly number[] {
    let cols = this.values[row];
    if (cols === undefined) {
      const filled = this.filledColumns(row);
      cols = this.mergeIndex.size === 0 ? filled : filled.filter((c) => !this.isMergedTail(row, c));
      this.values[row] = cols;
    }
    return cols;
  }

  /** The cell's value as display text: trimmed, line breaks kept; numbers rendered with their format. */
  text(row: number, col: number): string {
    return this.texts[row]?.[col] ?? '';
  }

  /** labelKey of the cell's text, from the index: '' for a blank cell or a text too long for a label. */
  labelKey(row: number, col: number): string {
    return this.keys[row]?.[col] ?? '';
  }

  /** The fiscal year the cell's label names (R3進捗状況 → 2021), from the index; null for a long text. */
  labelYear(row: number, col: number): number | null {
    return this.years.get(row * 16384 + col) ?? null;
  }

  /** True when some cell of the sheet has one of the label keys. */
  hasAnyKey(keys: Iterable<string>): boolean {
    for (const k of keys) if (this.keyRows.has(k)) return true;
    return false;
  }

  /** The rows, ascending, where some cell has one of the label keys. */
  rowsWithKeys(keys: Iterable<string>): number[] {
    const rows = new Set<number>();
    for (const k of keys) for (const r of this.keyRows.get(k) ?? []) rows.add(r);
    return [...rows].sort((a, b) => a - b);
  }

  /** normalizeText of the cell: one line, single spaces. */
  value(row: number, col: number): string {
    return normalizeText(this.text(row, col));
  }

  /** normalizeLabel of the cell: no spaces, NFKC, for comparing with label synonyms. */
  label(row: number, col: number): string {
    return normalizeLabel(this.text(row, col));
  }

  error(row: number, col: number): string | undefined {
    return this.cell(row, col)?.error;
  }

  mergeAt(row: number, col: number): MergeArea | undefined {
    return this.mergeIndex.get(row * 16384 + col);
  }

  /** True when the cell is covered by a merge but is not its top-left cell. */
  isMergedTail(row: number, col: number): boolean {
    const m = this.mergeAt(row, col);
    return m !== undefined && (m.top !== row || m.left !== col);
  }
}

const NO_COLUMNS: readonly number[] = [];

export function isBlankCell(c: CellData): boolean {
  if (c.error) return false;
  const v = c.value;
  return v === null || (typeof v === 'string' && v.trim() === '');
}

/** Renders a cell the way a reader sees it. Percent formats give "64.8%"; errors give their literal. */
export function cellText(c: CellData): string {
  if (c.error) return c.error;
  const v = c.value;
  if (v === null) return '';
  if (typeof v === 'string') return v.trim();
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  return formatNumber(v, c.numberFormat);
}

function formatNumber(v: number, format: string | undefined): string {
  const f = format ?? '';
  const { percent, suffix } = formatLiterals(f);
  if (percent) {
    const decimals = decimalsOf(f);
    return `${round(v * 100, decimals)}%`;
  }
  if (isDateFormat(f)) {
    const d = excelSerialToDate(v);
    if (d) return `${d.y}/${d.m}/${d.d}`;
  }
  const decimals = /\.(0+)/.exec(f)?.[1]?.length;
  const s = decimals !== undefined ? v.toFixed(decimals) : String(Number(v.toPrecision(15)));
  // The unit the format shows after the number (0"回" → 97回), as Excel displays the cell.
  return (f.includes(',') ? withThousands(s) : s) + suffix;
}

/**
 * What a number format writes around the number, read from its first section: `0"回"` → suffix '回',
 * `#,##0"千円"` → '千円', `0\人` → '人', `0.0%` → percent. Colours, locales ([Red], [$-411]),
 * padding (_x) and fill (*x) are not text; only the literal text after the last digit placeholder
 * is the suffix. Pure, for the engine to read the unit Excel shows.
 */
export function formatLiterals(format: string): { percent: boolean; suffix: string } {
  let percent = false;
  let suffix = '';
  let inSection = true;
  const f = format.replace(/general/gi, '0');
  for (let i = 0; i < f.length && inSection; i++) {
    const ch = f[i]!;
    if (ch === '"') {
      const end = f.indexOf('"', i + 1);
      const lit = end < 0 ? f.slice(i + 1) : f.slice(i + 1, end);
      suffix += lit;
      i = end < 0 ? f.length : end;
    } else if (ch === '\\') {
      suffix += f[i + 1] ?? '';
      i++;
    } else if (ch === '[') {
      const end = f.indexOf(']', i + 1);
      i = end < 0 ? f.length : end;
    } else if (ch === '_' || ch === '*') {
      i++;
    } else if (ch === ';') {
      inSection = false;
    } else if (ch === '%') {
      percent = true;
    } else if (/[0#?.,]/.test(ch)) {
      suffix = '';
    } else {
      suffix += ch;
    }
  }
  return { percent, suffix: suffix.trim() };
}

function decimalsOf(format: string): number {
  const m = /\.(0+)/.exec(format);
  return m ? m[1]!.length : 0;
}

function round(v: number, decimals: number): string {
  return Number(v.toFixed(Math.max(decimals, 0) + 6)).toFixed(decimals);
}

function withThousands(s: string): string {
  const [i, d] = s.split('.');
  const neg = i!.startsWith('-');
  const digits = neg ? i!.slice(1) : i!;
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${neg ? '-' : ''}${grouped}${d !== undefined ? `.${d}` : ''}`;
}

export function isDateFormat(format: string): boolean {
  const f = format.replace(/"[^"]*"|\[[^\]]*\]|\\./g, '');
  return /[ymd]/i.test(f) && !/^[#0.,%\s]*$/.test(f) && !/^general$/i.test(f);
}

/** Excel serial (1900 system) to a calendar date; null outside 1900–9999. */
export function excelSerialToDate(serial: number): { y: number; m: number; d: number } | null {
  if (!Number.isFinite(serial) || serial < 1 || serial > 2958465) return null;
  const ms = Math.round((serial - 25569) * 86400000);
  const dt = new Date(ms);
  return { y: dt.getUTCFullYear(), m: dt.getUTCMonth() + 1, d: dt.getUTCDate() };
}
