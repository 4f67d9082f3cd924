/** How big a workbook the ribbon command takes on (commands.ts); no side effects, so tests import it. */

/**
 * Filled cells (constants and formulas on the sheets read) above which the command does not run and
 * sends the user to the task pane. Office gives a function command no documented run time, and ends
 * its runtime after a few minutes; the pane has none of that limit and shows progress. 300,000 cells
 * is about 10,000 report items (the benchmark's largest single run, docs/bench.md): the engine takes
 * about a second for it, but reading and writing through Excel on the web takes tens of seconds to
 * minutes at that size, which is as far as a command should go. The run measures it in its own first
 * read of the cells (the filled areas, src/office/read.ts) and stops there, before any cell is read.
 */
export const COMMAND_MAX_FILLED_CELLS = 300_000;
