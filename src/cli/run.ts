/**
 * The command line's work, apart from process concerns so tests can call it: arguments in, exit code
 * out, every line through `io`. Unusable input ends with one line and exit 2, never a stack trace.
 */
import * as fs from 'fs';
import * as path from 'path';
import {
  analyze,
  buildJsonResult,
  EngineError,
  formatEngineError,
  formatSettingsProblem,
  outputConflictText,
  planOutput,
  readerFallbackNotice,
  resolveSettings,
  runDiagnostics,
  runJob,
  SettingsError,
  shareTenths,
  sheetChanges,
  shownLayoutName,
  writeFailureReason,
  type AnalysisResult,
  type ChangeDirection,
  type PreviousWorkbook,
  type EngineErrorCode,
  type Locale,
  type OutputConflict,
  type OutputPlan,
  type Settings,
} from '../core/index';
import { openPackage, packageSheets } from '../xlsx/package';
import { readXlsx, type ReadXlsxResult } from '../xlsx/readXlsx';
import { writeOutputFile } from '../xlsx/writeOutputFile';
import { parseArgs, UsageError, type CliArgs } from './args';
import { checkSendBackDir, writeSendBack } from './byDepartment';
import { isSeveral } from './inputs';
import { sameFile } from './paths';
import { workFiles } from './runFiles';
import { CLI_TEXT, type CliText } from './text';
import { zlibCodec } from './zlibCodec';

export interface CliIO {
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
  /** Clock for the 作成日時 stamp; tests fix it. */
  readonly now?: () => Date;
}

export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_UNUSABLE = 2;

/** Errors that mean "the input cannot be used" (exit 2) rather than "we failed" (exit 1). */
const UNUSABLE: ReadonlySet<EngineErrorCode> = new Set([
  'INVALID_SETTINGS',
  'UNREADABLE_WORKBOOK',
  'ENCRYPTED_WORKBOOK',
  'NOT_XLSX',
  'FILE_NOT_FOUND',
  'OUTPUT_CONFLICT',
  'WORKBOOK_TOO_LARGE',
  'FALLBACK_TOO_LARGE',
  'DAMAGED_PART',
  'SAVE_AS_XLSX',
]);

function askedLocale(argv: readonly string[]): Locale {
  const i = argv.indexOf('--locale');
  return argv.includes('--locale=en') || (i >= 0 && argv[i + 1] === 'en') ? 'en' : 'ja';
}

/** `<dir>/<name>.集計.xlsx` beside the input. */
export function defaultOutputPath(input: string): string {
  const dir = path.dirname(input);
  const base = path.basename(input).replace(/\.(xlsx|xlsm)$/i, '');
  return path.join(dir, `${base}.集計.xlsx`);
}

export async function runCli(argv: readonly string[], io: CliIO, version = ''): Promise<number> {
  // Known before parsing, so that even a usage error speaks the asked language.
  const prelocale: Locale = askedLocale(argv);
  let args: CliArgs;
  try {
    args = parseArgs(argv);
    if (!args.help && !args.version && args.input === undefined) throw new UsageError('noInput', '');
    // Several files have no one place for a default output (a folder has: <folder>.集計.xlsx).
    if ((args.inputs ?? []).length > 1 && args.output === undefined) throw new UsageError('needOutput', '');
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`kaikaku-shukei: ${CLI_TEXT[prelocale].usageError(e)}`);
      return EXIT_UNUSABLE;
    }
    throw e;
  }
  const locale: Locale = args.locale ?? prelocale;
  const text = CLI_TEXT[locale];
  if (args.help) {
    io.out(text.usage);
    return EXIT_OK;
  }
  if (args.version) {
    io.out(`kaikaku-shukei ${version}`.trim());
    return EXIT_OK;
  }
  try {
    return await work(args, io, text, locale);
  } catch (e) {
    if (e instanceof EngineError) {
      // Every settings problem, in the user's language, on the one line the command prints.
      const detail =
        e instanceof SettingsError
          ? e.problems.map((p) => formatSettingsProblem(p, locale)).join(' ')
          : e.code === 'INVALID_SETTINGS'
            ? e.message
            : (e.detail ?? '');
      io.err(`kaikaku-shukei: ${formatEngineError(e.code, detail, locale)}`);
      return UNUSABLE.has(e.code) ? EXIT_UNUSABLE : EXIT_FAILED;
    }
    const message = e instanceof Error ? e.message : String(e);
    io.err(`kaikaku-shukei: ${text.internal(message.split('\n')[0] ?? '')}`);
    if (process.env['KAIKAKU_DEBUG'] && e instanceof Error && e.stack) io.err(e.stack);
    return EXIT_FAILED;
  }
}

function readInputFile(file: string): Uint8Array {
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

function loadSettings(args: CliArgs): Settings {
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
function writeFileAtomic(file: string, data: Uint8Array | string, locale: Locale): void {
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

function conflict(what: OutputConflict, file: string, option: string, locale: Locale): never {
  throw new EngineError('OUTPUT_CONFLICT', what, outputConflictText(what, file, option, locale));
}

/**
 * Refuses, before anything is read or written, an output that is the input or the other output, and
 * an existing -o that is not a workbook this tool wrote (checked once the input is known to be sound).
 */
function checkOutputPaths(
  input: string,
  output: string,
  json: string | undefined,
  locale: Locale,
  previous?: string,
): void {
  if (sameFile(output, input)) conflict('isInput', output, '-o', locale);
  if (previous !== undefined && sameFile(output, previous)) conflict('isPrevious', output, '-o', locale);
  if (json === undefined || json === '-') return;
  if (previous !== undefined && sameFile(json, previous)) conflict('isPrevious', json, '--json', locale);
  if (sameFile(json, input)) conflict('isInput', json, '--json', locale);
  if (sameFile(json, output)) conflict('isOtherOutput', json, '--json', locale);
}

/** An existing -o may be replaced only when it is an output of this tool (it has our sheets). */
async function checkExistingOutput(output: string, locale: Locale, settings: Settings): Promise<void> {
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

async function work(args: CliArgs, io: CliIO, text: CliText, locale: Locale): Promise<number> {
  if (isSeveral(args.inputs ?? [args.input!])) return workFiles(args, io, text, locale, KIT);
  const input = args.input!;
  const settings = loadSettings(args);
  const output = path.resolve(args.output ?? defaultOutputPath(input));
  checkOutputPaths(input, output, args.json, locale, args.previous);
  const outputs = [output, ...(args.json !== undefined && args.json !== '-' ? [args.json] : [])];
  if (args.byDepartment !== undefined) checkSendBackDir(args.byDepartment, [input], outputs, locale, KIT);
  let read: ReadXlsxResult | null = null;
  let bytes: Uint8Array | null = null;
  let fallback: string | null = null;
  // The same job as the task pane, the ribbon and the preview: read → analyze → plan → write.
  const { result, plan } = await runJob(
    {
      read: async () => {
        bytes = readInputFile(input);
        read = await readXlsx(bytes, {
          name: path.basename(input),
          codec: zlibCodec,
          ...(settings.limits ? { limits: settings.limits } : {}),
        });
        await checkExistingOutput(output, locale, settings);
        const previous = args.previous === undefined ? null : await readPrevious(args.previous, settings);
        return {
          workbook: read.input,
          existing: read.existing,
          storedSettings: null,
          ...(previous ? { previous } : {}),
        };
      },
      write: async (plan) => {
        if (!read || !bytes) throw new EngineError('INTERNAL', 'write before read');
        const written = await writeOutputFile(bytes, plan, {
          codec: zlibCodec,
          ...(read.excel ? { workbook: read.excel } : {}),
          name: path.basename(input),
          limits: settings.limits,
        });
        fallback = written.fallback;
        writeFileAtomic(output, written.bytes, locale);
      },
    },
    { analyze, planOutput },
    { settings, resolveStored: () => settings, ...(io.now ? { now: io.now } : {}) },
  );
  const readFallback = (read as ReadXlsxResult | null)?.fallback;

  const jsonTarget = writeJsonResult(args, result, plan, settings, io, locale);
  // With the JSON on standard output, the summary goes to standard error to keep the JSON clean.
  const say = args.json === '-' ? io.err : io.out;
  for (const line of summaryLines(path.basename(input), result, plan, text)) say(line);
  for (const line of comparisonLines(result, text)) say(line);
  sayOutput(say, output, result, plan, text);
  if (readFallback !== undefined) say(readerFallbackNotice(readFallback, settings.output.locale));
  if (fallback !== null) say(text.fallback(fallback));
  const charted = plan.sheets.filter((s) => (s.charts ?? []).length > 0).map((s) => s.name);
  if (fallback !== null && charted.length > 0) say(text.fallbackCharts(charted));
  if (jsonTarget) say(text.json(jsonTarget));
  if (args.byDepartment !== undefined) {
    await writeSendBack(args.byDepartment, outputs, result, settings, { ...io, out: say }, text, locale, KIT);
  }
  return EXIT_OK;
}

/** The JSON result to its file or standard output (--json); the file written, or null. */
function writeJsonResult(
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
function sayOutput(
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
async function readPrevious(file: string, settings: Settings): Promise<PreviousWorkbook> {
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

/** What --by-department needs of this module (passed in, so that the modules form no import cycle). */
export interface SendBackKit {
  readonly conflict: typeof conflict;
  readonly checkExistingOutput: typeof checkExistingOutput;
  readonly writeFileAtomic: typeof writeFileAtomic;
}

/** What the run over several files needs of this module (runFiles.ts). */
export interface FilesKit extends SendBackKit {
  readonly readInputFile: typeof readInputFile;
  readonly loadSettings: typeof loadSettings;
  readonly summaryLines: typeof summaryLines;
  readonly sayOutput: typeof sayOutput;
  readonly writeJsonResult: typeof writeJsonResult;
  readonly readPrevious: typeof readPrevious;
  readonly comparisonLines: typeof comparisonLines;
}

const KIT: FilesKit = {
  conflict,
  checkExistingOutput,
  writeFileAtomic,
  readInputFile,
  loadSettings,
  summaryLines,
  sayOutput,
  writeJsonResult,
  readPrevious,
  comparisonLines,
};

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
