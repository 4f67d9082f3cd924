/**
 * Japanese fiscal years. 令和3年度 = R3 = R 3 = FY2021; 令和元年度 = R1 = 平成31年度 = H31 = FY2019.
 * A fiscal year runs April to March and is named by the year it starts in.
 */

const ERA_START: Readonly<Record<string, number>> = {
  明治: 1868,
  大正: 1912,
  昭和: 1926,
  平成: 1989,
  令和: 2019,
  M: 1868,
  T: 1912,
  S: 1926,
  H: 1989,
  R: 2019,
};

const ERA = '(明治|大正|昭和|平成|令和|(?<![A-Za-z])[MTSHR](?![A-Za-z]))';
const ERA_YEAR = new RegExp(`${ERA}\\s*(元|\\d{1,2})(?!\\d)(?:\\s*(?:年度|年))?`, 'g');
const WESTERN_YEAR = /(?:FY\s*((?:19|20)\d{2})(?!\d))|(?:(?<!\d)((?:19|20)\d{2})\s*年度?)/gi;

/** Converts an era and its year number (1 for 元) to the Western year. */
export function eraToYear(era: string, n: number): number | null {
  const start = ERA_START[era.toUpperCase()] ?? ERA_START[era];
  if (start === undefined || n < 1 || n > 99) return null;
  return start + n - 1;
}

/** Every fiscal year mentioned in the text, in order: '実績（R2）' → [2020]; '令和元年度～令和5年度' → [2019, 2023]. */
export function findFiscalYears(text: string): number[] {
  const t = text.normalize('NFKC');
  const found: { index: number; year: number }[] = [];
  for (const m of t.matchAll(ERA_YEAR)) {
    const n = m[2] === '元' ? 1 : Number(m[2]);
    const y = eraToYear(m[1]!, n);
    if (y !== null) found.push({ index: m.index ?? 0, year: y });
  }
  for (const m of t.matchAll(WESTERN_YEAR)) {
    const y = Number(m[1] ?? m[2]);
    if (y >= 1900 && y <= 2100) found.push({ index: m.index ?? 0, year: y });
  }
  return found.sort((a, b) => a.index - b.index).map((f) => f.year);
}

/** The first fiscal year mentioned in the text, or null. */
export function findFiscalYear(text: string): number | null {
  return findFiscalYears(text)[0] ?? null;
}

/**
 * The fiscal year when the whole cell is a year label ('令和3年度', 'R3', 'H31', 'FY2021', '2021年度'),
 * null otherwise. For year header rows, where any other text means the cell is not a year column.
 */
export function parseFiscalYear(text: string): number | null {
  const t = text.normalize('NFKC').replace(/[\s\u3000]+/g, '');
  const era = /^(明治|大正|昭和|平成|令和|[MTSHR])(元|\d{1,2})(年度|年)?$/i.exec(t);
  if (era) return eraToYear(era[1]!, era[2] === '元' ? 1 : Number(era[2]));
  const west = /^(?:FY)?((?:19|20)\d{2})(年度|年)?$/i.exec(t);
  if (west && (west[2] || /^FY/i.test(t))) return Number(west[1]);
  return null;
}

/** 2021 → '令和3年度'; 2019 → '令和元年度'; 2018 → '平成30年度'. */
export function formatFiscalYear(year: number): string {
  if (year >= 2019) return `令和${year === 2019 ? '元' : year - 2018}年度`;
  if (year >= 1989) return `平成${year === 1989 ? '元' : year - 1988}年度`;
  return `${year}年度`;
}

/** 2021 → 'R3'; 2018 → 'H30'. */
export function shortFiscalYear(year: number): string {
  if (year >= 2019) return `R${year - 2018}`;
  if (year >= 1989) return `H${year - 1988}`;
  return `FY${year}`;
}
