/**
 * 「各課のファイルを追加」 (issue 11 item 2, task pane): departments' files counted with the open
 * workbook through the one job, read with the same reader, their sheets not copied into the workbook.
 */
import {
  analyze,
  analyzeFiles,
  DEFAULT_SETTINGS,
  planOutput,
  type OutputPlan,
  type WorkbookInput,
} from '../../src/core/index';
import { withDepartmentFiles } from '../../src/ui/departmentFiles';
import { runJob, type JobSource } from '../../src/ui/job';
import { seedSampleBytes } from '../../scripts/build-seed-workbooks';
import { seedWorkbook } from '../support/seeds';

function workbookSource(workbook: WorkbookInput, written: OutputPlan[]): JobSource {
  return {
    read: async () => ({ workbook, existing: [], storedSettings: null }),
    write: async (plan) => void written.push(plan),
  };
}

describe('departments’ files added to the open workbook’s run', () => {
  it('counts them with the workbook, each entry of theirs naming its file, the workbook’s own linked as before', async () => {
    const written: OutputPlan[] = [];
    const aizu = { name: '会津若松市.xlsx', bytes: await seedSampleBytes('003') };
    const broken = { name: '壊れた.xlsx', bytes: new Uint8Array([80, 75, 3, 4, 1, 2, 3]) };
    const source = withDepartmentFiles(
      workbookSource(seedWorkbook('001'), written),
      [aizu, broken],
      'このブック',
    );
    const { result, plan } = await runJob(
      source,
      { analyze, planOutput, analyzeFiles },
      { resolveStored: () => DEFAULT_SETTINGS },
    );
    // 関市 (the workbook) 31 entries, 会津若松市 (added) 72.
    const own = result.entries.filter((e) => e.at.file === undefined);
    const theirs = result.entries.filter((e) => e.at.file === '会津若松市.xlsx');
    expect([own.length, theirs.length, result.entries.length]).toEqual([31, 72, 103]);
    expect(result.summaries.map((s) => s.counted)).toEqual([31, 70]);
    expect(
      result.diagnostics.filter((d) => d.code === 'FILE_UNREADABLE').map((d) => d.params?.['file']),
    ).toEqual(['壊れた.xlsx']);
    // Only our three sheets are written: the departments' sheets are not copied into the workbook.
    expect(written).toHaveLength(1);
    expect(plan.sheets.map((s) => s.role)).toEqual(['summary', 'list', 'diagnostics']);
    // 取組一覧: the workbook's own cells are links, the added file's cells are text.
    const list = plan.sheets.find((s) => s.role === 'list')!;
    const header = list.rows[2]!.map((c) => (c?.kind === 'text' ? c.text : ''));
    const cellCol = header.indexOf('セル');
    const fileCol = header.indexOf('ファイル');
    expect(fileCol).toBeGreaterThan(0);
    const kinds = list.rows
      .slice(3)
      .map((r) => [r[fileCol]?.kind === 'text' ? r[fileCol].text : '', r[cellCol]?.kind]);
    expect(kinds.filter(([f]) => f === '').every(([, k]) => k === 'link')).toBe(true);
    expect(kinds.filter(([f]) => f === '会津若松市.xlsx').every(([, k]) => k === 'text')).toBe(true);
  });

  it('is the workbook alone when no file is added', () => {
    const source = workbookSource(seedWorkbook('001'), []);
    expect(withDepartmentFiles(source, [], 'このブック')).toBe(source);
  });
});
