/**
 * A city's own table described in the settings (issue 10 item 4): which header words mean the item
 * number, title, department and group, and which columns hold a status with its scheme. The shape
 * is the settings contract shared with the engine (settings.ts / settingsIO re-export it); the
 * helpers here are pure and turn a header row the user pointed at into such a definition.
 */

export interface TableColumnDef {
  /** Header words; a header cell equal to any one of them is this column. */
  readonly words: readonly string[];
}

export interface StatusColumnDef extends TableColumnDef {
  readonly scheme: string;
  readonly title?: string;
}

export interface TableDef {
  /** [a-z0-9_-]+, unique among the tables. */
  readonly id: string;
  /** Shown to users. */
  readonly name: string;
  readonly sheets?: readonly string[];
  readonly number?: TableColumnDef;
  readonly title?: TableColumnDef;
  readonly department?: TableColumnDef;
  readonly group?: TableColumnDef;
  /** At least one. */
  readonly statusColumns: readonly StatusColumnDef[];
}

/** The one-per-table concepts a header cell can stand for. */
export const TABLE_CONCEPTS = ['number', 'title', 'department', 'group'] as const;
export type TableConcept = (typeof TABLE_CONCEPTS)[number];

/** What the user chose for one header cell. */
export type ColumnChoice = TableConcept | { readonly status: string } | 'ignore';

export interface HeaderCell {
  /** 0-based column index. */
  readonly col: number;
  readonly text: string;
}

export type MappingProblem =
  | { readonly code: 'NO_STATUS_COLUMN' }
  | { readonly code: 'DUPLICATE_CONCEPT'; readonly concept: TableConcept; readonly cols: readonly number[] }
  | { readonly code: 'EMPTY_HEADER'; readonly col: number }
  | { readonly code: 'NO_NAME' };

export const TABLE_ID_PATTERN = /^[a-z0-9_-]+$/;

/** The header text as a word: trimmed, inner runs of blanks and line breaks as one space. */
export function headerWord(text: string): string {
  return text.replace(/[\s\u3000]+/g, ' ').trim();
}

/** Everything wrong with a mapping, in column order; empty when it can be saved. */
export function mappingProblems(
  headerRow: readonly HeaderCell[],
  choices: Readonly<Record<number, ColumnChoice>>,
  name: string,
): MappingProblem[] {
  const problems: MappingProblem[] = [];
  if (name.trim() === '') problems.push({ code: 'NO_NAME' });
  const used = new Map<TableConcept, number[]>();
  let statuses = 0;
  for (const cell of [...headerRow].sort((a, b) => a.col - b.col)) {
    const choice = choices[cell.col] ?? 'ignore';
    if (choice === 'ignore') continue;
    if (headerWord(cell.text) === '') problems.push({ code: 'EMPTY_HEADER', col: cell.col });
    if (typeof choice === 'object') statuses++;
    else used.set(choice, [...(used.get(choice) ?? []), cell.col]);
  }
  for (const concept of TABLE_CONCEPTS) {
    const cols = used.get(concept) ?? [];
    if (cols.length > 1) problems.push({ code: 'DUPLICATE_CONCEPT', concept, cols });
  }
  if (statuses === 0) problems.push({ code: 'NO_STATUS_COLUMN' });
  return problems;
}

/**
 * The table the user described: each chosen header cell's text becomes that concept's word,
 * status columns in column order. Throws when mappingProblems() finds any (the UI checks first).
 */
export function tableDefFromMapping(
  headerRow: readonly HeaderCell[],
  choices: Readonly<Record<number, ColumnChoice>>,
  name: string,
  sheet?: string,
): TableDef {
  const problems = mappingProblems(headerRow, choices, name);
  if (problems.length > 0) {
    throw new Error(`Table mapping not usable: ${problems.map((p) => p.code).join(', ')}`);
  }
  const concepts: Partial<Record<TableConcept, TableColumnDef>> = {};
  const statusColumns: StatusColumnDef[] = [];
  for (const cell of [...headerRow].sort((a, b) => a.col - b.col)) {
    const choice = choices[cell.col] ?? 'ignore';
    if (choice === 'ignore') continue;
    const word = headerWord(cell.text);
    if (typeof choice === 'object') statusColumns.push({ words: [word], scheme: choice.status, title: word });
    else concepts[choice] = { words: [word] };
  }
  const trimmed = name.trim();
  return {
    id: tableId(trimmed),
    name: trimmed,
    ...(sheet !== undefined ? { sheets: [sheet] } : {}),
    ...concepts,
    statusColumns,
  };
}

/**
 * A stable id for a table's name: the name itself when it is already an id, else "table-" and a
 * hash of it, so that mapping the same table again replaces it rather than adding a second one.
 */
export function tableId(name: string): string {
  const lower = name.toLowerCase();
  if (TABLE_ID_PATTERN.test(lower)) return lower;
  // FNV-1a over UTF-16 code units: short, deterministic, no dependency.
  let hash = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) {
    hash ^= name.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return `table-${hash.toString(16).padStart(8, '0')}`;
}

/**
 * The settings JSON object with `def` in its tables: a table with the same id is replaced in its
 * place, else the new one goes last. Everything else in the object is kept as it was.
 */
export function withTable(
  settingsJson: Readonly<Record<string, unknown>>,
  def: TableDef,
): Record<string, unknown> {
  const current = settingsJson['tables'];
  const tables: unknown[] = Array.isArray(current) ? [...(current as unknown[])] : [];
  const at = tables.findIndex(
    (t) => typeof t === 'object' && t !== null && (t as { id?: unknown }).id === def.id,
  );
  if (at >= 0) tables[at] = def;
  else tables.push(def);
  return { ...settingsJson, tables };
}

/**
 * Stored settings JSON text (null when none) with `def` added: the text the workbook or the browser
 * keeps next. Stored text that is not a JSON object is refused rather than replaced.
 */
export function settingsJsonWithTable(stored: string | null, def: TableDef): string {
  let current: unknown = {};
  if (stored !== null && stored.trim() !== '') current = JSON.parse(stored) as unknown;
  if (typeof current !== 'object' || current === null || Array.isArray(current)) {
    throw new Error('The stored settings are not a JSON object');
  }
  return `${JSON.stringify(withTable(current as Record<string, unknown>, def), null, 2)}\n`;
}
