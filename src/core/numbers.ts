import { formatLiterals, isDateFormat } from './sheet';
import { isPlaceholder } from './text';
import type { CellData } from './workbook';

/**
 * Numbers as people type them in report tables: '1,483', '97回', '64.8%', '81,571千円', '15,350.99㎡',
 * '50 (職員の約10%)', '949,451,676 (R2.6.1現在)', '12日以上', '13%以上', '▲5' (minus).
 */
export interface ParsedNumber {
  readonly value: number;
  /** Unit written after the number: '%', '千円', '回', '日', '件' …; '' when none. */
  readonly unit: string;
  /** '12日以上' → 'atLeast'; '以下' / '未満' → 'atMost'. */
  readonly bound: 'atLeast' | 'atMost' | null;
  /** Words before the number: 'HPアクセス数 470,000件' → 'HPアクセス数'; '(男性) 6.9%' → '男性'. */
  readonly label: string;
  /** Text in brackets after it: '50 (職員の約10%)' → '職員の約10%'. */
  readonly note: string;
}

const NUMBER = /([▲△\-−－]?)\s*(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?/g;
const BRACKETS = /[（(]([^()（）]*)[)）]/g;
const UNIT = /^([^\s\d()（）,、。・]{0,6})/;
/** NFKC turns ㎡ into 'm2', whose 2 would read as a number: keep such unit signs whole. */
const UNIT_SIGNS: readonly [string, string][] = [
  ['㎡', '\uE000'],
  ['㎥', '\uE001'],
  ['㎞', '\uE002'],
];

/**
 * Every number segment in the text, e.g. '時間外20人 年休取得13.0日' → two segments.
 * Brackets are notes, not numbers: '949,451,676 (R2.6.1現在)' is one segment.
 */
export function parseNumbers(text: string): ParsedNumber[] {
  let t = text;
  for (const [sign, mark] of UNIT_SIGNS) t = t.split(sign).join(mark);
  t = t.normalize('NFKC').replace(/\s+/g, ' ').trim();
  if (isPlaceholder(t)) return [];
  const notes: string[] = [];
  const leadLabel = /^\s*[(（]([^()（）]*)[)）]/.exec(t);
  let body = t;
  let firstLabel = '';
  if (leadLabel && !/\d/.test(leadLabel[1]!)) {
    firstLabel = leadLabel[1]!.trim();
    body = t.slice(leadLabel[0].length);
  }
  body = body.replace(BRACKETS, (_, inner: string) => {
    notes.push(inner.trim());
    return ' ';
  });
  const out: ParsedNumber[] = [];
  let last = 0;
  for (const m of body.matchAll(NUMBER)) {
    const index = m.index ?? 0;
    const before = body.slice(last, index).trim();
    const digits = m[2]!.replace(/,/g, '') + (m[3] ?? '');
    const sign = m[1] ? -1 : 1;
    const rest = body.slice(index + m[0].length);
    const unit = UNIT.exec(rest)?.[1] ?? '';
    let unitText = unit;
    let bound: ParsedNumber['bound'] = null;
    const boundMatch = /(以上|以下|未満|超)$/.exec(unitText);
    if (boundMatch) {
      bound = boundMatch[1] === '以上' || boundMatch[1] === '超' ? 'atLeast' : 'atMost';
      unitText = unitText.slice(0, -boundMatch[1]!.length);
    } else if (/^\s*[^\s\d]{0,6}?(以上|以下|未満)/.test(rest)) {
      const b = /(以上|以下|未満)/.exec(rest)![1];
      bound = b === '以上' ? 'atLeast' : 'atMost';
    }
    out.push({
      value: sign * Number(digits),
      unit: restoreUnitSigns(unitText),
      bound,
      label: out.length === 0 && firstLabel ? firstLabel : before.replace(/[:：]$/, '').trim(),
      note: '',
    });
    last = index + m[0].length + unit.length;
  }
  if (out.length > 0 && notes.length > 0) {
    out[0] = { ...out[0]!, note: notes.join(' ') };
  }
  return out;
}

/** The number when the text holds exactly one, null for none or several (which one would be a guess). */
export function parseNumber(text: string): ParsedNumber | null {
  const all = parseNumbers(text);
  return all.length === 1 ? all[0]! : null;
}

/**
 * A cell's number: a real number cell (a percent format gives unit '%' and value × 100), or text
 * parsed by parseNumber. Dates are not numbers here: the caller reports them.
 */
export function parseCellNumber(cell: CellData | null): ParsedNumber | null {
  if (!cell || cell.error) return null;
  const v = cell.value;
  if (typeof v === 'number') {
    const f = cell.numberFormat ?? '';
    const { percent, suffix } = formatLiterals(f);
    if (percent) {
      return { value: Number((v * 100).toPrecision(12)), unit: '%', bound: null, label: '', note: '' };
    }
    if (isDateFormat(f)) return null;
    // The unit the format shows (0"回", #,##0"千円", 0"日以上"), read as the same typed text would be.
    const shown = suffix === '' ? null : parseNumber(`0${suffix}`);
    const unit = shown ? shown.unit : suffix;
    return { value: v, unit, bound: shown?.bound ?? null, label: '', note: '' };
  }
  if (typeof v === 'string') return parseNumber(v);
  return null;
}

/** True when the cell is a real number formatted as a date (a date where a number was expected). */
export function isDateCell(cell: CellData | null): boolean {
  return !!cell && typeof cell.value === 'number' && isDateFormat(cell.numberFormat ?? '');
}

function restoreUnitSigns(unit: string): string {
  let u = unit;
  for (const [sign, mark] of UNIT_SIGNS) u = u.split(mark).join(sign);
  return u;
}
