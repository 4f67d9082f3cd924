/**
 * The one place that reads the diagnostics' words (the reasons' are in reasons.test.ts): every code
 * has a Japanese and an English text, built from its own parameters only, and no text leaves a
 * parameter out. Elsewhere tests compare codes and parameters, not sentences.
 */
import { addr } from '../../src/core/address';
import {
  DiagnosticBag,
  hasCode,
  SEVERITY,
  type Diagnostic,
  type DiagnosticCode,
  type DiagnosticParamMap,
  type GradedCode,
} from '../../src/core/diagnostics';
import { diagnosticText, formatMessage, type Locale } from '../../src/core/messages';

const LOCALES: readonly Locale[] = ['ja', 'en'];

/** Each code with a value for every parameter, optional ones included; each value found nowhere else. */
const SAMPLES: { readonly [C in DiagnosticCode]: Required<DiagnosticParamMap[C]> } = {
  SHEET_HIDDEN_SKIPPED: {},
  SHEET_EXCLUDED: {},
  NO_TABLE_FOUND: {},
  EMPTY_WORKBOOK: {},
  OUTPUT_NAME_TAKEN: { name: '«name»', used: '«used»' },
  CELL_ERROR: { error: '«error»' },
  UNPARSABLE_NUMBER: { field: '«field»' },
  DATE_FOR_NUMBER: { field: '«field»' },
  SHIFTED_ROW: { shift: 7301, expected: '«expected»', column: '«column»', found: '«found»' },
  COLUMN_NOT_FOUND: { column: '«column»', words: '«words»', setting: '«setting»' },
  MISSING_STATUS: { title: '«title»', number: '«number»' },
  UNKNOWN_STATUS: { status: '«status»', scheme: '«scheme»', suggestion: '«suggestion»' },
  STATUS_NOTE: { status: '«status»', note: '«note»' },
  DUPLICATE_NUMBER: { number: '«number»', firstSheet: '«firstSheet»', firstCell: '«firstCell»' },
  STATED_SUMMARY_MISMATCH: { label: '«label»', stated: 7302, counted: 7303, scheme: '«scheme»' },
  MISSING_TARGET: { indicator: '«indicator»', year: '«year»' },
  MISSING_ACTUAL: { indicator: '«indicator»', year: '«year»' },
  MISSING_BASELINE: { indicator: '«indicator»', target: '«target»' },
  UNIT_MISMATCH: { indicator: '«indicator»', targetUnit: '«targetUnit»', actualUnit: '«actualUnit»' },
  UNIT_CHANGED: { indicator: '«indicator»', from: '«from»', to: '«to»' },
  NO_REPORT_YEAR: {},
  STATED_AVERAGE_MISMATCH: { stated: '«stated»', computed: '«computed»' },
  STATED_LABEL_MISMATCH: { stated: '«stated»', computed: '«computed»' },
  REPEATED_ENTRY: { number: '«number»', firstSheet: '«firstSheet»', firstCell: '«firstCell»' },
  CONFLICTING_REPEAT: { number: '«number»', firstSheet: '«firstSheet»', firstCell: '«firstCell»' },
  EXTRA_VALUES: { years: 7304, values: 7305 },
  PLAN_TARGET_DIRECTION: { from: '«from»', to: '«to»', goal: '«goal»' },
  PLAN_FINAL_TARGET_MISMATCH: { last: '«last»', goal: '«goal»' },
  OVERLAPPING_MERGES: { range: '«range»', other: '«other»' },
  REVIEWER_JUDGEMENT: {
    list: '«list»',
    before: '«before»',
    after: '«after»',
    reported: '«reported»',
    then: '«then»',
  },
  REVIEWER_JUDGEMENT_REPORT_CHANGED: {
    list: '«list»',
    before: '«before»',
    after: '«after»',
    reported: '«reported»',
    then: '«then»',
  },
  REVIEWER_JUDGEMENT_UNKNOWN: {
    after: '«after»',
    scheme: '«scheme»',
    sheet: '«sheet»',
    cell: '«cell»',
    reported: '«reported»',
  },
  REVIEWER_ENTRY_GONE: { after: '«after»', sheet: '«sheet»', cell: '«cell»', number: '«number»' },
  TABLE_HEADER_NOT_FOUND: { name: '«name»', words: '«words»', setting: '«setting»' },
  PREVIOUS_AMBIGUOUS: { number: '«number»', candidates: '«candidates»' },
  PREVIOUS_MATCHED_NEAR: {
    number: '«number»',
    previousNumber: '«previousNumber»',
    previousTitle: '«previousTitle»',
    previous: '«previous»',
  },
  PREVIOUS_NOT_FOUND: { number: '«number»', file: '«file»' },
  PREVIOUS_DROPPED: { number: '«number»', file: '«file»' },
  FILE_UNREADABLE: { file: '«file»', reason: '«reason»' },
  FILE_NOT_WORKBOOK: { file: '«file»', reason: '«reason»' },
  FILE_YEAR_DIFFERS: { file: '«file»', year: 7311, runYear: 7312, runFile: '«runFile»' },
  DUPLICATE_ACROSS_FILES: {
    number: '«number»',
    title: '«title»',
    firstFile: '«firstFile»',
    firstSheet: '«firstSheet»',
    firstCell: '«firstCell»',
  },
};

/** The optional parameters: a message words them when given, and words its required ones without them. */
const OPTIONAL: { readonly [C in DiagnosticCode]?: readonly (keyof DiagnosticParamMap[C])[] } = {
  SHIFTED_ROW: ['expected'],
  MISSING_STATUS: ['number'],
  UNKNOWN_STATUS: ['suggestion'],
  MISSING_BASELINE: ['target'],
};

/**
 * Parameters kept for programs (the JSON's `params`), not worded: MISSING_STATUS's number (the
 * title names the item), the stated table's scheme id, the report's category when the list was
 * written (REVIEWER_JUDGEMENT words it only when it has changed since) and, once the report has
 * changed, the value the judgement replaced (the two reviewer codes share their parameters).
 */
const DATA_ONLY: { readonly [C in DiagnosticCode]?: readonly (keyof DiagnosticParamMap[C])[] } = {
  MISSING_STATUS: ['number'],
  STATED_SUMMARY_MISMATCH: ['scheme'],
  REVIEWER_JUDGEMENT: ['then'],
  REVIEWER_JUDGEMENT_REPORT_CHANGED: ['before'],
  // This year's number is the entry's own (its cell is the diagnostic's); kept for programs.
  PREVIOUS_MATCHED_NEAR: ['number'],
  // The extension alone says why; the reader's words are for programs.
  FILE_NOT_WORKBOOK: ['reason'],
};

const CODES = Object.keys(SAMPLES) as DiagnosticCode[];
const keysOf = (code: DiagnosticCode, table: typeof OPTIONAL): readonly string[] =>
  (table[code] as readonly string[] | undefined) ?? [];
/** The sample without its optional parameters. */
const required = (code: DiagnosticCode): Record<string, string | number> => {
  const optional = keysOf(code, OPTIONAL);
  return Object.fromEntries(Object.entries(SAMPLES[code]).filter(([k]) => !optional.includes(k)));
};
const text = (code: DiagnosticCode, params: object, locale: Locale): string =>
  diagnosticText(code, params as never, locale);

describe('diagnostic messages', () => {
  it('has a sample for every code the engine has (one severity or graded)', () => {
    const graded: readonly GradedCode[] = ['SHIFTED_ROW', 'MISSING_BASELINE'];
    expect(new Set(CODES)).toEqual(new Set([...Object.keys(SEVERITY), ...graded]));
  });

  it.each(LOCALES)('words every code in %s, each parameter it declares included', (locale) => {
    const missing: string[] = [];
    for (const code of CODES) {
      const full = text(code, SAMPLES[code], locale);
      const bare = text(code, required(code), locale);
      const dataOnly = keysOf(code, DATA_ONLY);
      for (const [key, value] of Object.entries(SAMPLES[code])) {
        if (dataOnly.includes(key)) continue;
        // Optional: worded when given; required: worded even when the optional ones are not given.
        const shown = keysOf(code, OPTIONAL).includes(key) ? full : bare;
        if (!shown.includes(String(value))) missing.push(`${code}.${key}`);
      }
      if (full.trim() === '' || /undefined|NaN|\[object/.test(full + bare)) missing.push(`${code}: ${full}`);
    }
    expect(missing).toEqual([]);
  });

  it('says each code differently in Japanese and English', () => {
    const same = CODES.filter((c) => text(c, SAMPLES[c], 'ja') === text(c, SAMPLES[c], 'en'));
    expect(same).toEqual([]);
  });

  it('words a parameter kept for programs nowhere, so that the list above stays true', () => {
    for (const code of CODES) {
      for (const key of keysOf(code, DATA_ONLY)) {
        const value = String((SAMPLES[code] as Record<string, string | number>)[key]);
        // A data-only parameter now worded should leave DATA_ONLY, to be checked like the others.
        for (const locale of LOCALES)
          expect([code, text(code, SAMPLES[code], locale).includes(value)]).toEqual([code, false]);
      }
    }
  });

  it('formats a diagnostic where it is shown from its code and parameters', () => {
    const bag = new DiagnosticBag();
    bag.report('OVERLAPPING_MERGES', addr('報告', 1, 1), '', { range: 'B2:C3', other: 'C3:D4' });
    const d: Diagnostic = bag.all[0]!;
    expect([d.code, d.severity, d.params]).toEqual([
      'OVERLAPPING_MERGES',
      'warning',
      { range: 'B2:C3', other: 'C3:D4' },
    ]);
    expect(formatMessage(d, 'en')).toBe(
      diagnosticText('OVERLAPPING_MERGES', { range: 'B2:C3', other: 'C3:D4' }, 'en'),
    );
    expect(hasCode(d, 'OVERLAPPING_MERGES') && d.params.other).toBe('C3:D4');
    expect(hasCode(d, 'CELL_ERROR')).toBe(false);
  });

  it('takes only the parameters of the code reported (checked by the compiler)', () => {
    const bag = new DiagnosticBag();
    const at = addr('報告', 0, 0);
    // @ts-expect-error -- OVERLAPPING_MERGES needs `other` too
    bag.report('OVERLAPPING_MERGES', at, '', { range: 'A1:B2' });
    // @ts-expect-error -- EXTRA_VALUES counts are numbers
    bag.report('EXTRA_VALUES', at, '', { years: '2', values: 3 });
    // @ts-expect-error -- NO_REPORT_YEAR has no parameters
    bag.report('NO_REPORT_YEAR', at, '', { year: 2021 });
    // @ts-expect-error -- CELL_ERROR has parameters, which cannot be left out
    bag.report('CELL_ERROR', at, '#REF!');
    // @ts-expect-error -- the judge's MISSING_BASELINE names its indicator
    bag.reportGraded('MISSING_BASELINE', 'info', at, '', { target: '増加' });
    // @ts-expect-error -- a message cannot be asked for a parameter its code does not have
    diagnosticText('CELL_ERROR', { field: '目標値' });
    // Bad calls still store what they were given: the compiler, not the bag, refuses them.
    expect(bag.all.map((d) => d.code)).toEqual([
      'OVERLAPPING_MERGES',
      'EXTRA_VALUES',
      'NO_REPORT_YEAR',
      'CELL_ERROR',
      'MISSING_BASELINE',
    ]);
  });
});
