/**
 * The send-back workbooks of the task pane (issue 11): per department, its own 集計, items and
 * problems, made in the page with the same plan and writer as the command line's --by-department.
 */
import {
  departmentFileName,
  departmentResult,
  departmentShares,
  planOutput,
  type AnalysisResult,
} from '../core/index';

export interface SendBackFile {
  readonly name: string;
  readonly bytes: Uint8Array;
}

/** How many send-back workbooks a run gives (departments named by its entries). */
export function sendBackCount(result: AnalysisResult): number {
  return departmentShares(result).length;
}

export async function sendBackWorkbooks(result: AnalysisResult, generatedAt: Date): Promise<SendBackFile[]> {
  // The writer (and ExcelJS for the empty package) is loaded only when asked for.
  const { writeNewWorkbook } = await import('../xlsx/newWorkbook');
  const used = new Set<string>();
  const out: SendBackFile[] = [];
  for (const share of departmentShares(result)) {
    const base = departmentFileName(share.name);
    let name = `${base}.xlsx`;
    for (let n = 2; used.has(name.toLowerCase()); n++) name = `${base} (${n}).xlsx`;
    used.add(name.toLowerCase());
    const own = departmentResult(result, share);
    const title = result.title === null ? share.name : `${result.title} ${share.name}`;
    const plan = planOutput({ ...own, title }, [], { generatedAt });
    out.push({ name, bytes: (await writeNewWorkbook(plan)).bytes });
  }
  return out;
}

/**
 * All send-back workbooks in one .zip: one download (browsers block a page that starts dozens of
 * downloads at once), each department's workbook a file in it.
 */
export async function sendBackZip(result: AnalysisResult, generatedAt: Date): Promise<Uint8Array> {
  const { default: JSZip } = await import('jszip');
  const zip = new JSZip();
  // Workbooks are compressed already: stored as they are.
  for (const f of await sendBackWorkbooks(result, generatedAt))
    zip.file(f.name, f.bytes, { date: generatedAt });
  return zip.generateAsync({ type: 'uint8array', compression: 'STORE' });
}
