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
  | 'INTERNAL';

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
