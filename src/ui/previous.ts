import type { PreviousWorkbook } from './job';
import type { PreviousFile } from './host';

/**
 * Last year's report read in the page with the same reader as the command line's. Loaded on demand,
 * so that a task pane run without last year's file does not download the reader.
 */
export async function readPreviousFile(file: PreviousFile): Promise<PreviousWorkbook> {
  const { readXlsx } = await import(/* webpackChunkName: "xlsx-reader" */ '../xlsx/readXlsx');
  const read = await readXlsx(file.bytes, { name: file.name });
  return { workbook: read.input, name: file.name };
}
