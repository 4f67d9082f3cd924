import { toHostError } from '../office/errors';
import type { ExcelRun } from '../office/excelSource';

/** How big a workbook the ribbon command takes on (commands.ts); no side effects, so tests import it. */

/**
 * Filled cells (constants and formulas on visible sheets) above which the command does not run and
 * sends the user to the task pane. Office gives a function command no documented run time, and ends
 * its runtime after a few minutes; the pane has none of that limit and shows progress. 300,000 cells
 * is about 10,000 report items (the benchmark's largest single run, docs/bench.md): the engine takes
 * about a second for it, but reading and writing through Excel on the web takes tens of seconds to
 * minutes at that size, which is as far as a command should go.
 */
export const COMMAND_MAX_FILLED_CELLS = 300_000;

/**
 * Filled cells on the visible sheets, in two small round trips (the sheets, then each sheet's
 * constants and formulas counted by Excel), so that the size is known before the long run starts.
 */
export async function filledCells(run: ExcelRun): Promise<number> {
  try {
    return await countFilled(run);
  } catch (e) {
    // Excel's refusals (a cell being edited, …) in the same words as the run's.
    throw toHostError(e);
  }
}

function countFilled(run: ExcelRun): Promise<number> {
  return run(async (context) => {
    const sheets = context.workbook.worksheets;
    sheets.load('items/name,items/visibility');
    await context.sync();
    const counted = sheets.items
      .filter((ws) => ws.visibility === 'Visible')
      .flatMap((ws) => {
        // A blank sheet's used range is A1 (as in read.ts); its special cells are then a null object.
        const used = ws.getUsedRange(true);
        return ['Constants', 'Formulas'].map((kind) => {
          const cells = used.getSpecialCellsOrNullObject(kind as Excel.SpecialCellType);
          cells.load('cellCount');
          return cells;
        });
      });
    await context.sync();
    return counted.reduce((n, cells) => n + (cells.isNullObject ? 0 : cells.cellCount), 0);
  });
}
