import type { OutputRole } from './outputPlan';

/**
 * How the adapters prove that a sheet is the add-in's own: a workbook-level defined name per role,
 * `KaikakuShukei_<role>`, referring to A1 of the sheet it created. Excel keeps the reference when the
 * sheet is renamed and turns it into #REF! when the sheet is deleted, so a user's sheet that merely
 * has the same name is never taken for ours. Stored in the file, it survives save and reopen.
 */
export const OWNER_NAME_PREFIX = 'KaikakuShukei_';

export const OUTPUT_ROLES: readonly OutputRole[] = ['summary', 'list', 'diagnostics'];

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
