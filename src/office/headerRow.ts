import type { HeaderRowPick } from '../ui/host';
import { parseAreaAddress, sheetOfAddress } from './addresses';

/** Excel's widest sheet: the row is read as far as it has values. */
const SHEET_COLUMNS = 16384;

/**
 * The row of the user's selection as a header row (issue 10 item 4): its sheet, its 0-based index
 * and the text of each cell with a value, wherever the table starts. Two round trips: the selection's
 * address, then the used part of its first row.
 */
export async function selectedHeaderRow(context: Excel.RequestContext): Promise<HeaderRowPick | null> {
  const selected = context.workbook.getSelectedRange();
  selected.load('address');
  await context.sync();
  const sheet = sheetOfAddress(selected.address);
  const area = parseAreaAddress(selected.address) ?? wholeRows(selected.address);
  if (sheet === null || area === null) return null;
  const used = context.workbook.worksheets
    .getItem(sheet)
    .getRangeByIndexes(area.top, 0, 1, SHEET_COLUMNS)
    .getUsedRangeOrNullObject(true);
  used.load('columnIndex,values');
  await context.sync();
  if (used.isNullObject) return { sheet, row: area.top, cells: [] };
  const values = (used.values[0] ?? []) as unknown[];
  const cells = values.flatMap((value, i) => {
    const text = value === null || value === undefined ? '' : String(value).trim();
    return text === '' ? [] : [{ col: used.columnIndex + i, text }];
  });
  return { sheet, row: area.top, cells };
}

/** "Sheet1!3:5" (whole rows selected by their headings) → its first row, 0-based. */
function wholeRows(address: string): { readonly top: number } | null {
  const local = address.slice(address.lastIndexOf('!') + 1).trim();
  const m = /^\$?(\d+)(?::\$?\d+)?$/.exec(local);
  return m ? { top: Number(m[1]) - 1 } : null;
}
