import { EngineError } from '../core/index';

/**
 * A package the zip-level writer will not edit (zip64, UTF-16 parts, no workbook part, XML it cannot
 * parse…). Refused before anything is written, so the caller can fall back to the ExcelJS writer.
 */
export class UnsupportedPackageError extends EngineError {
  constructor(reason: string) {
    super('OUTPUT_FAILED', `the package cannot be edited in place: ${reason}`, reason);
    this.name = 'UnsupportedPackageError';
  }
}
