/**
 * Output sheet names: the settings' names, unless a sheet that is not ours already has one; then the
 * next free 「集計 (2)」. Our own old outputs are replaced, whatever they are called now.
 */
import { addr } from '../address';
import { SEVERITY, type Diagnostic } from '../diagnostics';
import type { ExistingSheet, OutputRole } from '../outputPlan';
import { DEFAULT_SETTINGS } from '../settings';
import { firstCodePoints } from '../text';
import { SHEET_LABELS } from './labels';

/** Excel's limit on a sheet name's length. */
const MAX_SHEET_NAME = 31;
// Control characters too: XML 1.0 cannot carry most of them, so workbook.xml would not open.
// eslint-disable-next-line no-control-regex
const FORBIDDEN = /[\\/?*[\]:\u0000-\u001f\u007f]/g;

/** The three sheets every run writes; 前年度比較 only when last year's report was given. */
type AlwaysRole = Exclude<OutputRole, 'comparison'>;

export interface NamedOutputs {
  readonly names: Readonly<Record<AlwaysRole, string>> & { readonly comparison?: string };
  readonly replace: readonly string[];
  readonly diagnostics: readonly Diagnostic[];
}

/** A name Excel accepts: no \ / ? * [ ] : or control character, no leading or trailing apostrophe, 1–31 characters. */
export function validSheetName(wanted: string, fallback: string): string {
  const s = wanted
    .replace(FORBIDDEN, '_')
    .replace(/^'+|'+$/g, '')
    .trim();
  const name = s === '' || s.toLowerCase() === 'history' ? fallback : s;
  return firstCodePoints(name, MAX_SHEET_NAME);
}

/** Sheet names compare without case in Excel ("Sheet1" and "SHEET1" clash). */
const key = (name: string): string => name.toLowerCase();

export function nameOutputs(
  wanted: Readonly<Record<AlwaysRole, string>> & { readonly comparison?: string },
  existing: readonly ExistingSheet[],
): NamedOutputs {
  const replace = existing.filter((s) => s.owned).map((s) => s.name);
  const taken = new Set(existing.filter((s) => !s.owned).map((s) => key(s.name)));
  const diagnostics: Diagnostic[] = [];
  const out = DEFAULT_SETTINGS.output;
  // A name Excel refuses falls back to the default one (settings.ts holds the words).
  const fallback: Record<OutputRole, string> = {
    summary: out.summarySheet,
    list: out.listSheet,
    diagnostics: out.diagnosticsSheet,
    comparison: SHEET_LABELS.ja.comparison.sheetName,
  };
  const names = {} as Record<AlwaysRole, string> & { comparison?: string };
  const roles: OutputRole[] = ['summary', 'list', 'diagnostics'];
  if (wanted.comparison !== undefined) roles.push('comparison');
  for (const role of roles) {
    const base = validSheetName(wanted[role] ?? fallback[role], fallback[role]);
    let name = base;
    for (let n = 2; taken.has(key(name)); n++) {
      const suffix = ` (${n})`;
      name = `${firstCodePoints(base, MAX_SHEET_NAME - suffix.length)}${suffix}`;
    }
    if (name !== base && existing.some((s) => !s.owned && key(s.name) === key(base))) {
      const user = existing.find((s) => !s.owned && key(s.name) === key(base))!;
      diagnostics.push({
        code: 'OUTPUT_NAME_TAKEN',
        severity: SEVERITY.OUTPUT_NAME_TAKEN,
        at: addr(user.name, 0, 0),
        value: user.name,
        params: { name: user.name, used: name },
      });
    }
    taken.add(key(name));
    names[role] = name;
  }
  return { names, replace, diagnostics };
}
