/**
 * Typed errors for misuse and for input the engine cannot work on at all.
 * Bad data inside a usable workbook never throws: it becomes a Diagnostic.
 */
export type EngineErrorCode =
  | 'INVALID_SETTINGS'
  | 'UNREADABLE_WORKBOOK'
  | 'ENCRYPTED_WORKBOOK'
  | 'NOT_XLSX'
  | 'FILE_NOT_FOUND'
  | 'OUTPUT_FAILED'
  | 'INTERNAL'
  | SafetyErrorCode;

/**
 * Refusals that keep the user's files safe and the cost bounded (issue 9): an output path that is
 * the input or the other output, or an existing file this tool did not write; a package too large
 * to read safely (or to hand to the costlier ExcelJS fallback); a damaged part; a spreadsheet in another format (.xls, .ods) to save as .xlsx.
 */
export type SafetyErrorCode =
  'OUTPUT_CONFLICT' | 'WORKBOOK_TOO_LARGE' | 'FALLBACK_TOO_LARGE' | 'DAMAGED_PART' | 'SAVE_AS_XLSX';

export class EngineError extends Error {
  readonly code: EngineErrorCode;
  readonly detail: string | undefined;
  constructor(code: EngineErrorCode, message: string, detail?: string) {
    super(message);
    this.name = 'EngineError';
    this.code = code;
    this.detail = detail;
  }
}
