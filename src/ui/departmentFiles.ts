/**
 * 「各課のファイルを追加」 (issue 11): departments' workbooks added to the open workbook's run. They
 * are read in the page with the same reader as the preview (nothing leaves the machine) and are
 * never copied into the workbook: the run counts them with the open workbook's own sheets.
 */
import {
  EngineError,
  formatEngineError,
  type FileInput,
  type FileProblem,
  type JobSource,
} from '../core/index';

/** A department's file as the page holds it. */
export interface DepartmentFile {
  readonly name: string;
  readonly bytes: Uint8Array;
}

/** Each file read; one that cannot be read is a problem naming it, and the rest are counted. */
export async function readDepartmentFiles(
  files: readonly DepartmentFile[],
): Promise<{ files: FileInput[]; problems: FileProblem[] }> {
  // Loaded only when files are added: a run of the workbook alone does not carry the reader.
  const { readXlsx } = await import('../xlsx/readXlsx');
  const read: FileInput[] = [];
  const problems: FileProblem[] = [];
  for (const f of files) {
    try {
      const r = await readXlsx(f.bytes, { name: f.name });
      read.push({ file: f.name, workbook: r.input });
    } catch (e) {
      if (!(e instanceof EngineError)) throw e;
      problems.push({ file: f.name, reason: formatEngineError(e.code, e.detail ?? '', 'ja') });
    }
  }
  return { files: read, problems };
}

/**
 * The same source, with the departments' files analysed together with what it reads. The open
 * workbook stays `local`: its addresses keep no file, so the output links into its sheets as before.
 */
export function withDepartmentFiles(
  source: JobSource,
  files: readonly DepartmentFile[],
  localName: string,
): JobSource {
  if (files.length === 0) return source;
  return {
    ...source,
    async read(onProgress) {
      const own = await source.read(onProgress);
      const extra = await readDepartmentFiles(files);
      return {
        ...own,
        files: {
          files: [{ file: localName, workbook: own.workbook, local: true }, ...extra.files],
          problems: extra.problems,
          ...(own.workbook.previousList ? { previousList: own.workbook.previousList } : {}),
        },
      };
    },
  };
}
