/**
 * The add-in's Office adapter as the page runs it: bundled (realExcel.ts, esbuild) and put on
 * window.Adapter. Every call goes through the global `Excel` — Microsoft's excel-web-16.00.js, whose
 * Excel.run installRealExcel routes to the local endpoint. Results are returned as plain data.
 */
import type { CellAddress } from '../../../src/core/address';
import { analyze, planOutput } from '../../../src/core/engine';
import type { OutputPlan } from '../../../src/core/outputPlan';
import { resolveSettings } from '../../../src/core/settingsIO';
import { runInExcel } from '../../../src/office/excelSource';
import { createExcelHost } from '../../../src/office/officeHost';
import { readCells, readListing } from '../../../src/office/read';
import { selectCell } from '../../../src/office/select';
import { loadSettingsJson, saveSettingsJson } from '../../../src/office/settingsStore';
import { writePlan } from '../../../src/office/write';
import type { JobOutcome, JobProgress } from '../../../src/ui/job';

const engine = { analyze, planOutput };
const NOW = new Date(2022, 4, 31, 9, 0);

/** What the ribbon's runShukei passes: Excel.run, nothing else. */
const run = <T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T> => Excel.run(batch);

/** An Excel error as plain data (code and message), so the test sees what the library threw. */
function failure(e: unknown): { error: { name: string; code: string; message: string } } {
  const x = (e ?? {}) as { name?: unknown; code?: unknown; message?: unknown };
  return {
    error: { name: String(x.name ?? ''), code: String(x.code ?? ''), message: String(x.message ?? e) },
  };
}

function outcomeOf(outcome: JobOutcome) {
  return {
    total: outcome.result.summaries[0]?.total ?? null,
    entries: outcome.result.entries.length,
    diagnostics: outcome.result.diagnostics.map((d) => d.code),
    written: outcome.plan.sheets.map((s) => s.name),
    replaced: outcome.plan.replace,
  };
}

export async function read() {
  try {
    return await run(async (context) => {
      const listing = await readListing(context);
      const cells = await readCells(context, listing);
      return { listing, workbook: cells.workbook, syncs: 1 + cells.syncs };
    });
  } catch (e) {
    return failure(e);
  }
}

/** Reads, then writes the plan made for that workbook (the planner decides what is replaced). */
export async function write(plan?: OutputPlan) {
  try {
    return await run(async (context) => {
      const listing = await readListing(context);
      const cells = await readCells(context, listing);
      const made =
        plan ??
        planOutput(
          analyze(cells.workbook, resolveSettings(listing.storedSettings)),
          listing.sheets.map((s) => ({
            name: s.name,
            owned: s.role !== undefined,
            ...(s.role ? { role: s.role } : {}),
          })),
          { generatedAt: NOW },
        );
      const report = await writePlan(context, made, listing);
      return { report, written: made.sheets.map((s) => s.name) };
    });
  } catch (e) {
    return failure(e);
  }
}

export async function select(at: CellAddress, to?: { row: number; col: number }) {
  try {
    await run((context) => selectCell(context, at, to));
    return { ok: true };
  } catch (e) {
    return failure(e);
  }
}

export async function saveSettings(json: string | null) {
  try {
    await run((context) => saveSettingsJson(context, json));
    return { ok: true };
  } catch (e) {
    return failure(e);
  }
}

export async function loadSettings() {
  try {
    return { json: await run((context) => loadSettingsJson(context)) };
  } catch (e) {
    return failure(e);
  }
}

/** The task pane's 集計: its host (officeHost.ts) running the job, with the progress it reports. */
export async function pane() {
  const host = createExcelHost(run, engine);
  const progress: JobProgress[] = [];
  try {
    const loaded = await host.loadSettings();
    const outcome = await host.run((p) => progress.push(p));
    return {
      ...outcomeOf(outcome),
      settingsProblem: loaded.problem !== undefined,
      steps: progress.map((p) => p.step),
    };
  } catch (e) {
    return failure(e);
  }
}

/** The pane's other calls: a diagnostic's cell shown, the settings saved and read back. */
export async function paneSelect(at: CellAddress) {
  const host = createExcelHost(run, engine);
  try {
    await host.select(at);
    return { ok: true };
  } catch (e) {
    return failure(e);
  }
}

/** The ribbon's 「集計」 as src/commands/commands.ts runs it: runInExcel with Excel.run. */
export async function ribbon() {
  try {
    const outcome = await runInExcel(run, engine, {
      resolveStored: (json) => resolveSettings(json),
      now: () => NOW,
    });
    return outcomeOf(outcome);
  } catch (e) {
    return failure(e);
  }
}
