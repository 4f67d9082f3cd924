/**
 * Whole runs through the .xlsx adapter on the seed reports as offices keep them: moved away from A1,
 * merged, with real numbers, split over sheets. Each must count exactly as the plain report does.
 */
import { analyze, planOutput } from '../../src/core/engine';
import type { Summary } from '../../src/core/model';
import { readWorkbook, workbookFromInput, workbookToBytes } from '../../src/xlsx';
import { evaluatePlan } from '../plan/evaluate';
import { SEED_IDS, SEED_VARIANTS as VARIANTS, seedWorkbook } from '../support/seeds';

const counts = (s: readonly Summary[]) =>
  s.map((x) => ({
    title: x.title,
    total: x.total,
    detail: x.detail,
    unclassified: x.unclassified,
    excluded: x.excluded,
    repeats: x.repeats,
  }));

describe.each(SEED_IDS)('seed %s through an .xlsx file', (id) => {
  const plain = analyze(seedWorkbook(id));

  it('has entries to count', () => {
    expect(plain.entries.length).toBeGreaterThan(0);
  });

  it.each(VARIANTS.map((v) => [JSON.stringify(v), v] as const))(
    'counts the same when %s',
    async (_, variant) => {
      const bytes = await workbookToBytes(workbookFromInput(seedWorkbook(id, variant)));
      const { input, existing } = await readWorkbook(bytes);
      const result = analyze(input);
      expect(counts(result.summaries)).toEqual(counts(plain.summaries));
      expect(result.entries.length).toBe(plain.entries.length);
      const plan = planOutput(result, existing, { generatedAt: new Date(0) });
      for (const [at, { value, cached }] of evaluatePlan(plan))
        expect({ at, value }).toEqual({ at, value: cached });
    },
  );
});

describe('関市 through an .xlsx file with merges and real numbers', () => {
  it('gives 順調 17 (うち達成 1), やや遅れている 12, 遅れている 2', async () => {
    const bytes = await workbookToBytes(
      workbookFromInput(seedWorkbook('001', { merge: true, realNumbers: true })),
    );
    const { input } = await readWorkbook(bytes);
    const [s] = analyze(input).summaries;
    expect(s!.total).toEqual({ 順調: 17, やや遅れている: 12, 遅れている: 2 });
    expect(s!.detail).toEqual({ 達成: 1 });
    expect(s!.counted).toBe(31);
  });
});
