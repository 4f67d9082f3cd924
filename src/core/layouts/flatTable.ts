/**
 * 会津若松市 flat table: a header row (改革項目 / 具体的取組 / 内容 / 所管課 / R3取組状況 / 総括 / 最終評価,
 * any order, anywhere on the sheet), repeated on every printed page; (1)(2)(3) section headings;
 * blank 改革項目 / 具体的取組 cells continue the row above; one row per 所管課; a rating cell may hold
 * several `所管課 rating` pairs. Rows whose cells slid columns are reported as SHIFTED_ROW.
 */
import { columnLetters, type CellAddress } from '../address';
import { newEntry, type Entry } from '../model';
import { findScheme, type Settings, type StatusScheme } from '../settings';
import type { Sheet } from '../sheet';
import { classifyStatus, isRatingLike, splitDepartmentRatings, type StatusMatch } from '../status';
import { normalizeLabel, normalizeText, pushAll } from '../text';
import {
  cellDisplay,
  conceptKeys,
  displayText,
  findStatedSummaries,
  labelKey,
  looksLikeDepartment,
  mergedText,
  mergeSynonyms,
  reportStatusMatch,
  statusFields,
  splitYearLabel,
  stripHeadingMarks,
  valueColumns,
  wordKeys,
  type Synonyms,
  describeConcepts,
} from './common';
import { layoutTitle } from './registry';
import { isSectionHeading } from './headings';
import type { Layout, LayoutContext, LayoutResult } from './types';

/** Built-in header synonyms; settings.labels.flatTable adds to them. Years in headers are ignored. */
export const FLAT_TABLE_LABELS: Synonyms = {
  status: [
    '最終評価',
    '総合評価',
    '評価',
    '評価結果',
    '達成度',
    '進捗状況',
    '達成状況',
    '自己評価',
    '進捗度',
  ],
  department: ['所管課', '担当課', '所管部署', '担当部署', '担当部局', '所管', '担当', '課名'],
  number: ['番号', 'No', 'No.', '項番', '整理番号', '通し番号'],
  title: [
    '具体的取組',
    '具体的な取組',
    '具体的取組事項',
    '取組項目',
    '取組名',
    '取組事項',
    '実施項目',
    '事業名',
    '取組',
  ],
  group: ['改革項目', '推進項目', '重点項目', '取組方針', '基本方針', '施策', '項目'],
  content: ['内容', '取組内容', '概要', '実施内容', '取組の内容'],
  progress: ['取組状況', '実施状況', '取組実績', '実績', '進捗', '取組結果'],
  comment: ['総括', '成果', '成果と課題', '課題', '評価理由', '備考', '今後の方向性', '今後の取組'],
};

type Concept = 'status' | 'department' | 'number' | 'title' | 'group' | 'content' | 'progress' | 'comment';

/** Earlier concepts claim a header first. */
const CONCEPT_ORDER: readonly Concept[] = [
  'status',
  'department',
  'number',
  'title',
  'group',
  'content',
  'progress',
  'comment',
];

/** Columns where a long text is expected: a short department name there means the row slid. */
const LONG_TEXT: readonly Concept[] = ['group', 'title', 'content', 'progress', 'comment'];

/** A department name out of place is short; a rating out of place is shorter still. */
const MAX_MISPLACED_DEPARTMENT = 20;
const MAX_MISPLACED_RATING = 6;

interface Columns {
  readonly cols: Readonly<Partial<Record<Concept, number>>>;
  /** The header text as written, for messages. */
  readonly headers: Readonly<Partial<Record<Concept, string>>>;
  readonly first: number;
  readonly last: number;
  readonly year: number | null;
  /** The status columns counted, the rating first, each with its scheme (resolveStatusColumns). */
  readonly statusColumns?: readonly StatusColumn[];
}

interface StatusColumn {
  readonly col: number;
  /** The header as written: the heading of the column's summary. */
  readonly header: string;
  readonly scheme: string;
}

/**
 * Status columns of the common published form besides the rating, each read with a scheme of its
 * own (実施状況: 完了 / 取組中 / 未着手; 達成度: 達成 / 一部達成 / 未達成). Data, so a city's form can be added.
 */
export const STATUS_COLUMN_SCHEMES: readonly {
  readonly words: readonly string[];
  readonly scheme: string;
}[] = [
  { words: ['実施状況', '進捗状況'], scheme: 'implementation3' },
  { words: ['達成度', '達成状況'], scheme: 'achievement3' },
];

/** How far below its header a column's cells are read to tell which scheme they are written in. */
const SCHEME_SCAN_ROWS = 2000;

function columnSchemes(text: string): string[] {
  const key = labelKey(text);
  if (key === '') return [];
  return STATUS_COLUMN_SCHEMES.filter((d) => wordKeys(d.words).has(key)).map((d) => d.scheme);
}

/** The scheme of `ids` that reads most of the column's written cells (the first on a tie), and how many. */
function bestScheme(
  sheet: Sheet,
  headerRow: number,
  col: number,
  ids: readonly string[],
  settings: Settings,
): { id: string; matches: number; written: number } | null {
  const schemes = ids.flatMap((id) => {
    const s = findScheme(settings, id);
    return s ? [s] : [];
  });
  if (schemes.length === 0) return null;
  const matches = schemes.map(() => 0);
  let written = 0;
  const last = Math.min(sheet.rowCount, headerRow + 1 + SCHEME_SCAN_ROWS);
  for (let r = headerRow + 1; r < last; r++) {
    const text = sheet.text(r, col);
    if (text.trim() === '') continue;
    written++;
    schemes.forEach((s, i) => {
      if (classifyStatus(text, s).kind === 'matched') matches[i]!++;
    });
  }
  let best = 0;
  matches.forEach((m, i) => {
    if (m > matches[best]!) best = i;
  });
  return { id: schemes[best]!.id, matches: matches[best]!, written };
}

/**
 * The status columns of a header row: the rating (the layout's scheme, or the column's own when its
 * cells read as that: 達成度 with 達成 / 一部達成 / 未達成), then every other column headed as a status of
 * the common form whose written cells mostly read in its scheme — a column of prose headed 実施状況 is
 * not counted. One column per scheme: each gives its own summary.
 */
function resolveStatusColumns(sheet: Sheet, row: number, t: Columns, settings: Settings): StatusColumn[] {
  const primary = t.cols.status!;
  const layoutScheme = settings.layoutSchemes.flatTable;
  const ids = [layoutScheme, ...columnSchemes(sheet.text(row, primary)).filter((id) => id !== layoutScheme)];
  const first = bestScheme(sheet, row, primary, ids, settings);
  const out: StatusColumn[] = [
    {
      col: primary,
      header: cellDisplay(sheet, row, primary),
      scheme: first && first.matches > 0 ? first.id : layoutScheme,
    },
  ];
  const claimed = new Set([t.cols.number, t.cols.title, t.cols.group, t.cols.department, primary]);
  for (const c of valueColumns(sheet, row)) {
    if (claimed.has(c)) continue;
    const own = columnSchemes(sheet.text(row, c));
    const best = own.length > 0 ? bestScheme(sheet, row, c, own, settings) : null;
    if (!best || best.matches === 0 || best.matches * 2 < best.written) continue;
    if (out.some((o) => o.scheme === best.id)) continue;
    out.push({ col: c, header: cellDisplay(sheet, row, c), scheme: best.id });
  }
  return out;
}

/** What a flat table's sheet hands the next one: its columns and the 改革項目 open at its end. */
export type FlatState = {
  readonly columns?: Columns;
  readonly section?: string;
  readonly group?: string;
  readonly title?: string;
  readonly number?: string;
};

function synonymsFor(settings: Settings): Synonyms {
  return mergeSynonyms(FLAT_TABLE_LABELS, settings, 'flatTable');
}

/** The concept a header's label key names and how strongly (index of the synonym; lower is stronger). */
function headerConcept(key: string, syn: Synonyms): { concept: Concept; rank: number } | null {
  if (key === '') return null;
  for (const concept of CONCEPT_ORDER) {
    const rank = wordKeys(syn[concept] ?? []).get(key);
    if (rank !== undefined) return { concept, rank };
  }
  return null;
}

/** The table's columns when the row is a header row: a status column, a title or group, 3+ concepts. */
function headerColumns(sheet: Sheet, row: number, syn: Synonyms): Columns | null {
  const cols: Partial<Record<Concept, number>> = {};
  const headers: Partial<Record<Concept, string>> = {};
  const ranks: Partial<Record<Concept, number>> = {};
  let year: number | null = null;
  for (const c of valueColumns(sheet, row)) {
    const hit = headerConcept(sheet.labelKey(row, c), syn);
    if (!hit) continue;
    const prev = ranks[hit.concept];
    // Status: the strongest word wins (最終評価 over 評価), the rightmost on a tie; others: leftmost.
    const take = prev === undefined || (hit.concept === 'status' && hit.rank <= prev) || hit.rank < prev;
    if (!take) continue;
    cols[hit.concept] = c;
    headers[hit.concept] = cellDisplay(sheet, row, c);
    ranks[hit.concept] = hit.rank;
    year ??= sheet.labelYear(row, c);
  }
  const found = Object.keys(cols).length;
  if (cols.status === undefined || (cols.title === undefined && cols.group === undefined) || found < 3) {
    return null;
  }
  // A table with one item column: it names the entries, not a group.
  if (cols.title === undefined && cols.group !== undefined) {
    cols.title = cols.group;
    headers.title = headers.group!;
    delete cols.group;
    delete headers.group;
  }
  const all = Object.values(cols);
  return { cols, headers, first: Math.min(...all), last: Math.max(...all), year };
}

/** The columns with those a sub-header row names, when every cell of the row is a header word. */
function subHeader(
  sheet: Sheet,
  row: number,
  filled: readonly number[],
  t: Columns,
  syn: Synonyms,
): Columns | null {
  const cols: Partial<Record<Concept, number>> = { ...t.cols };
  const headers: Partial<Record<Concept, string>> = { ...t.headers };
  for (const c of filled) {
    const hit = headerConcept(sheet.labelKey(row, c), syn);
    if (!hit) return null;
    if (cols[hit.concept] !== undefined && hit.concept !== 'status') continue;
    if (hit.concept === 'status' && cols.status !== undefined && cols.status !== c) continue;
    cols[hit.concept] = c;
    headers[hit.concept] = cellDisplay(sheet, row, c);
  }
  const all = Object.values(cols);
  return { ...t, cols, headers, first: Math.min(...all), last: Math.max(...all) };
}

interface Shift {
  readonly shift: number;
  readonly expected: string;
  readonly found: string;
  readonly foundAt: number;
  readonly department?: string;
  readonly rating?: { readonly col: number; readonly text: string };
}

/**
 * A row whose cells slid: a department name where a long text is expected (and none in the
 * department column), or a rating beside an empty rating column. Judged by what the cells look like.
 */
function detectShift(sheet: Sheet, row: number, t: Columns, scheme: StatusScheme | undefined): Shift | null {
  const { cols, headers } = t;
  let dept: { col: number; text: string } | null = null;
  if (cols.department !== undefined && !looksLikeDepartment(mergedText(sheet, row, cols.department))) {
    for (const concept of LONG_TEXT) {
      const c = cols[concept];
      if (c === undefined || c === cols.department) continue;
      const text = cellDisplay(sheet, row, c);
      if (text !== '' && text.length <= MAX_MISPLACED_DEPARTMENT && looksLikeDepartment(text)) {
        dept = { col: c, text };
        break;
      }
    }
  }
  let rating: { col: number; text: string } | null = null;
  const statusCol = cols.status!;
  if (scheme && sheet.isBlank(row, statusCol)) {
    const hits = valueColumns(sheet, row).filter((c) => {
      if (c === statusCol) return false;
      const v = sheet.value(row, c);
      return v.length <= MAX_MISPLACED_RATING && isRatingLike(v, scheme);
    });
    if (hits.length === 1) rating = { col: hits[0]!, text: sheet.text(row, hits[0]!) };
  }
  if (!dept && !rating) return null;
  // The header over the column, as written; '' outside the table's named columns, where the message
  // names the column letter instead (messages.ts SHIFTED_ROW).
  const conceptAt = (col: number): string => {
    for (const [k, v] of Object.entries(cols)) if (v === col) return headers[k as Concept] ?? '';
    return '';
  };
  if (dept) {
    return {
      shift: Math.abs(cols.department! - dept.col),
      expected: conceptAt(dept.col),
      found: dept.text,
      foundAt: dept.col,
      department: dept.text,
      ...(rating ? { rating } : {}),
    };
  }
  const r = rating!;
  return {
    shift: Math.abs(statusCol - r.col),
    expected: conceptAt(r.col),
    found: displayText(r.text),
    foundAt: r.col,
    rating: r,
  };
}

interface RowContext {
  readonly group: readonly string[];
  readonly number: string;
  readonly title: string;
  readonly department: string;
  /** The status column's header, when the table has several. */
  readonly column?: string;
}

function entriesForStatus(
  sheet: Sheet,
  at: { row: number; col: number },
  raw: string,
  row: RowContext,
  scheme: StatusScheme | undefined,
  schemeId: string,
  year: number | null,
  ctx: LayoutContext,
  reportProblems: boolean,
): Entry[] {
  const address: CellAddress = sheet.address(at.row, at.col);
  const entry = (department: string, rawStatus: string, m: StatusMatch | null): Entry => {
    const s = statusFields(m);
    return newEntry({
      at: address,
      layout: 'flatTable',
      group: row.group,
      number: row.number,
      title: row.title,
      department,
      rawStatus,
      status: s.status,
      category: s.category,
      excluded: s.excluded,
      scheme: schemeId,
      column: row.column,
      source: 'reported',
      year: year ?? undefined,
    });
  };
  // Shown as written, on one line; classified from the cell's own text.
  const rawStatus = displayText(raw);
  if (sheet.error(at.row, at.col) !== undefined || !scheme) return [entry(row.department, rawStatus, null)];
  const m = classifyStatus(raw, scheme);
  // 「総務課 A／財政課 B」: one entry per department, each rating read alone.
  const pairs = m.kind === 'unknown' ? splitDepartmentRatings(raw, scheme) : [];
  if (pairs.length === 0) {
    const item = { title: row.title, number: row.number };
    if (reportProblems) reportStatusMatch(ctx.diagnostics, address, raw, m, scheme, item);
    return [entry(row.department, rawStatus, m)];
  }
  return pairs.map((p) => entry(p.department, p.rating, p.match));
}

/** Optional columns whose absence changes the output: no per-group table, no 所管課 in the list. */
const REPORTED_IF_MISSING: readonly Concept[] = ['group', 'department'];

/**
 * Says which optional columns the table's first header row lacks, so that the per-group table or
 * the 所管課 does not disappear without a word; the words that would have named them are listed.
 */
function reportMissingColumns(
  sheet: Sheet,
  row: number,
  t: Columns,
  syn: Synonyms,
  ctx: LayoutContext,
): void {
  for (const concept of REPORTED_IF_MISSING) {
    if (t.cols[concept] !== undefined) continue;
    const words = syn[concept] ?? [];
    ctx.diagnostics.report('COLUMN_NOT_FOUND', sheet.address(row, t.first), '', {
      column: words[0] ?? concept,
      words: words.join('、'),
      setting: `labels.flatTable.${concept}`,
    });
  }
}

function groupPath(section: string | undefined, group: string | undefined): string[] {
  return [section, group].filter((g): g is string => g !== undefined && g !== '');
}

export const flatTableLayout: Layout<'flatTable'> = {
  id: 'flatTable',
  name: layoutTitle('flatTable'),
  concepts: describeConcepts(FLAT_TABLE_LABELS, {
    status: '評価（集計する区分）の列',
    department: '所管課の列',
    number: '取組番号の列',
    title: '取組名の列',
    group: '改革項目など、取組をまとめる列',
    content: '取組内容の列（一覧に載せない）',
    progress: '取組状況の列（一覧に載せない）',
    comment: '総括・課題などの列（一覧に載せない）',
  }),

  detect(sheet, settings) {
    const syn = synonymsFor(settings);
    let best = 0;
    // A header row holds a status label: only the rows the sheet's index has one on.
    for (const r of sheet.rowsWithKeys(conceptKeys(syn, ['status']))) {
      const t = headerColumns(sheet, r, syn);
      if (t) best = Math.max(best, Object.keys(t.cols).length);
    }
    return best === 0 ? 0 : Math.min(1, 0.6 + 0.05 * best);
  },

  parse(sheet, ctx) {
    const syn = synonymsFor(ctx.settings);
    const schemeId = ctx.settings.layoutSchemes.flatTable;
    const carried = ctx.carry.state ?? {};
    let columns = carried.columns;
    let section = carried.section ?? ctx.carry.group?.[0];
    let group = carried.group;
    let title = carried.title;
    let number = carried.number;
    let year: number | null = null;
    let headerRow = -2;
    const entries: Entry[] = [];

    for (let r = 0; r < sheet.rowCount; r++) {
      if (sheet.isBlankRow(r)) continue;
      const header = headerColumns(sheet, r, syn);
      if (header) {
        if (!columns) reportMissingColumns(sheet, r, header, syn, ctx);
        // A page header repeated with the same columns keeps what its cells were found to be.
        const same = columns?.statusColumns && JSON.stringify(columns.cols) === JSON.stringify(header.cols);
        const statusColumns = same
          ? columns!.statusColumns!
          : resolveStatusColumns(sheet, r, header, ctx.settings);
        columns = { ...header, statusColumns };
        year ??= header.year;
        headerRow = r;
        continue;
      }
      const filled = valueColumns(sheet, r);
      // A second header row under the first (R3 | 取組状況 / 総括): its words name more columns.
      if (columns && headerRow === r - 1 && filled.length > 0) {
        const more = subHeader(sheet, r, filled, columns, syn);
        if (more) {
          columns = more;
          continue;
        }
      }
      const t = columns;
      const inTable = t ? filled.filter((c) => c >= t.first && c <= t.last) : [];
      const single =
        filled.length === 1 && (!t || (filled[0] !== t.cols.status && filled[0] !== t.cols.department));
      // A row with a department or a rating, or three cells of the table, is a report row; two loose
      // cells (a legend such as 「A | 計画どおり」) are not.
      const reportRow =
        inTable.length >= 3 || inTable.some((c) => c === t?.cols.status || c === t?.cols.department);
      if (!t || single || !reportRow) {
        if (filled.length === 1) {
          const text = cellDisplay(sheet, r, filled[0]!);
          if (isSectionHeading(text)) {
            const s = stripHeadingMarks(text);
            if (section === undefined || normalizeLabel(s) !== normalizeLabel(section)) {
              section = s;
              group = undefined;
              title = undefined;
              number = undefined;
            }
          }
        }
        continue;
      }

      const { cols } = t;
      const statusCol = cols.status!;
      const statusColumns = t.statusColumns ?? [
        { col: statusCol, header: t.headers.status ?? '', scheme: schemeId },
      ];
      const rowSchemeId = statusColumns[0]!.scheme;
      const rowScheme = findScheme(ctx.settings, rowSchemeId);
      const several = statusColumns.length > 1;
      const shift = detectShift(sheet, r, t, rowScheme);
      if (!shift) {
        const groupText = cols.group !== undefined ? cellDisplay(sheet, r, cols.group) : '';
        if (groupText !== '' && normalizeLabel(groupText) !== normalizeLabel(group ?? '')) {
          group = groupText;
          title = undefined;
          number = undefined;
        }
        const titleText = cols.title !== undefined ? cellDisplay(sheet, r, cols.title) : '';
        if (titleText !== '') {
          if (normalizeLabel(titleText) !== normalizeLabel(title ?? '')) number = undefined;
          title = titleText;
        }
        const numberText = cols.number !== undefined ? normalizeText(sheet.text(r, cols.number)) : '';
        if (numberText !== '') number = numberText;
      }
      const rowCtx: RowContext = {
        group: groupPath(section, group),
        number: number ?? '',
        title: title ?? '',
        department:
          shift?.department ??
          (cols.department !== undefined ? displayText(mergedText(sheet, r, cols.department)) : ''),
        ...(several ? { column: statusColumns[0]!.header } : {}),
      };
      const entryYear = year ?? ctx.reportYear;
      // The other status columns of the row (実施状況 next to 達成度), each in its own scheme.
      const readOthers = (): void => {
        for (const other of statusColumns.slice(1)) {
          const at = { row: r, col: other.col };
          const m = sheet.mergeAt(r, other.col);
          if (m && m.top !== r) continue;
          const scheme = findScheme(ctx.settings, other.scheme);
          const ctxRow = { ...rowCtx, column: other.header };
          const raw = sheet.text(r, other.col);
          pushAll(
            entries,
            entriesForStatus(sheet, at, raw, ctxRow, scheme, other.scheme, entryYear, ctx, true),
          );
        }
      };

      if (shift) {
        const ratingAt = shift.rating ? { row: r, col: shift.rating.col } : { row: r, col: statusCol };
        const raw = shift.rating ? shift.rating.text : sheet.text(r, statusCol);
        const made = entriesForStatus(
          sheet,
          ratingAt,
          raw,
          rowCtx,
          rowScheme,
          rowSchemeId,
          entryYear,
          ctx,
          false,
        );
        const recovered = made.every((e) => e.category !== null || e.excluded);
        const lastCol = Math.max(t.last, filled[filled.length - 1] ?? t.last);
        ctx.diagnostics.reportGraded(
          'SHIFTED_ROW',
          recovered ? 'warning' : 'error',
          sheet.address(r, Math.min(t.first, filled[0] ?? t.first)),
          shift.found,
          {
            shift: shift.shift,
            ...(shift.expected !== '' ? { expected: shift.expected } : {}),
            column: columnLetters(shift.foundAt),
            found: shift.found,
          },
          { row: r, col: lastCol },
        );
        pushAll(entries, made);
        readOthers();
        continue;
      }

      // A rating merged down over several rows: department rows of one 取組 share one rating (they
      // join its entry); rows of other 取組 each get that rating.
      const statusMerge = sheet.mergeAt(r, statusCol);
      let statusAt = { row: r, col: statusCol };
      if (statusMerge && statusMerge.top !== r) {
        const idx = entries.findIndex((e) => e.at.row === statusMerge.top && e.at.col === statusMerge.left);
        const prev = idx >= 0 ? entries[idx] : undefined;
        if (prev && prev.title === rowCtx.title) {
          if (rowCtx.department !== '' && rowCtx.department !== prev.department) {
            entries[idx] = { ...prev, department: `${prev.department}・${rowCtx.department}` };
          }
          continue;
        }
        statusAt = { row: statusMerge.top, col: statusMerge.left };
      }

      const raw = sheet.text(statusAt.row, statusAt.col);
      pushAll(
        entries,
        entriesForStatus(sheet, statusAt, raw, rowCtx, rowScheme, rowSchemeId, entryYear, ctx, true),
      );
      readOthers();
    }

    const state: FlatState = {
      ...(columns ? { columns } : {}),
      ...(section !== undefined ? { section } : {}),
      ...(group !== undefined ? { group } : {}),
      ...(title !== undefined ? { title } : {}),
      ...(number !== undefined ? { number } : {}),
    };
    const result: LayoutResult<'flatTable'> = {
      entries,
      statedSummaries: findStatedSummaries(sheet),
      carry: { group: groupPath(section, group), state },
    };
    return result;
  },

  // The first header naming a year (R3評価): the year its statuses are of.
  reportYear(sheet, settings) {
    const syn = synonymsFor(settings);
    for (let r = 0; r < sheet.rowCount; r++) {
      if (sheet.isBlankRow(r)) continue;
      const header = headerColumns(sheet, r, syn);
      if (!header || header.year === null) continue;
      for (const c of Object.values(header.cols)) {
        const text = sheet.text(r, c);
        if (splitYearLabel(text).year === header.year)
          return { year: header.year, at: sheet.address(r, c), text };
      }
    }
    return null;
  },
};
