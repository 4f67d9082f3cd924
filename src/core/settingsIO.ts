/**
 * Settings as users write them: partial JSON merged over DEFAULT_SETTINGS, checked key by key.
 * A mistake throws EngineError('INVALID_SETTINGS') with a Japanese message naming the key, so the
 * add-in and the command line can show it as it is.
 */
import { EngineError } from './errors';
import { parseFiscalYear } from './fiscalYear';
import type { LayoutId } from './model';
import {
  DEFAULT_READ_LIMITS,
  DEFAULT_SETTINGS,
  type CountBy,
  type DirectionWords,
  type JudgeSettings,
  type OutputSettings,
  type ReadLimits,
  type Settings,
  type SheetSelection,
  type StatusCategoryDef,
  type StatusScheme,
} from './settings';
import { statusKey } from './status';

export const LAYOUT_IDS: readonly LayoutId[] = [
  'cards',
  'flatTable',
  'indicatorBlocks',
  'scoredSheets',
  'planCards',
];

const COUNT_BY: readonly CountBy[] = ['indicator', 'worstIndicator'];
const LOCALES: readonly OutputSettings['locale'][] = ['ja', 'en'];

type Json = Record<string, unknown>;

function fail(path: string, problem: string): never {
  throw new EngineError('INVALID_SETTINGS', `設定「${path}」${problem}`, path);
}

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function object(v: unknown, path: string): Json {
  if (!isObject(v)) fail(path, 'は { … } の形（オブジェクト）で指定してください。');
  return v;
}

/** Keys starting with $ or // are comments ($schema, "// note"). */
function isComment(key: string): boolean {
  return key.startsWith('$') || key.startsWith('//');
}

function onlyKeys(o: Json, allowed: readonly string[], path: string): void {
  for (const k of Object.keys(o)) {
    if (isComment(k) || allowed.includes(k)) continue;
    fail(join(path, k), `は設定の項目にありません（使える項目：${allowed.join('、')}）。`);
  }
}

function join(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  return path === '' ? key : `${path}.${key}`;
}

function string(v: unknown, path: string): string {
  if (typeof v !== 'string' || v.trim() === '') fail(path, 'は空でない文字列で指定してください。');
  return v;
}

function number(v: unknown, path: string): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) fail(path, 'は数値で指定してください。');
  return v;
}

function boolean(v: unknown, path: string): boolean {
  if (typeof v !== 'boolean') fail(path, 'は true か false で指定してください。');
  return v;
}

function strings(v: unknown, path: string): string[] {
  if (!Array.isArray(v)) fail(path, 'は文字列の配列（[ "…", … ]）で指定してください。');
  return v.map((x, i) => string(x, join(path, i)));
}

function oneOf<T extends string>(v: unknown, allowed: readonly T[], path: string): T {
  if (typeof v !== 'string' || !(allowed as readonly string[]).includes(v)) {
    fail(path, `は ${allowed.map((a) => `"${a}"`).join(' / ')} のいずれかで指定してください。`);
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
  return fail(path, 'は年度（2021、"令和3年度"、"R3" など）か null で指定してください。');
}

function category(v: unknown, path: string): StatusCategoryDef {
  const o = object(v, path);
  onlyKeys(o, ['label', 'aliases', 'rollUpTo', 'excluded'], path);
  const label = string(o['label'], join(path, 'label'));
  const aliases = o['aliases'] === undefined ? [] : strings(o['aliases'], join(path, 'aliases'));
  const rollUpTo = o['rollUpTo'] === undefined ? undefined : string(o['rollUpTo'], join(path, 'rollUpTo'));
  const excluded = o['excluded'] === undefined ? undefined : boolean(o['excluded'], join(path, 'excluded'));
  return {
    label,
    aliases,
    ...(rollUpTo !== undefined ? { rollUpTo } : {}),
    ...(excluded ? { excluded } : {}),
  };
}

function scheme(v: unknown, path: string): StatusScheme {
  const o = object(v, path);
  onlyKeys(o, ['id', 'name', 'categories'], path);
  const id = string(o['id'], join(path, 'id'));
  const name = o['name'] === undefined ? id : string(o['name'], join(path, 'name'));
  const catsPath = join(path, 'categories');
  if (!Array.isArray(o['categories']) || o['categories'].length === 0) {
    fail(catsPath, 'には評価区分を1つ以上、配列で指定してください。');
  }
  const categories = o['categories'].map((c, i) => category(c, join(catsPath, i)));
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
        fail(join(path, i), `の「${word}」は「${prev}」と重複しています。`);
      }
      owner.set(k, c.label);
    }
  });
  categories.forEach((c, i) => {
    if (c.rollUpTo === undefined) return;
    if (c.excluded) fail(join(join(path, i), 'rollUpTo'), 'は対象外（excluded）の区分には指定できません。');
    const target = categories.find((t) => t.label === c.rollUpTo);
    if (!target || target.rollUpTo !== undefined || target.excluded) {
      fail(
        join(join(path, i), 'rollUpTo'),
        `の「${c.rollUpTo}」は、同じ評価区分の中の集計される区分（rollUpTo も excluded もないもの）にしてください。`,
      );
    }
  });
  if (!categories.some((c) => c.rollUpTo === undefined && !c.excluded)) {
    fail(path, 'には集計される区分（rollUpTo も excluded もないもの）が1つ以上必要です。');
  }
}

function schemes(v: unknown, base: readonly StatusScheme[], path: string): StatusScheme[] {
  if (!Array.isArray(v)) fail(path, 'は評価区分の配列で指定してください。');
  const given = v.map((s, i) => scheme(s, join(path, i)));
  const ids = new Set<string>();
  given.forEach((s, i) => {
    if (ids.has(s.id)) fail(join(join(path, i), 'id'), `の「${s.id}」が重複しています。`);
    ids.add(s.id);
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
  for (const id of LAYOUT_IDS) if (o[id] !== undefined) out[id] = string(o[id], join(path, id));
  return out;
}

function labels(v: unknown, base: Settings['labels'], path: string): Settings['labels'] {
  const o = object(v, path);
  onlyKeys(o, LAYOUT_IDS, path);
  const out: Partial<Record<LayoutId, Record<string, readonly string[]>>> = { ...base };
  for (const id of LAYOUT_IDS) {
    if (o[id] === undefined) continue;
    const concepts = object(o[id], join(path, id));
    const merged: Record<string, readonly string[]> = { ...(base[id] ?? {}) };
    for (const [concept, words] of Object.entries(concepts)) {
      if (isComment(concept)) continue;
      merged[concept] = strings(words, join(join(path, id), concept));
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
  if (o['onTrackRatio'] !== undefined) {
    out = { ...out, onTrackRatio: number(o['onTrackRatio'], join(path, 'onTrackRatio')) };
  }
  if (o['slightlyBehindRatio'] !== undefined) {
    out = {
      ...out,
      slightlyBehindRatio: number(o['slightlyBehindRatio'], join(path, 'slightlyBehindRatio')),
    };
  }
  if (o['scheme'] !== undefined) out = { ...out, scheme: string(o['scheme'], join(path, 'scheme')) };
  if (o['labels'] !== undefined) {
    const lp = join(path, 'labels');
    const l = object(o['labels'], lp);
    const keys = ['onTrack', 'slightlyBehind', 'behind', 'achieved'] as const;
    onlyKeys(l, keys, lp);
    const next = { ...out.labels };
    for (const k of keys) if (l[k] !== undefined) next[k] = string(l[k], join(lp, k));
    out = { ...out, labels: next };
  }
  if (o['stages'] !== undefined) {
    const stages = strings(o['stages'], join(path, 'stages'));
    if (stages.length === 0) fail(join(path, 'stages'), 'には段階を1つ以上指定してください。');
    out = { ...out, stages };
  }
  if (o['countBy'] !== undefined)
    out = { ...out, countBy: oneOf(o['countBy'], COUNT_BY, join(path, 'countBy')) };
  if (o['scoreBands'] !== undefined)
    out = { ...out, scoreBands: scoreBands(o['scoreBands'], join(path, 'scoreBands')) };
  if (o['directions'] !== undefined) {
    out = { ...out, directions: directions(o['directions'], out.directions, join(path, 'directions')) };
  }
  if (o['slightlyBehindSteps'] !== undefined) {
    const p = join(path, 'slightlyBehindSteps');
    const n = number(o['slightlyBehindSteps'], p);
    if (!Number.isInteger(n) || n < 0) fail(p, 'は 0 以上の整数で指定してください。');
    out = { ...out, slightlyBehindSteps: n };
  }
  return out;
}

function scoreBands(v: unknown, path: string): JudgeSettings['scoreBands'] {
  if (!Array.isArray(v) || v.length === 0)
    fail(path, 'は { "min": …, "score": … } の配列で指定してください。');
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
      fail(join(join(path, i), 'min'), 'は前の帯より小さくしてください（min の大きい順に並べます）。');
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
  for (const k of keys) if (o[k] !== undefined) out[k] = strings(o[k], join(path, k));
  return out;
}

function sheets(v: unknown, base: SheetSelection, path: string): SheetSelection {
  const o = object(v, path);
  onlyKeys(o, ['include', 'exclude'], path);
  return {
    include: o['include'] === undefined ? base.include : strings(o['include'], join(path, 'include')),
    exclude: o['exclude'] === undefined ? base.exclude : strings(o['exclude'], join(path, 'exclude')),
  };
}

/** Excel's rules for a sheet name: 1–31 characters, none of \ / ? * [ ] :, no apostrophe at either end. */
function sheetName(v: unknown, path: string): string {
  const s = string(v, path).trim();
  if ([...s].length > 31) fail(path, 'のシート名は31文字以内にしてください。');
  if (/[\\/?*[\]:]/.test(s)) fail(path, 'のシート名に \\ / ? * [ ] : は使えません。');
  if (/^'|'$/.test(s)) fail(path, "のシート名の先頭と末尾に ' は使えません。");
  return s;
}

function output(v: unknown, base: OutputSettings, path: string): OutputSettings {
  const o = object(v, path);
  const keys = ['summarySheet', 'listSheet', 'diagnosticsSheet', 'locale'] as const;
  onlyKeys(o, keys, path);
  const out = {
    summarySheet:
      o['summarySheet'] === undefined
        ? base.summarySheet
        : sheetName(o['summarySheet'], join(path, 'summarySheet')),
    listSheet:
      o['listSheet'] === undefined ? base.listSheet : sheetName(o['listSheet'], join(path, 'listSheet')),
    diagnosticsSheet:
      o['diagnosticsSheet'] === undefined
        ? base.diagnosticsSheet
        : sheetName(o['diagnosticsSheet'], join(path, 'diagnosticsSheet')),
    locale: o['locale'] === undefined ? base.locale : oneOf(o['locale'], LOCALES, join(path, 'locale')),
  };
  const names = [out.summarySheet, out.listSheet, out.diagnosticsSheet].map((n) => n.toLowerCase());
  if (new Set(names).size !== names.length) fail(path, 'の3つのシート名は互いに違う名前にしてください。');
  return out;
}

/** References between sections, checked on the merged result. */
function checkReferences(s: Settings): void {
  for (const id of LAYOUT_IDS) {
    const ref = s.layoutSchemes[id];
    if (!s.schemes.some((x) => x.id === ref)) {
      fail(`layoutSchemes.${id}`, `の評価区分「${ref}」が schemes にありません。`);
    }
  }
  const judgeScheme = s.schemes.find((x) => x.id === s.judge.scheme);
  if (!judgeScheme) fail('judge.scheme', `の評価区分「${s.judge.scheme}」が schemes にありません。`);
  for (const [k, label] of Object.entries(s.judge.labels)) {
    if (!judgeScheme.categories.some((c) => c.label === label)) {
      fail(`judge.labels.${k}`, `の「${label}」は評価区分「${judgeScheme.id}」の区分にありません。`);
    }
  }
  if (s.judge.onTrackRatio <= 0) fail('judge.onTrackRatio', 'は 0 より大きくしてください。');
  if (s.judge.slightlyBehindRatio < 0 || s.judge.slightlyBehindRatio > s.judge.onTrackRatio) {
    fail('judge.slightlyBehindRatio', 'は 0 以上、judge.onTrackRatio 以下にしてください。');
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
];

/** limits.maxUnpackedMegabytes: a positive number of MiB (issue 9). */
function limits(v: unknown, path: string): ReadLimits {
  const o = object(v, path);
  onlyKeys(o, ['maxUnpackedMegabytes'], path);
  const mb = o['maxUnpackedMegabytes'];
  if (mb === undefined) return DEFAULT_READ_LIMITS;
  const n = number(mb, join(path, 'maxUnpackedMegabytes'));
  if (!(n > 0) || n > 4096)
    fail(join(path, 'maxUnpackedMegabytes'), 'は 0 より大きく 4096 以下にしてください。');
  return { maxUnpackedMegabytes: n };
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
      throw new EngineError(
        'INVALID_SETTINGS',
        `設定ファイルを JSON として読めません（${e instanceof Error ? e.message : String(e)}）。`,
      );
    }
  }
  const o = object(input, '設定全体');
  onlyKeys(o, TOP_KEYS, '');
  if (o['version'] !== undefined && o['version'] !== 1) fail('version', 'は 1 にしてください。');
  const schemeList =
    o['schemes'] === undefined ? base.schemes : schemes(o['schemes'], base.schemes, 'schemes');
  const settings: Settings = {
    version: 1,
    reportYear: o['reportYear'] === undefined ? base.reportYear : reportYear(o['reportYear'], 'reportYear'),
    schemes: schemeList,
    layoutSchemes:
      o['layoutSchemes'] === undefined
        ? base.layoutSchemes
        : layoutSchemes(o['layoutSchemes'], base.layoutSchemes, 'layoutSchemes'),
    labels: o['labels'] === undefined ? base.labels : labels(o['labels'], base.labels, 'labels'),
    judge: o['judge'] === undefined ? base.judge : judge(o['judge'], base.judge, 'judge'),
    sheets: o['sheets'] === undefined ? base.sheets : sheets(o['sheets'], base.sheets, 'sheets'),
    output: o['output'] === undefined ? base.output : output(o['output'], base.output, 'output'),
    ...(o['limits'] !== undefined
      ? { limits: limits(o['limits'], 'limits') }
      : base.limits
        ? { limits: base.limits }
        : {}),
  };
  checkReferences(settings);
  return settings;
}

/** The settings as JSON text (two-space indent), readable again by resolveSettings. */
export function settingsToJson(settings: Settings): string {
  return `${JSON.stringify(settings, null, 2)}\n`;
}
