/**
 * The command line's inputs when it reads several files (issue 11): `kaikaku-shukei 各課/ -o 全体.xlsx`
 * or `kaikaku-shukei a.xlsx b.xlsx -o 全体.xlsx`. A folder gives its .xlsx / .xlsm files sorted by
 * name, without Excel's lock files (~$…) and without the output itself; its other files are listed
 * so the user sees what was not read. A path that is not there is refused like a single input.
 */
import * as fs from 'fs';
import * as path from 'path';
import { EngineError } from '../core/index';
import { sameFile } from './paths';

export interface ResolvedInputs {
  /** The workbooks to read, in order. */
  readonly files: readonly string[];
  /** Files in a folder that are not workbooks (by name), reported and not read. */
  readonly others: readonly string[];
}

const WORKBOOK = /\.(xlsx|xlsm)$/i;

/** Names in a folder, in a fixed order (code points, so the order is the same on every machine). */
function listFolder(dir: string): string[] {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch (e) {
    throw new EngineError('UNREADABLE_WORKBOOK', `cannot list: ${String(e)}`, dir);
  }
  return names.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** True when the paths name a folder or more than one file: a run over several workbooks. */
export function isSeveral(inputs: readonly string[]): boolean {
  if (inputs.length > 1) return true;
  const only = inputs[0];
  if (only === undefined) return false;
  try {
    return fs.statSync(only).isDirectory();
  } catch {
    return false;
  }
}

export function resolveInputs(inputs: readonly string[], outputs: readonly string[]): ResolvedInputs {
  const files: string[] = [];
  const others: string[] = [];
  const isOutput = (file: string): boolean => outputs.some((o) => sameFile(file, o));
  for (const input of inputs) {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(input);
    } catch {
      throw new EngineError('FILE_NOT_FOUND', 'no such file', input);
    }
    if (!stat.isDirectory()) {
      // Named one by one, a file is read whatever its extension (the reader decides by content).
      files.push(input);
      continue;
    }
    for (const name of listFolder(input)) {
      const file = path.join(input, name);
      if (name.startsWith('~$') || name.startsWith('.')) continue; // Excel's lock files, hidden files
      let isFile = false;
      try {
        isFile = fs.statSync(file).isFile();
      } catch {
        continue;
      }
      if (!isFile) continue;
      if (!WORKBOOK.test(name)) others.push(file);
      else if (!isOutput(file)) files.push(file);
    }
  }
  // The same file named twice (a.xlsx and ./a.xlsx, or a file inside a folder also named) is read once.
  const unique = files.filter((f, i) => files.findIndex((g) => sameFile(f, g)) === i);
  return { files: unique, others };
}

/** The default output for a folder: `<folder>.集計.xlsx` beside it. */
export function defaultFolderOutput(folder: string): string {
  const abs = path.resolve(folder);
  return path.join(path.dirname(abs), `${path.basename(abs)}.集計.xlsx`);
}
