/**
 * Output paths that would overwrite the user's data are refused before anything is read or written
 * (issue 9): an output that is the input, the two outputs on one file, and an existing -o that is not
 * a workbook this tool wrote. "The same file" is decided by the file system itself: device and inode
 * when the file exists (hard links, symbolic links, another case on a case-insensitive disk), else
 * the real path of its folder and its name.
 */
import * as fs from 'fs';
import * as path from 'path';

/** Whether the file system holding `dir` ignores case in names (probed, not guessed from the OS). */
function caseInsensitive(dir: string): boolean {
  const swapped = dir.replace(/[a-zA-Z]/g, (c) =>
    c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase(),
  );
  if (swapped === dir) return process.platform === 'win32' || process.platform === 'darwin';
  try {
    const a = fs.statSync(dir);
    const b = fs.statSync(swapped);
    return a.ino === b.ino && a.dev === b.dev;
  } catch {
    return false;
  }
}

/** A key for the file at `file`, equal for two paths that name one file. */
export function fileIdentity(file: string): string {
  const abs = path.resolve(file);
  try {
    const st = fs.statSync(abs);
    return `inode:${st.dev}:${st.ino}`;
  } catch {
    // Not there yet: its folder's real path and its own name.
  }
  let dir = path.dirname(abs);
  try {
    dir = fs.realpathSync.native(dir);
  } catch {
    // a missing folder is reported when writing
  }
  const name = path.basename(abs);
  const full = path.join(dir, name);
  return `path:${caseInsensitive(dir) ? full.toLowerCase() : full}`;
}

export function sameFile(a: string, b: string): boolean {
  return fileIdentity(a) === fileIdentity(b);
}
