import type { ExistingSheet, OutputRole } from './outputPlan';
import { SHEET_LABELS } from './plan/labels';
import { toCellData, type SheetInput } from './workbook';

/**
 * How the adapters prove that a sheet is the add-in's own: a workbook-level defined name per role,
 * `KaikakuShukei_<role>`, referring to A1 of the sheet it created. Excel keeps the reference when the
 * sheet is renamed and turns it into #REF! when the sheet is deleted, so a user's sheet that merely
 * has the same name is never taken for ours. Stored in the file, it survives save and reopen.
 */
export const OWNER_NAME_PREFIX = 'KaikakuShukei_';

export const OUTPUT_ROLES: readonly OutputRole[] = ['summary', 'list', 'diagnostics', 'comparison'];

export function ownerNameFor(role: OutputRole): string {
  return `${OWNER_NAME_PREFIX}${role}`;
}

/** The role a defined name marks, or null when it is not one of ours. */
export function roleOfOwnerName(name: string): OutputRole | null {
  if (!name.startsWith(OWNER_NAME_PREFIX)) return null;
  const role = name.slice(OWNER_NAME_PREFIX.length);
  return (OUTPUT_ROLES as readonly string[]).includes(role) ? (role as OutputRole) : null;
}

/**
 * The sheet a defined name's formula refers to: "'集計'!$A$1" or "集計!$A$1" → "集計";
 * null for "#REF!" or anything that is not a single-sheet reference.
 */
export function sheetOfReference(formula: string): string | null {
  const f = formula.trim().replace(/^=/, '');
  const quoted = /^'((?:[^']|'')+)'!\$?[A-Z]{1,3}\$?\d+$/.exec(f);
  if (quoted) return quoted[1]!.replace(/''/g, "'");
  const bare = /^([^'!#][^!]*)!\$?[A-Z]{1,3}\$?\d+$/.exec(f);
  return bare ? bare[1]! : null;
}

// ---------------------------------------------------------------------------------------------------
// Issue 9: a defined name alone proves nothing (a user may delete ours, or give one to a data sheet).
// A sheet is ours by what it is: the fixed words our writer puts in each output sheet, in either
// locale. Being plain cells, they survive Excel's and LibreOffice's re-saving and every adapter reads
// them. A sheet that carries them is never read as a report; a sheet is replaced only when a name of
// ours points at it and it carries them, for the same role.

/** How far down a sheet its signature is looked for: our sheets open with it. */
const SIGNATURE_ROWS = 6;

function textAt(sheet: SheetInput, row: number, col: number): string | null {
  const c = toCellData(sheet.cells[row]?.[col]);
  return c !== null && typeof c.value === 'string' ? c.value.trim() : null;
}

function rowTexts(sheet: SheetInput, row: number, width: number): (string | null)[] {
  return Array.from({ length: width }, (_, c) => textAt(sheet, row, c));
}

/** The output role whose signature `sheet` carries, or null for any other sheet. */
export function signatureRole(sheet: SheetInput): OutputRole | null {
  const labels = Object.values(SHEET_LABELS);
  const rows = Math.min(sheet.cells.length, SIGNATURE_ROWS);
  for (let r = 0; r < rows; r++) {
    const first = textAt(sheet, r, 0);
    if (first === null) continue;
    for (const l of labels) {
      const [before, after] = l.generatedAt('\u0000').split('\u0000') as [string, string];
      if (first.startsWith(before) && first.endsWith(after) && first.length > before.length + after.length) {
        return 'summary';
      }
      if (first === l.listNote) return 'list';
      if (first === l.comparison.note) return 'comparison';
      const d = l.diag;
      const want = [d.severity, d.sheet, d.cell, d.code, d.message, d.value];
      if (rowTexts(sheet, r, want.length).every((t, i) => t === want[i])) return 'diagnostics';
    }
  }
  return null;
}

export interface ConfirmedSheets {
  /** Every sheet; owned only where a name of ours and the signature agree. */
  readonly existing: readonly ExistingSheet[];
  /** The sheets to read as reports: those without our signature. */
  readonly sheets: readonly SheetInput[];
  /** Our 取組一覧 from an earlier run (name and signature agree), for a reviewer's changes in it. */
  readonly previousList?: SheetInput;
}

/**
 * Ownership as the adapters report it (by defined name), checked against the sheets' content:
 * `sheets` must hold every sheet the adapter read, ours included.
 */
export function confirmOwnership(
  existing: readonly ExistingSheet[],
  sheets: readonly SheetInput[],
): ConfirmedSheets {
  const signed = new Map<string, OutputRole>();
  // A named sheet left empty (a write that failed half-way) may go: deleting it loses nothing.
  const empty = new Set<string>();
  for (const s of sheets) {
    const role = signatureRole(s);
    if (role !== null) signed.set(s.name, role);
    // Only a visible sheet: the Office adapter does not read a hidden sheet's cells.
    const visible = (s.visibility ?? 'visible') === 'visible';
    if (visible && s.cells.every((row) => row.every((c) => toCellData(c) === null))) empty.add(s.name);
  }
  const confirmed = existing.map((e) =>
    e.owned && e.role !== undefined && (signed.get(e.name) === e.role || empty.has(e.name))
      ? e
      : { name: e.name, owned: false },
  );
  const list = confirmed.find((e) => e.owned && e.role === 'list' && signed.get(e.name) === 'list');
  const previousList = list ? sheets.find((s) => s.name === list.name) : undefined;
  return {
    existing: confirmed,
    sheets: sheets.filter((s) => !signed.has(s.name)),
    ...(previousList ? { previousList } : {}),
  };
}
