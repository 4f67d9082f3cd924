/**
 * Seed reports (../shared/seeds/<id>_*.txt) as cell grids and workbooks for tests and samples.
 *
 * The seeds are real reports exported as text: one line per sheet row, one tab per cell. HTML
 * fragments stand for line breaks inside a cell, `#` lines are single-cell headings, and lines of
 * dashes are table rules left from the export. Variants rebuild the same report the way people
 * actually keep it in Excel (elsewhere than A1, over several sheets, merged, real numbers), so that
 * tests exercise the layouts rather than one file.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { CellData, CellInput, MergeArea, SheetInput, WorkbookInput } from '../../src/core/workbook';

export type SeedId = '000' | '001' | '002' | '003' | '004';

export interface SeedInfo {
  readonly id: SeedId;
  /** The city, as the report names it. */
  readonly city: string;
  /** ASCII name for files: samples/<slug>.xlsx. */
  readonly slug: string;
  /** The layout family, as docs/domain.md names it. */
  readonly kind: 'indicator-blocks' | 'cards' | 'scored-policy' | 'flat-table' | 'plan-cards';
}

export const SEEDS: Readonly<Record<SeedId, SeedInfo>> = {
  '000': { id: '000', city: '江別市', slug: 'ebetsu', kind: 'indicator-blocks' },
  '001': { id: '001', city: '関市', slug: 'seki', kind: 'cards' },
  '002': { id: '002', city: '府中市', slug: 'fuchu', kind: 'scored-policy' },
  '003': { id: '003', city: '会津若松市', slug: 'aizuwakamatsu', kind: 'flat-table' },
  '004': { id: '004', city: '安中市', slug: 'annaka', kind: 'plan-cards' },
};

export const SEED_IDS: readonly SeedId[] = ['000', '001', '002', '003', '004'];

export interface SeedVariant {
  /** Start the report here instead of at A1 (applied to every sheet of a split report). */
  readonly offset?: { readonly rows: number; readonly cols: number };
  /** Cut the report into sheets of this many rows each. */
  readonly splitEvery?: number;
  /** Cut the report before these 0-based rows of the unsplit grid. */
  readonly splitAt?: readonly number[];
  /**
   * Merge cells the way the original was laid out: a blank cell under a filled one in the first
   * columns joins a vertical merge (value only in the top cell), and a row's trailing blank cells
   * join the last filled cell horizontally. `cols` = how many leading columns merge vertically (2).
   */
  readonly merge?: boolean | { readonly cols: number };
  /** Plain numbers and percents become numbers with a number format: '64.8%' → 0.648 '0.0%'. */
  readonly realNumbers?: boolean;
  /** Sheet name (default: the city); split parts get "<name>1", "<name>2", … */
  readonly sheetName?: string;
}

/** The ways offices keep a report, each tried on every seed (moved, merged, real numbers, split). */
export const SEED_VARIANTS: readonly SeedVariant[] = [
  { offset: { rows: 3, cols: 2 } },
  { merge: true },
  { realNumbers: true },
  { splitEvery: 80 },
  { merge: true, realNumbers: true, offset: { rows: 1, cols: 1 }, splitEvery: 120 },
];

/** A processed seed: rows of cell texts; null = blank. `width` = the cells the line had (for merges). */
interface SeedRow {
  readonly cells: (string | null)[];
  readonly width: number;
}

const SEEDS_DIR = path.resolve(__dirname, '..', '..', '..', 'shared', 'seeds');

export function seedPath(id: SeedId): string {
  const file = fs.readdirSync(SEEDS_DIR).find((f) => f.startsWith(`${id}_`) && f.endsWith('.txt'));
  if (!file) throw new Error(`seed ${id} not found in ${SEEDS_DIR}`);
  return path.join(SEEDS_DIR, file);
}

export function seedText(id: SeedId): string {
  return fs.readFileSync(seedPath(id), 'utf8');
}

/** The seed as a grid of cell texts (null = blank), one row per kept line, starting at A1. */
export function seedGrid(id: SeedId): (string | null)[][] {
  return parseSeedRows(seedText(id)).map((r) => [...r.cells]);
}

/** The seed as a workbook, optionally varied (offset, split, merged, real numbers). */
export function seedWorkbook(id: SeedId, variant: SeedVariant = {}): WorkbookInput {
  const info = SEEDS[id];
  const rows = parseSeedRows(seedText(id));
  const parts = splitRows(rows, variant);
  const baseName = variant.sheetName ?? info.city;
  const sheets = parts.map((part, i) =>
    buildSheet(parts.length === 1 ? baseName : `${baseName}${i + 1}`, part, variant),
  );
  return { name: `${info.slug}.xlsx`, sheets };
}

// ---------------------------------------------------------------------------------------------------------
// Parsing the export

/** Exported for tests of this helper itself. */
export function parseSeedRows(text: string): SeedRow[] {
  const out: SeedRow[] = [];
  for (const rawLine of text.replace(/\r\n?/g, '\n').split('\n')) {
    if (isTableRule(rawLine)) continue;
    const heading = /^#+(?:\s+(.*))?$/.exec(rawLine);
    if (heading) {
      const t = cellFromExport(heading[1] ?? '');
      out.push({ cells: t === null ? [] : [t], width: 1 });
      continue;
    }
    const parts = rawLine.split('\t');
    const cells = parts.map(cellFromExport);
    while (cells.length > 0 && cells[cells.length - 1] === null) cells.pop();
    out.push({ cells, width: cells.length === 0 ? 0 : parts.length });
  }
  while (out.length > 0 && out[out.length - 1]!.cells.length === 0) out.pop();
  return out;
}

/**
 * A line whose cells are all runs of two or more dashes (split by tabs or pipes) is a rule from the
 * export; a lone "-" is data (a rating meaning 対象外).
 */
function isTableRule(line: string): boolean {
  const segments = line
    .split(/[\t|]/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
  return segments.length > 0 && segments.every((s) => /^:?-{2,}:?$/.test(s));
}

// Only real HTML tags are markup: `<R3期末報告>` in a report is text.
const HTML_TAG =
  /<\/?(?:p|br|ul|ol|li|div|span|table|thead|tbody|tr|td|th|b|i|u|em|strong|font|sup|sub|a|h[1-6])(?:\s[^<>]*)?\/?>/gi;
const BREAK_TAG = /<br\s*\/?>|<\/(?:p|li|div|tr|h[1-6])\s*>/gi;

const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
};

function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, name: string) => {
    if (name[0] === '#') {
      const code =
        name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return Number.isFinite(code) ? String.fromCodePoint(code) : m;
    }
    return ENTITIES[name.toLowerCase()] ?? m;
  });
}

/** One exported cell to its text: HTML to lines, entities decoded, blank lines dropped; '' → null. */
function cellFromExport(raw: string): string | null {
  const withBreaks = raw.replace(BREAK_TAG, '\n').replace(HTML_TAG, '');
  const lines = decodeEntities(withBreaks)
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
  return lines.length === 0 ? null : lines.join('\n');
}

// ---------------------------------------------------------------------------------------------------------
// Variants

function splitRows(rows: SeedRow[], v: SeedVariant): SeedRow[][] {
  const cuts = new Set<number>();
  if (v.splitEvery !== undefined && v.splitEvery > 0) {
    for (let r = v.splitEvery; r < rows.length; r += v.splitEvery) cuts.add(r);
  }
  for (const r of v.splitAt ?? []) if (r > 0 && r < rows.length) cuts.add(r);
  const sorted = [...cuts].sort((a, b) => a - b);
  const parts: SeedRow[][] = [];
  let start = 0;
  for (const cut of [...sorted, rows.length]) {
    parts.push(rows.slice(start, cut));
    start = cut;
  }
  return parts;
}

function buildSheet(name: string, rows: SeedRow[], v: SeedVariant): SheetInput {
  const dr = v.offset?.rows ?? 0;
  const dc = v.offset?.cols ?? 0;
  const cells: CellInput[][] = [];
  for (let r = 0; r < dr; r++) cells.push([]);
  for (const row of rows) {
    const out: CellInput[] = new Array<CellInput>(dc).fill(null);
    for (const text of row.cells) out.push(v.realNumbers ? asRealNumber(text) : text);
    cells.push(out);
  }
  const merges = v.merge ? mergesFor(rows, typeof v.merge === 'object' ? v.merge.cols : 2) : [];
  const shifted = merges.map((m) => ({
    top: m.top + dr,
    bottom: m.bottom + dr,
    left: m.left + dc,
    right: m.right + dc,
  }));
  return shifted.length > 0 ? { name, cells, merges: shifted } : { name, cells };
}

function mergesFor(rows: SeedRow[], verticalCols: number): MergeArea[] {
  const merges: MergeArea[] = [];
  const covered = new Set<string>();
  const key = (r: number, c: number): string => `${r},${c}`;
  const blank = (r: number, c: number): boolean => (rows[r]?.cells[c] ?? null) === null;

  // Horizontal first: a row's trailing blanks belong to its last filled cell.
  rows.forEach((row, r) => {
    const last = row.cells.length - 1;
    if (last >= 0 && row.width - 1 > last) {
      merges.push({ top: r, bottom: r, left: last, right: row.width - 1 });
      for (let c = last; c < row.width; c++) covered.add(key(r, c));
    }
  });
  // Vertical: blank cells under a filled one, within rows that are not blank (a blank row ends a table).
  for (let c = 0; c < verticalCols; c++) {
    for (let r = 0; r < rows.length; r++) {
      if (blank(r, c) || covered.has(key(r, c))) continue;
      let bottom = r;
      while (
        bottom + 1 < rows.length &&
        rows[bottom + 1]!.cells.length > 0 &&
        blank(bottom + 1, c) &&
        !covered.has(key(bottom + 1, c))
      ) {
        bottom++;
      }
      if (bottom > r) {
        merges.push({ top: r, bottom, left: c, right: c });
        for (let rr = r; rr <= bottom; rr++) covered.add(key(rr, c));
      }
      r = bottom;
    }
  }
  return merges;
}

/** '1,483' → 1483 '#,##0'; '64.8%' → 0.648 '0.0%'; '12' → 12; anything else stays text. */
export function asRealNumber(text: string | null): CellInput {
  if (text === null) return null;
  const t = text.normalize('NFKC').trim();
  const pct = /^(-?\d+(?:\.(\d+))?)%$/.exec(t);
  if (pct) {
    const decimals = pct[2]?.length ?? 0;
    const value = Number((Number(pct[1]) / 100).toPrecision(15));
    return { value, numberFormat: decimals > 0 ? `0.${'0'.repeat(decimals)}%` : '0%' } satisfies CellData;
  }
  const grouped = /^-?\d{1,3}(?:,\d{3})+(?:\.(\d+))?$/.exec(t);
  if (grouped) {
    const decimals = grouped[1]?.length ?? 0;
    const value = Number(t.replace(/,/g, ''));
    return { value, numberFormat: decimals > 0 ? `#,##0.${'0'.repeat(decimals)}` : '#,##0' };
  }
  // Leading zeros ("01") are codes, kept as text, as Excel users format them.
  const plain = /^-?(?:0|[1-9]\d*)(?:\.(\d+))?$/.exec(t);
  if (plain) {
    const decimals = plain[1]?.length ?? 0;
    return decimals > 0 ? { value: Number(t), numberFormat: `0.${'0'.repeat(decimals)}` } : Number(t);
  }
  return text;
}
