/** The .xlsx adapter: bytes in, bytes out; no file system, so it runs in node and in the browser. */
export {
  readWorkbook,
  loadWorkbook,
  existingSheets,
  sheetInput,
  type ReadWorkbookResult,
  type Bytes,
} from './readWorkbook';
export { writePlan, excelStyle } from './writePlan';
export { workbookToBytes, type ToBytesOptions } from './bytes';
export { workbookFromInput } from './fromInput';
export { writeOutputs, type WriteOutputsOptions } from './writePackage';
export { UnsupportedPackageError } from './unsupported';
export { writeOutputFile, type WrittenOutput } from './writeOutputFile';
export { webCodec, type Codec } from './zip';
export { readXlsx, type ReadXlsxResult } from './readXlsx';
export { readWorkbookFast, type FastReadResult, type FastReadOptions } from './readFast';
export { ReaderUnsupported } from './xmlScan';
