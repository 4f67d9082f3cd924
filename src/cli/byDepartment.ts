/**
 * `--by-department DIR` (issue 11 item 3): one small workbook per department — its own 集計, its items
 * (取組一覧) and its problems (検証結果) — to send back for correction. The folder must hold no input,
 * and a file already there is replaced only when this tool wrote it.
 */
import * as fs from 'fs';
import * as path from 'path';
import {
  departmentFileName,
  departmentResult,
  departmentShares,
  EngineError,
  planOutput,
  type AnalysisResult,
  type Locale,
  type Settings,
} from '../core/index';
import { writeNewWorkbook } from '../xlsx/newWorkbook';
import type { CliText } from './text';
import { sameFile } from './paths';
import { checkExistingOutput, conflict, writeFileAtomic, type CliIO } from './shared';
import { zlibCodec } from './zlibCodec';

/** Real path of a folder or file, or its absolute path when it is not there yet. */
function real(p: string): string {
  try {
    return fs.realpathSync.native(p);
  } catch {
    return path.resolve(p);
  }
}

/**
 * Refuses, before anything is written, a send-back folder that is or holds an input (a department's
 * file would be replaced by its send-back copy) or that is an output file.
 */
export function checkSendBackDir(
  dir: string,
  inputs: readonly string[],
  outputs: readonly string[],
  locale: Locale,
): void {
  const root = real(dir);
  if (fs.existsSync(dir) && !fs.statSync(dir).isDirectory())
    conflict('notOurs', dir, '--by-department', locale);
  for (const output of outputs) {
    if (sameFile(dir, output)) conflict('isOtherOutput', dir, '--by-department', locale);
  }
  for (const input of inputs) {
    const r = real(input);
    const rel = path.relative(root, r);
    const inside = rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
    if (inside) conflict('holdsInputs', dir, '--by-department', locale);
  }
}

export interface SendBackWritten {
  readonly department: string;
  readonly file: string;
  readonly entries: number;
  readonly problems: number;
}

export async function writeSendBack(
  dir: string,
  outputs: readonly string[],
  result: AnalysisResult,
  settings: Settings,
  io: CliIO,
  text: CliText,
  locale: Locale,
): Promise<SendBackWritten[]> {
  const shares = departmentShares(result);
  const written: SendBackWritten[] = [];
  if (shares.length === 0) {
    io.out(text.sendBackNone);
    return written;
  }
  try {
    fs.mkdirSync(dir, { recursive: true });
  } catch (e) {
    throw new EngineError('OUTPUT_FAILED', `cannot create: ${String(e)}`, dir);
  }
  const used = new Set<string>();
  const generatedAt = (io.now ?? (() => new Date()))();
  for (const share of shares) {
    // Two departments whose names differ only in characters a file name cannot hold get (2), (3)….
    const base = departmentFileName(share.name);
    let name = `${base}.xlsx`;
    for (
      let n = 2;
      used.has(name.toLowerCase()) || outputs.some((o) => sameFile(path.join(dir, name), o));
      n++
    ) {
      name = `${base} (${n}).xlsx`;
    }
    used.add(name.toLowerCase());
    const file = path.join(dir, name);
    await checkExistingOutput(file, locale, settings);
    const own = departmentResult(result, share);
    const titled: AnalysisResult = {
      ...own,
      title: result.title === null ? share.name : `${result.title} ${share.name}`,
    };
    const plan = planOutput(titled, [], { generatedAt });
    const bytes = await writeNewWorkbook(plan, { codec: zlibCodec, limits: settings.limits });
    writeFileAtomic(file, bytes.bytes, locale);
    written.push({
      department: share.name,
      file,
      entries: share.entries.length,
      problems: share.diagnostics.length,
    });
  }
  io.out(text.sendBack(dir, written.length));
  return written;
}
