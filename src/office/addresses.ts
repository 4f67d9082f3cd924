import { parseA1, type MergeArea } from '../core/index';

/**
 * Splits a RangeAreas address ("Sheet1!A1:B2, 'a, b'!C3:D4") into its areas. Commas inside a quoted
 * sheet name do not split. Areas that are not plain A1 ranges are left out.
 */
export function parseAreasAddress(address: string): MergeArea[] {
  const parts: string[] = [];
  let current = '';
  let quoted = false;
  for (const ch of address) {
    if (ch === "'") quoted = !quoted; // a doubled quote toggles twice: still inside
    if (ch === ',' && !quoted) {
      parts.push(current);
      current = '';
    } else current += ch;
  }
  parts.push(current);
  const areas: MergeArea[] = [];
  for (const part of parts) {
    const area = parseAreaAddress(part);
    if (area) areas.push(area);
  }
  return areas;
}

/** "Sheet1!A1:B2", "A1:B2" or "B3" → 0-based area; null for anything else (whole rows, names…). */
export function parseAreaAddress(text: string): MergeArea | null {
  const trimmed = text.trim();
  const bang = trimmed.lastIndexOf('!');
  const local = bang >= 0 ? trimmed.slice(bang + 1) : trimmed;
  const [a, b = a] = local.split(':');
  const start = parseA1(a ?? '');
  const end = parseA1(b ?? '');
  if (!start || !end) return null;
  return {
    top: Math.min(start.row, end.row),
    left: Math.min(start.col, end.col),
    bottom: Math.max(start.row, end.row),
    right: Math.max(start.col, end.col),
  };
}

/** Column width in Excel's characters → points, as Excel converts for the default font (7 px + 5 px padding). */
export function charsToPoints(chars: number): number {
  const pixels = Math.round(chars * 7 + 5);
  return Math.round(pixels * 0.75 * 100) / 100;
}

/** The sheet of an address Excel gives ("'R3 改革'!B3:D4" → "R3 改革"); null when it names none. */
export function sheetOfAddress(address: string): string | null {
  const bang = address.lastIndexOf('!');
  if (bang < 0) return null;
  const name = address.slice(0, bang).trim();
  return name.startsWith("'") && name.endsWith("'") && name.length >= 2
    ? name.slice(1, -1).replace(/''/g, "'")
    : name;
}
