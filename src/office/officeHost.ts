import { type Settings, resolveSettings, settingsJsonWithTable, settingsToJson } from '../core/index';
import type { EngineRunner } from '../ui/engineRunner';
import type { LoadedSettings, WorkbookHost } from '../ui/host';
import type { Engine } from '../ui/job';
import { readPreviousFile } from '../ui/previous';
import type { ExcelRun } from './excelSource';
import { runInExcel } from './excelSource';
import { toHostError } from './errors';
import { selectedHeaderRow } from './headerRow';
import { selectCell } from './select';
import { loadSettingsJson, saveSettingsJson } from './settingsStore';
import { withDepartmentFiles } from '../ui/departmentFiles';

/** How the open workbook is named among departments' files (its own cells keep no file name). */
const WORKBOOK_FILE = 'このブック';

/** The task pane's host inside Excel. */
export function createExcelHost(run: ExcelRun, engine: Engine, runner?: EngineRunner): WorkbookHost {
  const excel = async <T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T> => {
    try {
      return await run(batch);
    } catch (e) {
      throw toHostError(e);
    }
  };
  return {
    kind: 'excel',
    async loadSettings(): Promise<LoadedSettings> {
      const json = await excel((ctx) => loadSettingsJson(ctx));
      try {
        return { settings: resolveSettings(json) };
      } catch (problem) {
        return { settings: resolveSettings(null), problem };
      }
    },
    async saveSettings(settings: Settings) {
      await excel((ctx) => saveSettingsJson(ctx, settingsToJson(settings)));
    },
    async saveTable(def) {
      await excel(async (ctx) =>
        saveSettingsJson(ctx, settingsJsonWithTable(await loadSettingsJson(ctx), def)),
      );
    },
    selectedRow() {
      return excel((ctx) => selectedHeaderRow(ctx));
    },
    async run(onProgress, previousFile, departmentFiles = []) {
      const previous = previousFile ? await readPreviousFile(previousFile) : null;
      return runInExcel(
        run,
        engine,
        {
          resolveStored: (json) => resolveSettings(json),
          onProgress,
          ...(runner ? { runner } : {}),
          ...(previous ? { previous } : {}),
        },
        undefined,
        (source) => withDepartmentFiles(source, departmentFiles, WORKBOOK_FILE),
      );
    },
    async select(at, to) {
      await excel((ctx) => selectCell(ctx, at, to));
      return null;
    },
  };
}
