/**
 * Failures of the host (Excel) as the add-in reports them. The adapter turns RichApi errors into
 * these codes; the words live in src/ui/strings.ts.
 */
export type HostErrorCode =
  /** The workbook's structure is protected: sheets cannot be added or deleted. */
  | 'WORKBOOK_PROTECTED'
  /** An output sheet to be replaced is protected (params.sheet). */
  | 'SHEET_PROTECTED'
  /** A request or response would pass Excel's payload limit even after splitting. */
  | 'PAYLOAD_TOO_LARGE'
  /** A cell is being edited: Excel refuses API calls until the edit ends. */
  | 'CELL_EDIT_MODE'
  /** The Excel version lacks an API the add-in needs. */
  | 'API_NOT_SUPPORTED'
  /** Excel refused for lack of rights (read-only file, shared-lock, …). */
  | 'ACCESS_DENIED'
  /** Not running inside Excel. */
  | 'NO_HOST'
  /** Any other Excel error; params.code and detail carry what Excel said. */
  | 'EXCEL_ERROR';

export class HostError extends Error {
  readonly code: HostErrorCode;
  readonly params: Readonly<Record<string, string>>;
  readonly detail: string | undefined;
  constructor(code: HostErrorCode, params: Record<string, string> = {}, detail?: string) {
    super(detail ? `${code}: ${detail}` : code);
    this.name = 'HostError';
    this.code = code;
    this.params = params;
    this.detail = detail;
  }
}

interface RichApiLike {
  readonly name?: unknown;
  readonly code?: unknown;
  readonly message?: unknown;
  readonly debugInfo?: { readonly errorLocation?: unknown; readonly message?: unknown };
}

const CODE_MAP: Readonly<Record<string, HostErrorCode>> = {
  RequestPayloadSizeLimitExceeded: 'PAYLOAD_TOO_LARGE',
  ResponsePayloadSizeLimitExceeded: 'PAYLOAD_TOO_LARGE',
  InvalidOperationInCellEditMode: 'CELL_EDIT_MODE',
  ApiNotFound: 'API_NOT_SUPPORTED',
  AccessDenied: 'ACCESS_DENIED',
};

/** True for Excel's payload errors, which the adapter answers by splitting the request. */
export function isPayloadError(e: unknown): boolean {
  const code = (e as RichApiLike | null)?.code;
  return code === 'RequestPayloadSizeLimitExceeded' || code === 'ResponsePayloadSizeLimitExceeded';
}

/**
 * True for a refusal the adapter answers by splitting: Excel's payload errors always; a bare
 * GeneralException only for a request estimated at `largeBytes` or more, since Excel on the web has
 * been seen to refuse large requests that way (a small request failing so is a real error).
 */
export function isSplittableRefusal(e: unknown, estimatedBytes: number, largeBytes: number): boolean {
  if (isPayloadError(e)) return true;
  return (e as RichApiLike | null)?.code === 'GeneralException' && estimatedBytes >= largeBytes;
}

/** Any thrown thing → HostError; HostErrors pass through unchanged. */
export function toHostError(e: unknown): HostError {
  if (e instanceof HostError) return e;
  const x = (e ?? {}) as RichApiLike;
  const code = typeof x.code === 'string' ? x.code : '';
  const message = typeof x.message === 'string' ? x.message : String(e);
  const where = typeof x.debugInfo?.errorLocation === 'string' ? ` (${x.debugInfo.errorLocation})` : '';
  const mapped = CODE_MAP[code];
  if (mapped) return new HostError(mapped, { code }, `${message}${where}`);
  return new HostError(
    'EXCEL_ERROR',
    { code: code || (x.name === 'RichApi.Error' ? 'RichApi.Error' : 'Error') },
    `${message}${where}`,
  );
}
