/**
 * The registry of built-in layouts: one record per layout, the one place its id, names and default
 * scheme are written. LayoutId, the names in the plan, the command line and the task pane, the
 * settings checks (layoutSchemes, labels) and docs/cli.md derive from it. Data only (no layout
 * code), so that settings and messages can import it without pulling in the parsers.
 *
 * A new layout: one record here, and one file exporting a Layout with that id (listed in index.ts).
 */
export interface LayoutRecord {
  /** Stable id: settings keys (labels.<id>, layoutSchemes.<id>) and the JSON result's layout. */
  readonly id: string;
  /** Japanese name shown to users: 「カード形式」. */
  readonly ja: string;
  /** The name where a layout is chosen or detected: 「カード形式（関市型）」. */
  readonly title: string;
  /** English name: 'cards'. */
  readonly en: string;
  /** The city whose report is the model of the layout (domain.md): 関市. */
  readonly city: string;
  /** Id of the scheme (settings.schemes) its statuses are read with unless the settings say otherwise. */
  readonly scheme: string;
}

export const LAYOUT_REGISTRY = [
  {
    id: 'cards',
    ja: 'カード形式',
    title: 'カード形式（関市型）',
    en: 'cards',
    city: '関市',
    scheme: 'progress3',
  },
  {
    id: 'flatTable',
    ja: '一覧表形式',
    title: '一覧表形式（会津若松市型）',
    en: 'flat table',
    city: '会津若松市',
    scheme: 'abcd',
  },
  {
    id: 'indicatorBlocks',
    ja: '指標ブロック形式',
    title: '指標ブロック形式（江別市型）',
    en: 'indicator blocks',
    city: '江別市',
    scheme: 'progress3',
  },
  {
    id: 'scoredSheets',
    ja: '評点シート形式',
    title: '評点シート形式（府中市型）',
    en: 'scored sheets',
    city: '府中市',
    scheme: 'score3',
  },
  {
    id: 'planCards',
    ja: '実施計画カード形式',
    title: '実施計画カード形式（安中市型）',
    en: 'plan cards',
    city: '安中市',
    scheme: 'stage',
  },
] as const satisfies readonly LayoutRecord[];

/** The built-in layouts' ids. */
export type LayoutId = (typeof LAYOUT_REGISTRY)[number]['id'];

/** Every built-in layout id, in registry order (the order layouts are tried in). */
export const LAYOUT_IDS: readonly LayoutId[] = LAYOUT_REGISTRY.map((r) => r.id);

/** The registry record of a layout. */
export function layoutRecord(id: LayoutId): LayoutRecord {
  return LAYOUT_REGISTRY.find((r) => r.id === id)!;
}

/** The layouts' names in one language, by id: for the 集計 sheet, the command line, the task pane. */
export function layoutNames(locale: 'ja' | 'en'): Readonly<Record<LayoutId, string>> {
  const out = {} as Record<LayoutId, string>;
  for (const r of LAYOUT_REGISTRY) out[r.id] = locale === 'ja' ? r.ja : r.en;
  return out;
}

/** The name shown where a layout is chosen or detected: 「カード形式（関市型）」. */
export function layoutTitle(id: LayoutId): string {
  return layoutRecord(id).title;
}

/** Each layout's default scheme, by id: the built-in settings' layoutSchemes. */
export function defaultLayoutSchemes(): Readonly<Record<LayoutId, string>> {
  const out = {} as Record<LayoutId, string>;
  for (const r of LAYOUT_REGISTRY) out[r.id] = r.scheme;
  return out;
}

/** A table described in the settings (settings.tables, tableSettings.ts) read as a layout: 'table:<id>'. */
export type TableLayoutId = `table:${string}`;

/** The layout a sheet or an entry was read with: a built-in one, or a table the settings describe. */
export type AnyLayoutId = LayoutId | TableLayoutId;

/** The layout id of the settings' table `id`. */
export function tableLayoutId(id: string): TableLayoutId {
  return `table:${id}`;
}

export function isTableLayoutId(id: string): id is TableLayoutId {
  return id.startsWith('table:');
}

/** What the settings call a table: its id and the name shown for it. */
export interface TableName {
  readonly id: string;
  readonly name: string;
}

/**
 * The name shown for any layout: a built-in layout's from `names` (layoutNames of one language), a
 * table's the name the settings give it (TableDef.name), or its id for a table the settings no longer hold.
 */
export function shownLayoutName(
  id: AnyLayoutId,
  names: Readonly<Record<LayoutId, string>>,
  tables: readonly TableName[] = [],
): string {
  if (!isTableLayoutId(id)) return names[id];
  return tables.find((t) => tableLayoutId(t.id) === id)?.name ?? id;
}
