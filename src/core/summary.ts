/**
 * The 達成状況 summaries: counts per top-level category, sub-statuses that roll up (うち達成), counts
 * per group at every depth (subtotals per 重点項目 and per section), and the entries kept apart
 * (unclassified, 対象外, 再掲). Also the cross-check of a summary table the workbook states itself.
 */
import type { DiagnosticBag } from './diagnostics';
import { summaryTitle } from './messages';
import type { Entry, GroupCounts, StatedSummary, Summary } from './model';
import { isTableLayoutId } from './layouts/registry';
import { findScheme, type Settings, type StatusScheme } from './settings';
import { classifyStatus, rollUpLabels, topCategories } from './status';
import { normalizeLabel } from './text';

/** Heading of the reported / computed summary in the 集計 sheet (the words are in messages.ts). */
export const SUMMARY_TITLE = summaryTitle({ kind: 'reported' });

/** Row labels of a stated summary that give the total. */
export const TOTAL_LABELS: readonly string[] = ['合計', '計', '総計', '総数', '全体', '計（件）'];

function zeroCounts(labels: readonly string[]): Record<string, number> {
  return Object.fromEntries(labels.map((l) => [l, 0]));
}

/** A scheme for entries whose scheme id is not in the settings: their own categories, in order seen. */
function adHocScheme(id: string, entries: readonly Entry[]): StatusScheme {
  const labels = [...new Set(entries.map((e) => e.category).filter((c): c is string => c !== null))];
  return { id, name: id, categories: labels.map((label) => ({ label, aliases: [] })) };
}

/** One summary of the given entries, all of one scheme (and one year for plans). */
export function summarizeEntries(
  entries: readonly Entry[],
  scheme: StatusScheme,
  title: string,
  year?: number | undefined,
): Summary {
  const categories = topCategories(scheme);
  const known = new Set(categories);
  const total = zeroCounts(categories);
  const detail = zeroCounts(rollUpLabels(scheme));
  let unclassified = 0;
  let excluded = 0;
  let repeats = 0;

  // Groups in order of first appearance; a path element is matched on its normalised text and
  // shown as first written, so 「④ 公共施設…」 on a later page joins 「④公共施設…」.
  const groups = new Map<string, { path: string[]; counts: Record<string, number> }>();
  const groupFor = (path: readonly string[]): Record<string, number>[] => {
    const out: Record<string, number>[] = [];
    let key = '';
    const shown: string[] = [];
    for (const part of path) {
      key += `\u0000${normalizeLabel(part)}`;
      let g = groups.get(key);
      if (!g) {
        g = { path: [...shown, part], counts: zeroCounts(categories) };
        groups.set(key, g);
      }
      shown.push(g.path[g.path.length - 1]!);
      out.push(g.counts);
    }
    return out;
  };

  for (const e of entries) {
    const groupCounts = groupFor(e.group);
    if (e.repeatOf) {
      repeats++;
      continue;
    }
    if (e.excluded) {
      excluded++;
      continue;
    }
    if (e.category === null || !known.has(e.category)) {
      unclassified++;
      continue;
    }
    total[e.category]!++;
    if (e.status !== null && e.status !== e.category && e.status in detail) detail[e.status]!++;
    for (const counts of groupCounts) counts[e.category]!++;
  }

  const counted = categories.reduce((n, c) => n + total[c]!, 0);
  const groupList: GroupCounts[] = [...groups.values()].map((g) => ({
    path: g.path,
    counts: g.counts,
    total: categories.reduce((n, c) => n + g.counts[c]!, 0),
  }));
  return {
    scheme: scheme.id,
    ...(year !== undefined ? { year } : {}),
    title,
    schemeName: scheme.name,
    categories,
    total,
    detail,
    counted,
    groups: groupList,
    unclassified,
    excluded,
    repeats,
  };
}

/**
 * A status column of a table the settings describe is counted on its own, even when another column
 * of the table has the same scheme (前年度の評価 and 今年度の評価, both S / A / B / C): its name is set
 * in the settings, so it is the same on every sheet. '' for every other entry.
 */
export function tableColumnKey(e: Entry): string {
  return isTableLayoutId(e.layout) && e.column !== undefined ? `\u0000${e.column}` : '';
}

/**
 * One summary per scheme used, and for planned entries one per scheme and year
 * (「令和4年度の計画段階」), in order of first appearance.
 */
export function summarize(entries: readonly Entry[], settings: Settings): Summary[] {
  const buckets = new Map<
    string,
    { scheme: string; planned: boolean; year: number | undefined; entries: Entry[] }
  >();
  for (const e of entries) {
    const planned = e.source === 'planned';
    const key = planned ? `${e.scheme}\u0000${e.year ?? ''}` : e.scheme + tableColumnKey(e);
    let b = buckets.get(key);
    if (!b) {
      b = { scheme: e.scheme, planned, year: planned ? e.year : undefined, entries: [] };
      buckets.set(key, b);
    }
    b.entries.push(e);
  }
  const reportedSchemes = new Set([...buckets.values()].filter((b) => !b.planned).map((b) => b.scheme));
  return [...buckets.values()].map((b) => {
    const scheme = findScheme(settings, b.scheme) ?? adHocScheme(b.scheme, b.entries);
    const locale = settings.output.locale;
    if (b.planned) {
      const title = summaryTitle(
        { kind: 'planned', ...(b.year !== undefined ? { year: b.year } : {}) },
        locale,
      );
      return summarizeEntries(b.entries, scheme, title, b.year);
    }
    // A table with several status columns: each summary is headed by its column, as written.
    const column = b.entries.find((e) => e.column !== undefined)?.column;
    if (column !== undefined) return { ...summarizeEntries(b.entries, scheme, column), column };
    const named = reportedSchemes.size > 1 ? { schemeName: scheme.name } : {};
    return summarizeEntries(b.entries, scheme, summaryTitle({ kind: 'reported', ...named }, locale));
  });
}

/**
 * Compares a summary table stated in the workbook with the counts: each stated row is mapped to its
 * category through the scheme (a sub-status such as 達成 to its detail count, 合計 to the total);
 * a category the table leaves out while items have it is a disagreement too. Rows whose label the
 * scheme does not know are left alone.
 */
export function checkStatedSummary(
  stated: StatedSummary,
  summary: Summary,
  scheme: StatusScheme,
  diagnostics: DiagnosticBag,
  /** False when the table may go on past what was read (it ends on its sheet's last row). */
  complete = true,
): void {
  const statedCategories = new Set<string>();
  for (const row of stated.rows) {
    let counted: number;
    if (TOTAL_LABELS.some((t) => normalizeLabel(t) === normalizeLabel(row.label))) {
      counted = summary.counted;
    } else {
      // 「うち達成」 is how a sub-status row is written under its category.
      const m = classifyStatus(row.label.replace(/^\s*うち\s*/, ''), scheme);
      if (m.kind !== 'matched') continue;
      if (m.excluded) counted = summary.excluded;
      else if (m.status !== m.category) counted = summary.detail[m.status] ?? 0;
      else {
        counted = summary.total[m.category] ?? 0;
        statedCategories.add(m.category);
      }
    }
    if (counted !== row.count) {
      diagnostics.report('STATED_SUMMARY_MISMATCH', row.at, String(row.count), {
        label: row.label,
        stated: row.count,
        counted,
        scheme: scheme.id,
      });
    }
  }
  if (!complete || statedCategories.size < 2) return;
  for (const category of summary.categories) {
    const counted = summary.total[category] ?? 0;
    if (statedCategories.has(category) || counted === 0) continue;
    diagnostics.report('STATED_SUMMARY_MISMATCH', stated.at, '', {
      label: category,
      stated: 0,
      counted,
      scheme: scheme.id,
    });
  }
}
