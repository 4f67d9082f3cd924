/**
 * WorkbookInput → ExcelJS workbook: builds real .xlsx files from grids (the seed samples, tests).
 * The inverse of readWorkbook for everything the engine reads: values, formats, formulas with
 * results, error values, merges and sheet visibility.
 */
import ExcelJS from 'exceljs';
import { toCellData, type CellData, type WorkbookInput } from '../core/index';

export function workbookFromInput(input: WorkbookInput): ExcelJS.Workbook {
  const workbook = new ExcelJS.Workbook();
  for (const sheet of input.sheets) {
    const ws = workbook.addWorksheet(sheet.name);
    if (sheet.visibility && sheet.visibility !== 'visible') ws.state = sheet.visibility;
    sheet.cells.forEach((row, r) => {
      row.forEach((x, c) => {
        const data = toCellData(x);
        if (data === null) return;
        writeCell(ws.getCell(r + 1, c + 1), data);
      });
    });
    for (const m of sheet.merges ?? []) ws.mergeCells(m.top + 1, m.left + 1, m.bottom + 1, m.right + 1);
  }
  return workbook;
}

function writeCell(cell: ExcelJS.Cell, d: CellData): void {
  if (d.formula !== undefined) {
    const result = d.error !== undefined ? { error: d.error } : (d.value ?? undefined);
    cell.value = { formula: d.formula, result } as ExcelJS.CellFormulaValue;
  } else if (d.error !== undefined) {
    cell.value = { error: d.error } as ExcelJS.CellErrorValue;
  } else {
    cell.value = d.value;
  }
  if (d.numberFormat && d.numberFormat !== 'General') cell.numFmt = d.numberFormat;
}
