/**
 * Why an entry got its category, as a code with params, the way a Diagnostic says what is wrong.
 * The judge and the layouts build these; the words live in messages.ts (formatReason), one
 * catalogue per locale, so no sentence is put together where the figures are worked out.
 */

/** The params each reason takes. Years are fiscal years (2021); percentages are whole numbers. */
export interface ReasonParamMap {
  /** The final target is reached: 達成. `label` is the judge's word for it. */
  readonly ACHIEVED: { readonly target: string; readonly actual: string; readonly label: string };
  /** The target due by the report year is reached. */
  readonly TARGET_MET: { readonly target: string; readonly actual: string; readonly targetYear: number };
  /** Share of the way from baseline to a target whose year has come. */
  readonly PROGRESS: { readonly percent: number; readonly target: string; readonly targetYear: number };
  /** Share of the way, against the share of the plan period passed by the report year. */
  readonly PACE: {
    readonly percent: number;
    readonly expected: number;
    readonly year: number;
    readonly targetYear: number;
  };
  /** The actual moved away from the target. */
  readonly WENT_BACK: { readonly baseline: string; readonly actual: string; readonly target: string };
  /** A direction target (増加, 縮減 …) compared with the baseline. */
  readonly DIRECTION: { readonly word: string; readonly baseline: string; readonly actual: string };
  /** The stage reached against the stage planned for a year that has come. */
  readonly STAGE: { readonly target: string; readonly actual: string; readonly targetYear: number };
  /** The stage reached against the stage expected by now on the way to a later one. */
  readonly STAGE_PACE: {
    readonly target: string;
    readonly actual: string;
    readonly targetYear: number;
    readonly expected: string;
  };
  readonly MISSING_ACTUAL: { readonly year: number };
  readonly MISSING_TARGET: Record<string, never>;
  readonly MISSING_TARGET_AND_ACTUAL: { readonly year: number };
  /** Judged without a baseline (actual / target): the cause says how it came out. */
  readonly NO_BASELINE: Record<string, never>;
  /** A direction target with no baseline to compare with: not judged. */
  readonly NO_BASELINE_FOR_DIRECTION: { readonly target: string };
  readonly UNIT_MISMATCH: { readonly targetUnit: string; readonly actualUnit: string };
  readonly NO_REPORT_YEAR: Record<string, never>;
  /** A plan's stage for a year (安中市 進捗状況 row). */
  readonly PLANNED: { readonly year: number; readonly stage: string };
  /** A 施策's score (府中市). */
  readonly SCORE: { readonly score: number };
  /** An item counted by its worst indicator: the cause is that indicator's reason. */
  readonly WORST_INDICATOR: { readonly name: string };
}

export type ReasonCode = keyof ReasonParamMap;

/** Every reason code, in the catalogue's order (for tests and documentation). */
export const REASON_CODES: readonly ReasonCode[] = [
  'ACHIEVED',
  'TARGET_MET',
  'PROGRESS',
  'PACE',
  'WENT_BACK',
  'DIRECTION',
  'STAGE',
  'STAGE_PACE',
  'MISSING_ACTUAL',
  'MISSING_TARGET',
  'MISSING_TARGET_AND_ACTUAL',
  'NO_BASELINE',
  'NO_BASELINE_FOR_DIRECTION',
  'UNIT_MISMATCH',
  'NO_REPORT_YEAR',
  'PLANNED',
  'SCORE',
  'WORST_INDICATOR',
];

/** One reason: its code, its params, and for reasons that qualify another (NO_BASELINE, WORST_INDICATOR) that one. */
export type Reason = {
  readonly [C in ReasonCode]: {
    readonly code: C;
    readonly params: ReasonParamMap[C];
    readonly cause?: Reason;
  };
}[ReasonCode];

/** Builds a reason, its params checked against its code. */
export function reason<C extends ReasonCode>(code: C, params: ReasonParamMap[C], cause?: Reason): Reason {
  return { code, params, ...(cause ? { cause } : {}) } as Reason;
}
