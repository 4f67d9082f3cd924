import { EngineError } from '../../src/core/errors';
import type { HostErrorCode } from '../../src/office/errors';
import { HostError, isPayloadError, isSplittableRefusal, toHostError } from '../../src/office/errors';
import { errorText } from '../../src/ui/strings';
import { FakeRichApiError } from '../support/fakeExcel';

describe('toHostError', () => {
  it('maps Excel’s error codes to the add-in’s', () => {
    const cases: [string, HostErrorCode][] = [
      ['RequestPayloadSizeLimitExceeded', 'PAYLOAD_TOO_LARGE'],
      ['ResponsePayloadSizeLimitExceeded', 'PAYLOAD_TOO_LARGE'],
      ['InvalidOperationInCellEditMode', 'CELL_EDIT_MODE'],
      ['ApiNotFound', 'API_NOT_SUPPORTED'],
      ['AccessDenied', 'ACCESS_DENIED'],
      ['GeneralException', 'EXCEL_ERROR'],
    ];
    for (const [code, expected] of cases) {
      expect(toHostError(new FakeRichApiError(code, 'm'))).toMatchObject({
        code: expected,
        params: { code },
      });
    }
    expect(isPayloadError(new FakeRichApiError('RequestPayloadSizeLimitExceeded', 'm'))).toBe(true);
    expect(isPayloadError(new FakeRichApiError('GeneralException', 'm'))).toBe(false);
  });

  it('splits a bare GeneralException only when the request was large', () => {
    const general = new FakeRichApiError('GeneralException', 'm');
    expect(isSplittableRefusal(general, 2_000_000, 1_000_000)).toBe(true);
    expect(isSplittableRefusal(general, 10_000, 1_000_000)).toBe(false);
    expect(
      isSplittableRefusal(new FakeRichApiError('ResponsePayloadSizeLimitExceeded', 'm'), 10, 1_000_000),
    ).toBe(true);
    expect(isSplittableRefusal(new FakeRichApiError('ItemNotFound', 'm'), 2_000_000, 1_000_000)).toBe(false);
  });

  it('passes a HostError through and wraps anything else', () => {
    const e = new HostError('WORKBOOK_PROTECTED');
    expect(toHostError(e)).toBe(e);
    expect(toHostError(new TypeError('x is undefined'))).toMatchObject({
      code: 'EXCEL_ERROR',
      params: { code: 'Error' },
    });
  });
});

describe('errorText', () => {
  it('gives every host error a Japanese sentence, naming the sheet when there is one', () => {
    const codes: HostErrorCode[] = [
      'WORKBOOK_PROTECTED',
      'SHEET_PROTECTED',
      'PAYLOAD_TOO_LARGE',
      'CELL_EDIT_MODE',
      'API_NOT_SUPPORTED',
      'ACCESS_DENIED',
      'NO_HOST',
      'EXCEL_ERROR',
    ];
    for (const code of codes)
      expect(errorText(new HostError(code, { sheet: '集計' }))).toMatch(/[ぁ-んァ-ン一-龥]/);
    expect(errorText(new HostError('SHEET_PROTECTED', { sheet: '集計' }))).toContain('「集計」');
  });

  it('shows a settings error as the engine worded it, other engine errors through the catalogue', () => {
    expect(
      errorText(new EngineError('INVALID_SETTINGS', '設定「judge.onTrackRatio」は数値で指定してください。')),
    ).toBe('設定「judge.onTrackRatio」は数値で指定してください。');
    expect(errorText(new EngineError('NOT_XLSX', 'not a zip', 'a.docx'))).toContain('a.docx');
  });
});
