import type { CellAddress } from '../core/index';

/** Shows a diagnostic's cell (or range) to the user: activates its sheet and selects it. One round trip. */
export async function selectCell(
  context: Excel.RequestContext,
  at: CellAddress,
  to?: { readonly row: number; readonly col: number },
): Promise<void> {
  const ws = context.workbook.worksheets.getItem(at.sheet);
  const bottom = Math.max(at.row, to?.row ?? at.row);
  const right = Math.max(at.col, to?.col ?? at.col);
  ws.activate();
  ws.getRangeByIndexes(at.row, at.col, bottom - at.row + 1, right - at.col + 1).select();
  await context.sync();
}
