/**
 * Hand-built analysis results for plan tests: entries as the layouts would give them, and the
 * summary computed from them the way the published tables count (roll-ups under their category,
 * 対象外 / 再掲 / 未判定 apart).
 */
import { addr } from '../../src/core/address';
import type { Diagnostic, DiagnosticCode } from '../../src/core/diagnostics';
import type { AnalysisResult } from '../../src/core/engine';
import type { Entry, GroupCounts, LayoutId, Summary } from '../../src/core/model';
import { DEFAULT_SETTINGS, findScheme, type Settings } from '../../src/core/settings';

export interface EntrySpec {
  group: string[];
  number?: string;
  title?: string;
  department?: string;
  raw: string;
  /** The scheme label matched (達成), or null when unknown / blank. */
  status: string | null;
  excluded?: boolean;
  repeat?: boolean;
  row?: number;
  scheme?: string;
  year?: number;
  indicator?: Entry['indicator'];
  source?: Entry['source'];
}

export function entry(spec: EntrySpec, i: number, sheet = '報告', layout: LayoutId = 'cards'): Entry {
  const schemeId = spec.scheme ?? 'progress3';
  const scheme = findScheme(DEFAULT_SETTINGS, schemeId)!;
  const def = spec.status === null ? undefined : scheme.categories.find((c) => c.label === spec.status);
  return {
    at: addr(sheet, spec.row ?? 10 + i * 3, 2),
    layout,
    group: spec.group,
    number: spec.number ?? String(i + 1),
    title: spec.title ?? `取組${i + 1}`,
    department: spec.department ?? '秘書課',
    rawStatus: spec.raw,
    status: spec.status,
    category: def ? (def.rollUpTo ?? def.label) : null,
    excluded: spec.excluded ?? def?.excluded === true,
    scheme: schemeId,
    source: spec.source ?? 'reported',
    ...(spec.year !== undefined ? { year: spec.year } : {}),
    ...(spec.indicator ? { indicator: spec.indicator } : {}),
    ...(spec.repeat ? { repeatOf: addr(sheet, 2, 2) } : {}),
  };
}

/** Counts as offices publish them; independent of the plan code under test. */
export function summarize(
  entries: readonly Entry[],
  schemeId: string,
  settings: Settings = DEFAULT_SETTINGS,
  year?: number,
): Summary {
  const scheme = findScheme(settings, schemeId)!;
  const categories = scheme.categories.filter((c) => !c.rollUpTo && !c.excluded).map((c) => c.label);
  const mine = entries.filter((e) => e.scheme === schemeId && (year === undefined || e.year === year));
  const counted = mine.filter((e) => !e.repeatOf && !e.excluded && e.category !== null);
  const total: Record<string, number> = Object.fromEntries(categories.map((c) => [c, 0]));
  const detail: Record<string, number> = {};
  const groups = new Map<string, GroupCounts & { counts: Record<string, number>; total: number }>();
  for (const e of counted) {
    total[e.category!] = (total[e.category!] ?? 0) + 1;
    if (e.status !== e.category && e.status) detail[e.status] = (detail[e.status] ?? 0) + 1;
    const k = e.group.join('\u0000');
    const g = groups.get(k) ?? { path: e.group, counts: {}, total: 0 };
    g.counts[e.category!] = (g.counts[e.category!] ?? 0) + 1;
    g.total++;
    groups.set(k, g);
  }
  return {
    scheme: schemeId,
    ...(year !== undefined ? { year } : {}),
    title: '達成状況',
    schemeName: scheme.name,
    categories,
    total,
    detail,
    counted: counted.length,
    groups: [...groups.values()],
    unclassified: mine.filter((e) => !e.repeatOf && !e.excluded && e.category === null).length,
    excluded: mine.filter((e) => !e.repeatOf && e.excluded).length,
    repeats: mine.filter((e) => e.repeatOf).length,
  };
}

export function result(
  entries: readonly Entry[],
  extra: Partial<Omit<AnalysisResult, 'entries'>> = {},
): AnalysisResult {
  const settings = extra.settings ?? DEFAULT_SETTINGS;
  const schemes = [...new Set(entries.map((e) => e.scheme))];
  const sheetNames = [...new Set(entries.map((e) => e.at.sheet))];
  return {
    settings,
    title: 'せき行財政改革アクションプランⅢ',
    reportYear: 2021,
    sheets: sheetNames.map((name) => ({
      name,
      layout: entries.find((e) => e.at.sheet === name)!.layout,
      entries: entries.filter((e) => e.at.sheet === name).length,
    })),
    summaries: schemes.map((s) => summarize(entries, s, settings)),
    statedSummaries: [],
    diagnostics: [],
    ...extra,
    entries,
  };
}

/** A 関市-like report: 5 重点項目, 順調 16 + 達成 1, やや遅れている 12, 遅れている 2. */
export function sekiLike(): Entry[] {
  const statuses: [string, string][] = [
    ...Array.from({ length: 16 }, (): [string, string] => ['順調', '順調']),
    ['達成', '達成'],
    ...Array.from({ length: 12 }, (): [string, string] => ['やや遅れている', 'やや遅れている']),
    ['遅れている', '遅れている'],
    ['遅れている', '遅れている'],
  ];
  return statuses.map(([raw, status], i) =>
    entry({ group: [`●重点項目${(i % 5) + 1} 行政運営の推進`], raw, status }, i),
  );
}

/** A diagnostic of one code; `extra.params` is typed by that code. */
export function diag<C extends DiagnosticCode>(
  code: C,
  sheet: string,
  row: number,
  col: number,
  extra: Partial<Omit<Diagnostic<C>, 'code'>> = {},
): Diagnostic {
  return { code, severity: 'warning', at: addr(sheet, row, col), value: '', ...extra } as Diagnostic;
}
