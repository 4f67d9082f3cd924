import { type Settings, resolveSettings, settingsToJson } from '../core/index';
import type { LoadedSettings, WorkbookHost } from '../ui/host';
import type { Engine } from '../ui/job';
import type { ExcelRun } from './excelSource';
import { runInExcel } from './excelSource';
import { toHostError } from './errors';
import { selectCell } from './select';
import { loadSettingsJson, saveSettingsJson } from './settingsStore';

/** The task pane's host inside Excel. */
export function createExcelHost(run: ExcelRun, engine: Engine): WorkbookHost {
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
    run(onProgress) {
      return runInExcel(run, engine, { resolveStored: (json) => resolveSettings(json), onProgress });
    },
    async select(at, to) {
      await excel((ctx) => selectCell(ctx, at, to));
      return null;
    },
  };
}
