/**
 * The command line over several workbooks (issue 11 item 2): `kaikaku-shukei 各課/ -o 全体.xlsx` or
 * `kaikaku-shukei a.xlsx b.xlsx -o 全体.xlsx`. Every workbook is read with the same reader as one
 * input; one that cannot be read is reported by name and the rest are counted. The output is a
 * workbook of its own (or our earlier output, updated, so a reviewer's edits are kept).
 */
import * as fs from 'fs';
import * as path from 'path';
import {
  analyze,
  analyzeFiles,
  EngineError,
  formatEngineError,
  planOutput,
  readerFallbackNotice,
  runJob,
  type ExistingSheet,
  type FileInput,
  type FileProblem,
  type Locale,
  type SheetInput,
} from '../core/index';
import { readXlsx } from '../xlsx/readXlsx';
import { writeNewWorkbook } from '../xlsx/newWorkbook';
import { writeOutputFile } from '../xlsx/writeOutputFile';
import type { CliArgs } from './args';
import { checkSendBackDir, writeSendBack } from './byDepartment';
import { defaultFolderOutput, resolveInputs } from './inputs';
import { sameFile } from './paths';
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
import type { CliText } from './text';
import { zlibCodec } from './zlibCodec';

/** Names that tell the files apart: the file's own name, its path where two share a name. */
function displayNames(files: readonly string[]): string[] {
  const base = files.map((f) => path.basename(f));
  return files.map((f, i) => (base.filter((b) => b === base[i]).length > 1 ? f : base[i]!));
}

export async function workFiles(args: CliArgs, io: CliIO, text: CliText, locale: Locale): Promise<number> {
  const inputs = args.inputs ?? (args.input !== undefined ? [args.input] : []);
  const settings = loadSettings(args);
  const output = path.resolve(args.output ?? defaultFolderOutput(inputs[0]!));
  const outputs = [output, ...(args.json !== undefined && args.json !== '-' ? [args.json] : [])];
  // Last year's report (--previous) is never one of this year's files, even when it sits in the folder.
  const previousFile = args.previous === undefined ? undefined : path.resolve(args.previous);
  const resolved = resolveInputs(inputs, previousFile === undefined ? outputs : [...outputs, previousFile]);
  // A file named on the command line may not be an output (one found in a folder is skipped).
  for (const file of resolved.files) {
    if (sameFile(output, file)) conflict('isInput', output, '-o', locale);
    if (args.json !== undefined && args.json !== '-' && sameFile(args.json, file)) {
      conflict('isInput', args.json, '--json', locale);
    }
  }
  if (args.json !== undefined && args.json !== '-' && sameFile(args.json, output)) {
    conflict('isOtherOutput', args.json, '--json', locale);
  }
  if (previousFile !== undefined) {
    if (sameFile(output, previousFile)) conflict('isPrevious', output, '-o', locale);
    if (args.json !== undefined && args.json !== '-' && sameFile(args.json, previousFile)) {
      conflict('isPrevious', args.json, '--json', locale);
    }
  }
  if (args.byDepartment !== undefined) {
    checkSendBackDir(args.byDepartment, [...inputs, ...resolved.files], outputs, locale);
  }
  if (resolved.files.length === 0) {
    throw new EngineError('FILE_NOT_FOUND', 'no workbook', inputs.join(', '));
  }

  const names = displayNames(resolved.files);
  const files: FileInput[] = [];
  const problems: FileProblem[] = resolved.others.map((f) => ({
    file: path.basename(f),
    reason: '',
    notWorkbook: true,
  }));
  const fallbacks: string[] = [];
  for (const [i, file] of resolved.files.entries()) {
    const name = names[i]!;
    try {
      const bytes = readInputFile(file);
      const read = await readXlsx(bytes, {
        name,
        codec: zlibCodec,
        ...(settings.limits ? { limits: settings.limits } : {}),
      });
      if (read.fallback !== undefined)
        fallbacks.push(`${name}: ${readerFallbackNotice(read.fallback, locale)}`);
      files.push({ file: name, workbook: read.input });
    } catch (e) {
      if (!(e instanceof EngineError)) throw e;
      problems.push({ file: name, reason: formatEngineError(e.code, e.detail ?? '', locale) });
    }
  }
  // Nothing could be read: the input is unusable as a whole (exit 2, the first file's reason).
  if (files.length === 0) {
    throw new EngineError('UNREADABLE_WORKBOOK', 'no file could be read', names.join(', '));
  }

  // Our earlier output is updated in place (a reviewer's edits in its 取組一覧 are carried over).
  await checkExistingOutput(output, locale, settings);
  let base: Uint8Array | null = null;
  let existing: readonly ExistingSheet[] = [];
  let previousList: SheetInput | undefined;
  if (fs.existsSync(output)) {
    base = new Uint8Array(fs.readFileSync(output));
    const read = await readXlsx(base, {
      codec: zlibCodec,
      ...(settings.limits ? { limits: settings.limits } : {}),
    });
    existing = read.existing;
    previousList = read.input.previousList;
  }
  const previous = previousFile === undefined ? null : await readPrevious(previousFile, settings);
  const folder = inputs.length === 1 ? path.basename(path.resolve(inputs[0]!)) : undefined;

  let fallback: string | null = null;
  const { result, plan } = await runJob(
    {
      read: async () => ({
        workbook: { sheets: [] },
        existing,
        storedSettings: null,
        files: {
          files,
          problems,
          ...(previousList ? { previousList } : {}),
          ...(folder !== undefined ? { name: folder } : {}),
        },
        ...(previous ? { previous } : {}),
      }),
      write: async (plan) => {
        const written = base
          ? await writeOutputFile(base, plan, { codec: zlibCodec, limits: settings.limits })
          : await writeNewWorkbook(plan, { codec: zlibCodec, limits: settings.limits });
        fallback = written.fallback;
        writeFileAtomic(output, written.bytes, locale);
      },
    },
    { analyze, planOutput, analyzeFiles },
    { settings, resolveStored: () => settings, ...(io.now ? { now: io.now } : {}) },
  );

  const jsonTarget = writeJsonResult(args, result, plan, settings, io, locale);
  const say = args.json === '-' ? io.err : io.out;
  say(text.files(files.length, resolved.files.length));
  for (const line of summaryLines(folder ?? names.join(', '), result, plan, text)) say(line);
  for (const line of comparisonLines(result, text)) say(line);
  // What was not counted is said on standard error too, so that a script sees it.
  for (const p of problems) {
    if (p.notWorkbook) say(text.fileNotWorkbook(p.file));
    else io.err(`kaikaku-shukei: ${text.fileUnreadable(p.file, p.reason)}`);
  }
  for (const f of fallbacks) say(f);
  sayOutput(say, output, result, plan, text);
  if (fallback !== null) say(text.fallback(fallback));
  if (jsonTarget) say(text.json(jsonTarget));
  if (args.byDepartment !== undefined) {
    await writeSendBack(args.byDepartment, outputs, result, settings, { ...io, out: say }, text, locale);
  }
  return 0; // EXIT_OK: counted and written, whatever the findings
}
