/**
 * The command line's work, apart from process concerns so tests can call it: arguments in, exit code
 * out, every line through `io`. Unusable input ends with one line and exit 2, never a stack trace.
 */
import * as path from 'path';
import {
  analyze,
  EngineError,
  formatEngineError,
  formatSettingsProblem,
  planOutput,
  readerFallbackNotice,
  runJob,
  SettingsError,
  type EngineErrorCode,
  type Locale,
} from '../core/index';
import { readXlsx, type ReadXlsxResult } from '../xlsx/readXlsx';
import { writeOutputFile } from '../xlsx/writeOutputFile';
import { parseArgs, UsageError, type CliArgs } from './args';
import { checkSendBackDir, writeSendBack } from './byDepartment';
import { isSeveral } from './inputs';
import { sameFile } from './paths';
import { workFiles } from './runFiles';
import { CLI_TEXT, type CliText } from './text';
import {
  checkExistingOutput,
  comparisonLines,
  conflict,
  loadSettings,
  readInputFile,
  readPrevious,
  sayOutput,
  summaryLines,
  writeFileAtomic,
  writeJsonResult,
  type CliIO,
} from './shared';
import { zlibCodec } from './zlibCodec';

export type { CliIO } from './shared';
export { comparisonLines, summaryLines } from './shared';

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

async function work(args: CliArgs, io: CliIO, text: CliText, locale: Locale): Promise<number> {
  if (isSeveral(args.inputs ?? [args.input!])) return workFiles(args, io, text, locale);
  const input = args.input!;
  const settings = loadSettings(args);
  const output = path.resolve(args.output ?? defaultOutputPath(input));
  checkOutputPaths(input, output, args.json, locale, args.previous);
  const outputs = [output, ...(args.json !== undefined && args.json !== '-' ? [args.json] : [])];
  if (args.byDepartment !== undefined) checkSendBackDir(args.byDepartment, [input], outputs, locale);
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
    await writeSendBack(args.byDepartment, outputs, result, settings, { ...io, out: say }, text, locale);
  }
  return EXIT_OK;
}
