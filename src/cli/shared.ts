/**
 * What the command line's one-file run (run.ts) and its run over several files (runFiles.ts) and
 * --by-department (byDepartment.ts) share: reading the input and the settings, the output-path
 * checks, atomic writes, the JSON result and the lines said at the end.
 */
import * as fs from 'fs';
import * as path from 'path';
import {
  buildJsonResult,
  EngineError,
  outputConflictText,
  resolveSettings,
  runDiagnostics,
  shareTenths,
  sheetChanges,
  shownLayoutName,
  writeFailureReason,
  type AnalysisResult,
  type ChangeDirection,
  type PreviousWorkbook,
  type Locale,
  type OutputConflict,
  type OutputPlan,
  type Settings,
} from '../core/index';
import { openPackage, packageSheets } from '../xlsx/package';
import { readXlsx } from '../xlsx/readXlsx';
import type { CliArgs } from './args';
import type { CliText } from './text';
import { zlibCodec } from './zlibCodec';

export interface CliIO {
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
  /** Clock for the 作成日時 stamp; tests fix it. */
  readonly now?: () => Date;
}

export function readInputFile(file: string): Uint8Array {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    throw new EngineError('FILE_NOT_FOUND', 'no such file', file);
  }
  if (!stat.isFile()) throw new EngineError('NOT_XLSX', 'not a file', file);
  try {
    return new Uint8Array(fs.readFileSync(file));
  } catch (e) {
    throw new EngineError('UNREADABLE_WORKBOOK', `cannot read: ${String(e)}`, file);
  }
}

export function loadSettings(args: CliArgs): Settings {
  let settings: Settings;
  if (args.config !== undefined) {
    let json: string;
    try {
      json = fs.readFileSync(args.config, 'utf8');
    } catch {
      throw new EngineError(
        'INVALID_SETTINGS',
        `設定ファイル ${args.config} が見つかりません。`,
        args.config,
      );
    }
    settings = resolveSettings(json.replace(/^\uFEFF/, ''));
  } else {
    settings = resolveSettings(undefined);
  }
  if (args.year !== undefined) settings = { ...settings, reportYear: args.year };
  if (args.locale !== undefined)
    settings = { ...settings, output: { ...settings.output, locale: args.locale } };
  return settings;
}

/** Writes through a temporary file beside the target, so a failure never leaves half a workbook. */
export function writeFileAtomic(file: string, data: Uint8Array | string, locale: Locale): void {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  try {
    fs.writeFileSync(tmp, data);
    fs.renameSync(tmp, file);
  } catch (e) {
    try {
      fs.rmSync(tmp, { force: true });
    } catch {
      // nothing left to clean
    }
    // The cause in the user's words (read-only, disk full, no such folder…), then the path.
    const errno = (e as NodeJS.ErrnoException).code;
    const why = writeFailureReason(errno, locale);
    throw new EngineError('OUTPUT_FAILED', `cannot write: ${String(e)}`, why ? `${why}: ${file}` : file);
  }
}

export function conflict(what: OutputConflict, file: string, option: string, locale: Locale): never {
  throw new EngineError('OUTPUT_CONFLICT', what, outputConflictText(what, file, option, locale));
}

/** An existing -o may be replaced only when it is an output of this tool (it has our sheets). */
export async function checkExistingOutput(output: string, locale: Locale, settings: Settings): Promise<void> {
  let bytes: Uint8Array;
  try {
    if (!fs.statSync(output).isFile()) return conflict('notOurs', output, '-o', locale);
    bytes = new Uint8Array(fs.readFileSync(output));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw e;
  }
  try {
    const { existing } = await readXlsx(bytes, {
      codec: zlibCodec,
      ...(settings.limits ? { limits: settings.limits } : {}),
    });
    if (existing.some((s) => s.owned)) return;
  } catch (e) {
    if (!(e instanceof EngineError)) throw e;
    // An earlier output over the read limits (a very long 取組一覧) is known by our defined names in
    // workbook.xml alone: nothing else of it is inflated.
    if (e.code === 'WORKBOOK_TOO_LARGE' || e.code === 'FALLBACK_TOO_LARGE') {
      const named = await openPackage(bytes, zlibCodec).then(packageSheets, () => []);
      if (named.some((s) => s.owned)) return;
    }
  }
  conflict('notOurs', output, '-o', locale);
}

/** The JSON result to its file or standard output (--json); the file written, or null. */
export function writeJsonResult(
  args: CliArgs,
  result: AnalysisResult,
  plan: OutputPlan,
  settings: Settings,
  io: CliIO,
  locale: Locale,
): string | null {
  if (args.json === undefined) return null;
  const json = `${JSON.stringify(buildJsonResult(result, { plan, locale: settings.output.locale }), null, 2)}\n`;
  if (args.json === '-') {
    io.out(json.trimEnd());
    return null;
  }
  const target = path.resolve(args.json);
  writeFileAtomic(target, json, locale);
  return target;
}

/** Where the output went, which sheets it added or replaced, and the reviewer's judgements kept. */
export function sayOutput(
  say: (line: string) => void,
  output: string,
  result: AnalysisResult,
  plan: OutputPlan,
  text: CliText,
): void {
  say(
    text.output(
      output,
      plan.sheets.map((s) => s.name),
    ),
  );
  const changes = sheetChanges(plan);
  say(text.sheetChanges(changes.created, changes.replaced));
  const reviewed = result.reviewedJudgements ?? 0;
  if (reviewed > 0) say(text.reviewed(reviewed));
}

/** Last year's workbook, read like the input (the same checks, reader and limits). */
export async function readPrevious(file: string, settings: Settings): Promise<PreviousWorkbook> {
  const read = await readXlsx(readInputFile(file), {
    name: path.basename(file),
    codec: zlibCodec,
    ...(settings.limits ? { limits: settings.limits } : {}),
  });
  return { workbook: read.input, name: path.basename(file) };
}

/** One line on last year's comparison: how many items moved which way, and where the list is. */
export function comparisonLines(result: AnalysisResult, text: CliText): string[] {
  const c = result.comparison;
  if (!c) return [];
  const n = (d: ChangeDirection) => c.changes.filter((x) => x.direction === d).length;
  return [
    text.comparison(c.previousName, {
      improved: n('improved'),
      worsened: n('worsened'),
      recategorized: n('recategorized'),
      added: n('added'),
      dropped: n('dropped'),
    }),
  ];
}

/** Display width: CJK and full-width characters take two columns in a terminal. */
function width(s: string): number {
  let w = 0;
  for (const ch of s) w += ch.codePointAt(0)! >= 0x1100 ? 2 : 1;
  return w;
}

function padEnd(s: string, w: number): string {
  return s + ' '.repeat(Math.max(0, w - width(s)));
}

function padStart(s: string, w: number): string {
  return ' '.repeat(Math.max(0, w - width(s))) + s;
}

export function summaryLines(
  name: string,
  result: AnalysisResult,
  plan: OutputPlan,
  text: CliText,
): string[] {
  const lines = [text.done(name)];
  for (const s of result.sheets) {
    // A sheet of one of several files is named as Excel names it: [file]sheet.
    const sheet = s.file === undefined ? s.name : `[${s.file}]${s.name}`;
    if (s.skipped) lines.push(text.sheetSkipped(sheet, s.skipped));
    else if (s.layout === null) lines.push(text.sheetNoTable(sheet));
    else
      lines.push(
        text.sheet(sheet, shownLayoutName(s.layout, text.layouts, result.settings.tables), s.entries),
      );
  }
  if (result.summaries.length === 0) lines.push(text.noEntries);
  const rounding = result.settings.output.shareRounding;
  result.summaries.forEach((s, si) => {
    lines.push(`${s.title} [${s.schemeName}]`);
    const tenths = shareTenths(
      s.categories.map((c) => s.total[c] ?? 0),
      rounding,
    );
    const cmp = result.comparison?.summaries.find((c) => c.summary === si);
    const before = (now: number, previous: number | undefined): string =>
      previous === undefined ? '' : text.previousCount(previous, now - previous);
    const labels = [...s.categories, text.total];
    const lw = Math.max(...labels.map(width)) + 2;
    const cw = Math.max(
      ...[...s.categories.map((c) => s.total[c] ?? 0), s.counted].map((n) => width(text.count(n))),
    );
    const scheme = result.settings.schemes.find((x) => x.id === s.scheme);
    s.categories.forEach((c, ci) => {
      const n = s.total[c] ?? 0;
      const subs = (scheme?.categories ?? [])
        .filter((d) => d.rollUpTo === c && (s.detail[d.label] ?? 0) > 0)
        .map((d) => text.detail(d.label, s.detail[d.label]!))
        .join('');
      lines.push(
        `  ${padEnd(c, lw)}${padStart(text.count(n), cw)} ${padStart((tenths[ci]! / 10).toFixed(1), 5)}%${subs}${before(n, cmp?.previous[c])}`,
      );
    });
    lines.push(
      `  ${padEnd(text.total, lw)}${padStart(text.count(s.counted), cw)} ${padStart(s.counted > 0 ? '100.0' : '0.0', 5)}%${before(s.counted, cmp?.previousCounted)}`,
    );
    if (s.excluded + s.unclassified + s.repeats > 0)
      lines.push(text.notCounted(s.excluded, s.unclassified, s.repeats));
  });
  const all = runDiagnostics(result, plan);
  const count = (sev: string): number => all.filter((d) => d.severity === sev).length;
  lines.push(text.diagnostics(count('error'), count('warning'), count('info')));
  return lines;
}
