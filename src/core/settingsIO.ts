/**
 * Settings as users write them: partial JSON merged over DEFAULT_SETTINGS, checked key by key like
 * input. Every problem is collected (unknown keys at any depth, wrong types, bad references, sheet
 * names Excel refuses); then one SettingsError('INVALID_SETTINGS') lists them all, each naming its
 * key, in words from messages.ts, so the add-in and the command line can show it as it is.
 */
import { EngineError } from './errors';
import { LAYOUT_LABELS } from './layouts/index';
import type { TableDef } from './tableSettings';
import { headerKey } from './layouts/settingsTable';
import { formatSettingsProblem, type Locale, type SettingsProblemCode } from './messages';
import { parseFiscalYear } from './fiscalYear';
import { LAYOUT_IDS, type LayoutId } from './layouts/registry';
import {
  DEFAULT_READ_LIMITS,
  DEFAULT_SETTINGS,
  findScheme,
  SHARE_ROUNDINGS,
  type CountBy,
  type DirectionWords,
  type JudgeSettings,
  type OutputSettings,
  type ReadLimits,
  type Settings,
  type ShareRounding,
  type SheetSelection,
  type StatusCategoryDef,
  type StatusScheme,
} from './settings';
import { statusKey } from './status';
import { normalizeLabel } from './text';

export { LAYOUT_IDS };

const COUNT_BY: readonly CountBy[] = ['indicator', 'worstIndicator'];
const LOCALES: readonly OutputSettings['locale'][] = ['ja', 'en'];

type Json = Record<string, unknown>;

/** One thing wrong in the settings: the key at fault, what is wrong (messages.ts), and its facts. */
export interface SettingsProblem {
  readonly path: string;
  readonly code: SettingsProblemCode;
  readonly params: Readonly<Record<string, string | number>>;
}

/** Every problem of a settings file at once; `detail` is the first key at fault. */
export class SettingsError extends EngineError {
  readonly problems: readonly SettingsProblem[];
  constructor(problems: readonly SettingsProblem[], locale: Locale = 'ja') {
    super(
      'INVALID_SETTINGS',
      problems.map((p) => formatSettingsProblem(p, locale)).join('\n'),
      problems[0]?.path,
    );
    this.name = 'SettingsError';
    this.problems = problems;
  }
}

/** Thrown by fail() to leave the value being read; caught by attempt(), which goes on with the rest. */
class Bail {}

/** Problems of the resolveSettings call under way (one call at a time: the engine is synchronous). */
let found: SettingsProblem[] = [];

function note(path: string, code: SettingsProblemCode, params: Record<string, string | number> = {}): void {
  found.push({ path, code, params });
}

function fail(path: string, code: SettingsProblemCode, params: Record<string, string | number> = {}): never {
  note(path, code, params);
  throw new Bail();
}

/** The value `read` gives, or `fallback` when it found a problem (recorded), so reading goes on. */
function attempt<T>(read: () => T, fallback: T): T {
  try {
    return read();
  } catch (e) {
    if (e instanceof Bail) return fallback;
    throw e;
  }
}

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function object(v: unknown, path: string): Json {
  if (!isObject(v)) fail(path, 'NOT_OBJECT');
  return v;
}

/** Keys starting with $ or // are comments ($schema, "// note"). */
function isComment(key: string): boolean {
  return key.startsWith('$') || key.startsWith('//');
}

function onlyKeys(o: Json, allowed: readonly string[], path: string): void {
  for (const k of Object.keys(o)) {
    if (isComment(k) || allowed.includes(k)) continue;
    note(join(path, k), 'UNKNOWN_KEY', { allowed: allowed.join(', ') });
  }
}

function join(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  return path === '' ? key : `${path}.${key}`;
}

function string(v: unknown, path: string): string {
  if (typeof v !== 'string' || v.trim() === '') fail(path, 'NOT_STRING');
  return v;
}

function number(v: unknown, path: string): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) fail(path, 'NOT_NUMBER');
  return v;
}

function boolean(v: unknown, path: string): boolean {
  if (typeof v !== 'boolean') fail(path, 'NOT_BOOLEAN');
  return v;
}

function strings(v: unknown, path: string): string[] {
  if (!Array.isArray(v)) fail(path, 'NOT_STRINGS');
  const out = v.map((x, i) => attempt(() => string(x, join(path, i)), null));
  if (out.includes(null)) throw new Bail();
  return out as string[];
}

function oneOf<T extends string>(v: unknown, allowed: readonly T[], path: string): T {
  if (typeof v !== 'string' || !(allowed as readonly string[]).includes(v)) {
    fail(path, 'NOT_ONE_OF', { allowed: allowed.map((a) => `"${a}"`).join(' / ') });
  }
  return v as T;
}

function reportYear(v: unknown, path: string): number | null {
  if (v === null) return null;
  if (typeof v === 'number' && Number.isInteger(v) && v >= 1989 && v <= 2100) return v;
  if (typeof v === 'string') {
    const y = parseFiscalYear(v);
    if (y !== null) return y;
  }
  return fail(path, 'NOT_YEAR');
}

function category(v: unknown, path: string): StatusCategoryDef {
  const o = object(v, path);
  onlyKeys(o, ['label', 'aliases', 'rollUpTo', 'excluded', 'behind', 'unranked'], path);
  const label = string(o['label'], join(path, 'label'));
  const aliases = o['aliases'] === undefined ? [] : strings(o['aliases'], join(path, 'aliases'));
  const rollUpTo = o['rollUpTo'] === undefined ? undefined : string(o['rollUpTo'], join(path, 'rollUpTo'));
  const excluded = o['excluded'] === undefined ? undefined : boolean(o['excluded'], join(path, 'excluded'));
  const behind = o['behind'] === undefined ? undefined : boolean(o['behind'], join(path, 'behind'));
  const unranked = o['unranked'] === undefined ? undefined : boolean(o['unranked'], join(path, 'unranked'));
  return {
    label,
    aliases,
    ...(rollUpTo !== undefined ? { rollUpTo } : {}),
    ...(excluded ? { excluded } : {}),
    ...(behind !== undefined ? { behind } : {}),
    ...(unranked ? { unranked } : {}),
  };
}

function scheme(v: unknown, path: string): StatusScheme {
  const o = object(v, path);
  onlyKeys(o, ['id', 'name', 'categories'], path);
  const id = string(o['id'], join(path, 'id'));
  const name = o['name'] === undefined ? id : string(o['name'], join(path, 'name'));
  const catsPath = join(path, 'categories');
  if (!Array.isArray(o['categories']) || o['categories'].length === 0) {
    fail(catsPath, 'NO_CATEGORIES');
  }
  const read = o['categories'].map((c, i) => attempt(() => category(c, join(catsPath, i)), null));
  if (read.includes(null)) throw new Bail();
  const categories = read as StatusCategoryDef[];
  checkCategories(categories, catsPath);
  return { id, name, categories };
}

/** Labels and aliases unique; roll-ups point at a counted label of the same scheme. */
function checkCategories(categories: readonly StatusCategoryDef[], path: string): void {
  const owner = new Map<string, string>();
  categories.forEach((c, i) => {
    for (const word of [c.label, ...c.aliases]) {
      const k = statusKey(word);
      const prev = owner.get(k);
      if (prev !== undefined && prev !== c.label) {
        fail(join(path, i), 'DUPLICATE_WORD', { word, other: prev });
      }
      owner.set(k, c.label);
    }
  });
  categories.forEach((c, i) => {
    if (c.rollUpTo === undefined) return;
    if (c.excluded) fail(join(join(path, i), 'rollUpTo'), 'ROLLUP_ON_EXCLUDED');
    const target = categories.find((t) => t.label === c.rollUpTo);
    if (!target || target.rollUpTo !== undefined || target.excluded) {
      fail(join(join(path, i), 'rollUpTo'), 'ROLLUP_TARGET', { label: c.rollUpTo });
    }
  });
  if (!categories.some((c) => c.rollUpTo === undefined && !c.excluded)) {
    fail(path, 'NO_COUNTED_CATEGORY');
  }
}

function schemes(v: unknown, base: readonly StatusScheme[], path: string): StatusScheme[] {
  if (!Array.isArray(v)) fail(path, 'NOT_SCHEMES');
  const read = v.map((s, i) => attempt(() => scheme(s, join(path, i)), null));
  const given = read.filter((s): s is StatusScheme => s !== null);
  const ids = new Set<string>();
  read.forEach((s, i) => {
    if (s && ids.has(s.id)) note(join(join(path, i), 'id'), 'DUPLICATE_ID', { id: s.id });
    if (s) ids.add(s.id);
  });
  // Same id replaces a built-in scheme in place; new ids are added after them.
  const merged = base.map((s) => given.find((g) => g.id === s.id) ?? s);
  for (const g of given) if (!base.some((s) => s.id === g.id)) merged.push(g);
  return merged;
}

function layoutSchemes(v: unknown, base: Settings['layoutSchemes'], path: string): Record<LayoutId, string> {
  const o = object(v, path);
  onlyKeys(o, LAYOUT_IDS, path);
  const out = { ...base };
  for (const id of LAYOUT_IDS) {
    if (o[id] !== undefined) out[id] = attempt(() => string(o[id], join(path, id)), base[id]);
  }
  return out;
}

function labels(v: unknown, base: Settings['labels'], path: string): Settings['labels'] {
  const o = object(v, path);
  onlyKeys(o, LAYOUT_IDS, path);
  const out: Partial<Record<LayoutId, Record<string, readonly string[]>>> = { ...base };
  for (const id of LAYOUT_IDS) {
    if (o[id] === undefined) continue;
    const concepts = attempt(() => object(o[id], join(path, id)), {});
    // Only the layout's own concepts: 'groups' for 'group' would otherwise add words nothing reads.
    onlyKeys(concepts, Object.keys(LAYOUT_LABELS[id]), join(path, id));
    const merged: Record<string, readonly string[]> = { ...(base[id] ?? {}) };
    for (const [concept, words] of Object.entries(concepts)) {
      if (isComment(concept) || !(concept in LAYOUT_LABELS[id])) continue;
      const read = attempt(() => strings(words, join(join(path, id), concept)), null);
      if (read) merged[concept] = read;
    }
    out[id] = merged;
  }
  return out;
}

function judge(v: unknown, base: JudgeSettings, path: string): JudgeSettings {
  const o = object(v, path);
  onlyKeys(
    o,
    [
      'onTrackRatio',
      'slightlyBehindRatio',
      'scheme',
      'labels',
      'stages',
      'countBy',
      'scoreBands',
      'directions',
      'slightlyBehindSteps',
    ],
    path,
  );
  let out: JudgeSettings = { ...base };
  // Each key read on its own, so that one mistake does not hide the next.
  const set = <K extends keyof JudgeSettings>(k: K, read: (p: string) => JudgeSettings[K]): void => {
    if (o[k] === undefined) return;
    out = { ...out, [k]: attempt(() => read(join(path, k)), out[k]) };
  };
  set('onTrackRatio', (p) => number(o['onTrackRatio'], p));
  set('slightlyBehindRatio', (p) => number(o['slightlyBehindRatio'], p));
  set('scheme', (p) => string(o['scheme'], p));
  set('labels', (lp) => {
    const l = object(o['labels'], lp);
    const keys = ['onTrack', 'slightlyBehind', 'behind', 'achieved'] as const;
    onlyKeys(l, keys, lp);
    const next = { ...out.labels };
    for (const k of keys) {
      if (l[k] !== undefined) next[k] = attempt(() => string(l[k], join(lp, k)), next[k]);
    }
    return next;
  });
  set('stages', (p) => {
    const stages = strings(o['stages'], p);
    if (stages.length === 0) fail(p, 'NO_STAGES');
    return stages;
  });
  set('countBy', (p) => oneOf(o['countBy'], COUNT_BY, p));
  set('scoreBands', (p) => scoreBands(o['scoreBands'], p));
  set('directions', (p) => directions(o['directions'], out.directions, p));
  set('slightlyBehindSteps', (p) => {
    const n = number(o['slightlyBehindSteps'], p);
    if (!Number.isInteger(n) || n < 0) fail(p, 'NOT_COUNT');
    return n;
  });
  return out;
}

function scoreBands(v: unknown, path: string): JudgeSettings['scoreBands'] {
  if (!Array.isArray(v) || v.length === 0) fail(path, 'NOT_BANDS');
  const bands = v.map((b, i) => {
    const o = object(b, join(path, i));
    onlyKeys(o, ['min', 'score'], join(path, i));
    return {
      min: number(o['min'], join(join(path, i), 'min')),
      score: number(o['score'], join(join(path, i), 'score')),
    };
  });
  for (let i = 1; i < bands.length; i++) {
    if (bands[i]!.min >= bands[i - 1]!.min) {
      fail(join(join(path, i), 'min'), 'BANDS_ORDER');
    }
  }
  return bands;
}

function directions(v: unknown, base: DirectionWords | undefined, path: string): DirectionWords {
  const o = object(v, path);
  const keys = ['increase', 'decrease', 'maintain'] as const;
  onlyKeys(o, keys, path);
  const out = {
    increase: base?.increase ?? [],
    decrease: base?.decrease ?? [],
    maintain: base?.maintain ?? [],
  };
  for (const k of keys) {
    if (o[k] !== undefined) out[k] = attempt(() => strings(o[k], join(path, k)), out[k]);
  }
  return out;
}

function sheets(v: unknown, base: SheetSelection, path: string): SheetSelection {
  const o = object(v, path);
  onlyKeys(o, ['include', 'exclude'], path);
  const list = (k: 'include' | 'exclude'): readonly string[] =>
    o[k] === undefined ? base[k] : attempt(() => strings(o[k], join(path, k)), base[k]);
  return { include: list('include'), exclude: list('exclude') };
}

/**
 * Excel's rules for a sheet name: 1–31 characters, not blank, none of \\ / ? * [ ] :, no control
 * character, no apostrophe at either end, not 'History' (Excel keeps it for change tracking).
 * Every rule broken is reported.
 */
function sheetName(v: unknown, path: string): string {
  const s = string(v, path).trim();
  let ok = true;
  const rule = (broken: boolean, code: SettingsProblemCode): void => {
    if (!broken) return;
    note(path, code);
    ok = false;
  };
  rule([...s].length > 31, 'SHEET_NAME_LENGTH');
  rule(/[\\/?*[\]:]/.test(s), 'SHEET_NAME_CHARS');
  // eslint-disable-next-line no-control-regex -- control characters are what is refused here
  rule(/[\u0000-\u001f\u007f-\u009f]/.test(s), 'SHEET_NAME_CONTROL');
  rule(/^'|'$/.test(s), 'SHEET_NAME_APOSTROPHE');
  rule(s.toLowerCase() === 'history', 'SHEET_NAME_RESERVED');
  if (!ok) throw new Bail();
  return s;
}

function output(v: unknown, base: OutputSettings, path: string): OutputSettings {
  const o = object(v, path);
  const keys = ['summarySheet', 'listSheet', 'diagnosticsSheet', 'locale', 'shareRounding'] as const;
  onlyKeys(o, keys, path);
  const name = (k: 'summarySheet' | 'listSheet' | 'diagnosticsSheet'): string =>
    o[k] === undefined ? base[k] : attempt(() => sheetName(o[k], join(path, k)), base[k]);
  const out = {
    summarySheet: name('summarySheet'),
    listSheet: name('listSheet'),
    diagnosticsSheet: name('diagnosticsSheet'),
    locale:
      o['locale'] === undefined
        ? base.locale
        : attempt(() => oneOf(o['locale'], LOCALES, join(path, 'locale')), base.locale),
    ...shareRounding(o['shareRounding'], base.shareRounding, join(path, 'shareRounding')),
  };
  const names = [out.summarySheet, out.listSheet, out.diagnosticsSheet].map((n) => n.toLowerCase());
  if (new Set(names).size !== names.length) fail(path, 'SHEET_NAMES_SAME');
  return out;
}

/** output.shareRounding: one of SHARE_ROUNDINGS (issue 11 item 5); kept as the base when absent. */
function shareRounding(
  v: unknown,
  base: ShareRounding | undefined,
  path: string,
): { shareRounding?: ShareRounding } {
  if (v === undefined) return base === undefined ? {} : { shareRounding: base };
  return { shareRounding: attempt(() => oneOf(v, SHARE_ROUNDINGS, path), base ?? 'asIs') };
}

/** References between sections, checked on the merged result. */
function checkReferences(s: Settings): void {
  for (const id of LAYOUT_IDS) {
    const ref = s.layoutSchemes[id];
    if (!s.schemes.some((x) => x.id === ref)) {
      note(`layoutSchemes.${id}`, 'UNKNOWN_SCHEME', { id: ref });
    }
  }
  const judgeScheme = s.schemes.find((x) => x.id === s.judge.scheme);
  if (!judgeScheme) fail('judge.scheme', 'UNKNOWN_SCHEME', { id: s.judge.scheme });
  for (const [k, label] of Object.entries(s.judge.labels)) {
    if (!judgeScheme.categories.some((c) => c.label === label)) {
      note(`judge.labels.${k}`, 'UNKNOWN_JUDGE_LABEL', { label, scheme: judgeScheme.id });
    }
  }
  if (s.judge.onTrackRatio <= 0) note('judge.onTrackRatio', 'RATIO_POSITIVE');
  if (s.judge.slightlyBehindRatio < 0 || s.judge.slightlyBehindRatio > s.judge.onTrackRatio) {
    note('judge.slightlyBehindRatio', 'RATIO_RANGE');
  }
}

const TOP_KEYS = [
  'version',
  'reportYear',
  'schemes',
  'layoutSchemes',
  'labels',
  'judge',
  'sheets',
  'output',
  'limits',
  'tables',
  'departments',
];

function divisions(o: Json, base: Settings): Pick<Settings, 'departments'> {
  if (o['departments'] === undefined) return base.departments ? { departments: base.departments } : {};
  const d = attempt(() => departments(o['departments'], 'departments'), null);
  return d ? { departments: d } : {};
}

/**
 * departments: 部局 → its 所管課, `{ "総務部": ["総務課", "人事課"] }`. A 所管課 under two 部局 would be
 * counted twice, so it is refused naming both.
 */
function departments(v: unknown, path: string): Record<string, string[]> {
  const o = object(v, path);
  const out: Record<string, string[]> = {};
  const owner = new Map<string, string>();
  for (const [division, list] of Object.entries(o)) {
    const at = join(path, division);
    if (division.trim() === '') fail(at, 'NOT_STRING');
    const members = attempt(() => strings(list, at), null);
    if (!members) continue;
    members.forEach((m, i) => {
      const key = normalizeLabel(m);
      const other = owner.get(key);
      if (other !== undefined) note(join(at, i), 'DUPLICATE_WORD', { word: m, other });
      else owner.set(key, division);
    });
    out[division] = members;
  }
  return out;
}

const TABLE_ID = /^[a-z0-9_-]+$/;
const TABLE_COLUMNS = ['number', 'title', 'department', 'group'] as const;

/** Header words: at least one, for a column no word names is never found. */
function words(v: unknown, path: string): string[] {
  const list = strings(v, path);
  if (list.length === 0) fail(path, 'EMPTY_LIST');
  return list;
}

/**
 * tables: a city's own table per entry, as the task pane's 「表の列を指定」 saves it (tableSettings.ts).
 * `schemeIds`: the schemes a status column may name, listed when one names none.
 */
function tables(v: unknown, path: string, schemeIds: readonly string[]): TableDef[] {
  if (!Array.isArray(v)) fail(path, 'NOT_TABLES');
  const seen = new Set<string>();
  const out = v.map((t, i) =>
    attempt(() => {
      const at = join(path, i);
      const o = object(t, at);
      onlyKeys(o, ['id', 'name', 'sheets', ...TABLE_COLUMNS, 'statusColumns'], at);
      // Each part read on its own, so that one mistake does not hide the next.
      const id = attempt(() => string(o['id'], join(at, 'id')), null);
      if (id !== null && !TABLE_ID.test(id)) note(join(at, 'id'), 'TABLE_ID');
      if (id !== null && seen.has(id)) note(join(at, 'id'), 'DUPLICATE_ID', { id });
      if (id !== null) seen.add(id);
      const name = attempt(() => string(o['name'], join(at, 'name')), null);
      const sheets =
        o['sheets'] === undefined ? [] : attempt(() => words(o['sheets'], join(at, 'sheets')), null);
      const column = (key: string): { words: string[] } => {
        const c = object(o[key], join(at, key));
        onlyKeys(c, ['words'], join(at, key));
        return { words: words(c['words'], join(join(at, key), 'words')) };
      };
      const concepts = TABLE_COLUMNS.filter((k) => o[k] !== undefined).map((k) => [
        k,
        attempt(() => column(k), null),
      ]);
      const status = o['statusColumns'];
      if (!Array.isArray(status) || status.length === 0) fail(join(at, 'statusColumns'), 'NO_STATUS_COLUMNS');
      const statusColumns = status.map((s, k) =>
        attempt(() => {
          const sp = join(join(at, 'statusColumns'), k);
          const so = object(s, sp);
          onlyKeys(so, ['words', 'scheme', 'title'], sp);
          const read = attempt(() => words(so['words'], join(sp, 'words')), null);
          if (so['scheme'] === undefined) {
            fail(join(sp, 'scheme'), 'NO_SCHEME', { schemes: schemeIds.map((x) => `"${x}"`).join(', ') });
          }
          const scheme = string(so['scheme'], join(sp, 'scheme'));
          const title = so['title'] === undefined ? undefined : string(so['title'], join(sp, 'title'));
          if (read === null) throw new Bail();
          return { words: read, scheme, ...(title !== undefined ? { title } : {}) };
        }, null),
      );
      if (id === null || name === null || sheets === null) throw new Bail();
      if (concepts.some(([, c]) => c === null) || statusColumns.includes(null)) throw new Bail();
      const def: TableDef = {
        id,
        name,
        ...(o['sheets'] !== undefined ? { sheets } : {}),
        ...Object.fromEntries(concepts),
        statusColumns: statusColumns.filter((c) => c !== null),
      };
      checkTableWords(def, at);
      return def;
    }, null),
  );
  return out.filter((t): t is TableDef => t !== null);
}

/** A header word may name one column of a table: two would leave which one it is to chance. */
function checkTableWords(def: TableDef, path: string): void {
  const owner = new Map<string, string>();
  const columns: [string, readonly string[]][] = [
    ...TABLE_COLUMNS.flatMap((k): [string, readonly string[]][] => {
      const c = def[k];
      return c ? [[k, c.words]] : [];
    }),
    ...def.statusColumns.map((s, i): [string, readonly string[]] => [`statusColumns[${i}]`, s.words]),
  ];
  for (const [name, list] of columns) {
    for (const word of list) {
      const k = headerKey(word);
      const other = owner.get(k);
      if (other !== undefined && other !== name) {
        note(join(join(path, name), 'words'), 'DUPLICATE_WORD', { word, other: `${path}.${other}` });
      }
      owner.set(k, name);
    }
  }
}

/**
 * limits.maxUnpackedMegabytes (the streaming reader) and limits.maxFallbackUnpackedMegabytes (a
 * workbook only ExcelJS reads): positive numbers of MiB (issue 9); a key left out keeps its default.
 */
function limits(v: unknown, path: string): ReadLimits {
  const o = object(v, path);
  const KEYS = ['maxUnpackedMegabytes', 'maxFallbackUnpackedMegabytes'] as const;
  onlyKeys(o, KEYS, path);
  const mib = (key: (typeof KEYS)[number]): number => {
    const v = o[key];
    if (v === undefined) return DEFAULT_READ_LIMITS[key];
    const n = number(v, join(path, key));
    if (!(n > 0) || n > 4096) fail(join(path, key), 'LIMIT_RANGE', { max: 4096 });
    return n;
  };
  return { maxUnpackedMegabytes: mib(KEYS[0]), maxFallbackUnpackedMegabytes: mib(KEYS[1]) };
}

/**
 * The settings a user's JSON (object, JSON text, or nothing) asks for: each given section merged
 * over `base` (DEFAULT_SETTINGS), schemes added or replaced by id, then checked as a whole.
 * Throws EngineError('INVALID_SETTINGS') naming the key at fault.
 */
export function resolveSettings(json: unknown, base: Settings = DEFAULT_SETTINGS): Settings {
  let input = json;
  if (input === undefined || input === null) return base;
  if (typeof input === 'string') {
    if (input.trim() === '') return base;
    try {
      input = JSON.parse(input) as unknown;
    } catch (e) {
      throw new SettingsError([
        { path: '', code: 'NOT_JSON', params: { error: e instanceof Error ? e.message : String(e) } },
      ]);
    }
  }
  found = [];
  try {
    const settings = readSettings(input, base);
    if (found.length > 0) throw new SettingsError(found);
    return settings;
  } finally {
    found = [];
  }
}

function readSettings(input: unknown, base: Settings): Settings {
  const o = attempt(() => object(input, '設定全体'), null);
  if (!o) return base;
  onlyKeys(o, TOP_KEYS, '');
  if (o['version'] !== undefined && o['version'] !== 1) note('version', 'VERSION');
  const section = <T>(key: string, read: () => T, fallback: T): T =>
    o[key] === undefined ? fallback : attempt(read, fallback);
  const settings: Settings = {
    version: 1,
    reportYear: section('reportYear', () => reportYear(o['reportYear'], 'reportYear'), base.reportYear),
    schemes: section('schemes', () => schemes(o['schemes'], base.schemes, 'schemes'), base.schemes),
    layoutSchemes: section(
      'layoutSchemes',
      () => layoutSchemes(o['layoutSchemes'], base.layoutSchemes, 'layoutSchemes'),
      base.layoutSchemes,
    ),
    labels: section('labels', () => labels(o['labels'], base.labels, 'labels'), base.labels),
    judge: section('judge', () => judge(o['judge'], base.judge, 'judge'), base.judge),
    sheets: section('sheets', () => sheets(o['sheets'], base.sheets, 'sheets'), base.sheets),
    output: section('output', () => output(o['output'], base.output, 'output'), base.output),
    ...(o['limits'] !== undefined
      ? { limits: section('limits', () => limits(o['limits'], 'limits'), base.limits ?? DEFAULT_READ_LIMITS) }
      : base.limits
        ? { limits: base.limits }
        : {}),
    ...(o['tables'] !== undefined
      ? {
          tables: section(
            'tables',
            () => tables(o['tables'], 'tables', schemeIds(o, base)),
            base.tables ?? [],
          ),
        }
      : base.tables
        ? { tables: base.tables }
        : {}),
    ...divisions(o, base),
  };
  attempt(() => checkReferences(settings), undefined);
  // Scheme ids are checked against the schemes read above; paths name the table as written.
  if (Array.isArray(o['tables'])) {
    (o['tables'] as unknown[]).forEach((t, i) => {
      const columns =
        isObject(t) && Array.isArray(t['statusColumns']) ? (t['statusColumns'] as unknown[]) : [];
      columns.forEach((c, k) => {
        const id = isObject(c) ? c['scheme'] : undefined;
        if (typeof id === 'string' && id.trim() !== '' && !findScheme(settings, id)) {
          note(`tables[${i}].statusColumns[${k}].scheme`, 'UNKNOWN_SCHEME', { id });
        }
      });
    });
  }

  return settings;
}

/** The ids of the schemes the settings will hold: the built-in ones and those the file adds. */
function schemeIds(o: Json, base: Settings): string[] {
  const ids = base.schemes.map((s) => s.id);
  if (Array.isArray(o['schemes'])) {
    for (const s of o['schemes'] as unknown[]) {
      const id = isObject(s) ? s['id'] : undefined;
      if (typeof id === 'string' && !ids.includes(id)) ids.push(id);
    }
  }
  return ids;
}

/** The settings as JSON text (two-space indent), readable again by resolveSettings. */
export function settingsToJson(settings: Settings): string {
  return `${JSON.stringify(settings, null, 2)}\n`;
}
