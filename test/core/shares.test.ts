import fc from 'fast-check';
import { asPrintedTenths, largestRemainderTenths } from '../../src/core/shares';

describe('shares in tenths of a percent', () => {
  it('関市 as published: 17 / 12 / 2 of 31 print as 54.8 / 38.7 / 6.5, which already sum to 100.0', () => {
    expect(asPrintedTenths([17, 12, 2])).toEqual([548, 387, 65]);
    expect(largestRemainderTenths([17, 12, 2])).toEqual([548, 387, 65]);
  });

  it('three equal counts print as 33.3 ×3 = 99.9; the largest remainder gives the missing tenth to the first', () => {
    expect(asPrintedTenths([1, 1, 1])).toEqual([333, 333, 333]);
    expect(largestRemainderTenths([1, 1, 1])).toEqual([334, 333, 333]);
  });

  it('is all zero for a zero total', () => {
    expect(largestRemainderTenths([0, 0])).toEqual([0, 0]);
    expect(asPrintedTenths([0, 0])).toEqual([0, 0]);
  });

  it('largest remainder: always exactly 100.0 for a non-zero total, each share within 0.1 of the exact one', () => {
    fc.assert(
      fc.property(
        fc
          .array(fc.nat({ max: 100000 }), { minLength: 1, maxLength: 12 })
          .filter((xs) => xs.some((x) => x > 0)),
        (counts) => {
          const total = counts.reduce((a, b) => a + b, 0);
          const tenths = largestRemainderTenths(counts);
          expect(tenths.reduce((a, b) => a + b, 0)).toBe(1000);
          counts.forEach((c, i) => {
            // |tenths/10 − 100c/total| < 0.1 ⇔ |tenths·total − 1000c| < total
            expect(Math.abs(tenths[i]! * total - 1000 * c)).toBeLessThan(total);
          });
        },
      ),
    );
  });
});
