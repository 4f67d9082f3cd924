/**
 * Column widths of the 「集計」 sheet: each category column of the breakdown as wide as its header
 * (East Asian wide characters count two) and the numbers below it, so that 「遅れている」 does not
 * wrap, short headers stay narrow, and a long one stops at a bound and wraps.
 */
import { planOutput } from '../../src/core/engine';
import type { SheetPlan } from '../../src/core/outputPlan';
import { ColumnWidths, DEFAULT_COLUMN_WIDTH, displayWidth } from '../../src/core/plan/cells';
import { entry, result, sekiLike } from './fixtures';

const AT = { generatedAt: new Date(Date.UTC(2022, 4, 10, 5, 3)) };

function summarySheet(entries: Parameters<typeof result>[0]): SheetPlan {
  return planOutput(result(entries), [], AT).sheets.find((s) => s.role === 'summary')!;
}

/** The breakdown's header row: 区分 | categories… | 合計, as [column, header] pairs after 区分. */
function breakdownHeaders(s: SheetPlan): [number, string][] {
  const title = s.rows.findIndex((r) => r[0]?.kind === 'text' && r[0].text.endsWith('（区分別）'));
  const row = s.rows[title + 1]!;
  return row.flatMap((c, col) => (col > 0 && c?.kind === 'text' ? [[col, c.text] as [number, string]] : []));
}

describe('summarySheet column widths', () => {
  it('sizes each category column of the breakdown to keep its header on one line', () => {
    const s = summarySheet(sekiLike());
    const headers = breakdownHeaders(s);
    expect(headers.map(([, h]) => h)).toEqual(['順調', 'やや遅れている', '遅れている', '合計']);
    for (const [col, header] of headers) {
      // Wide characters count two; a bold header needs a little more than its characters.
      expect([header, s.columnWidths[col]! > displayWidth(header)]).toEqual([header, true]);
    }
  });

  it('sizes the columns one by one, so a short header keeps a narrow column', () => {
    const s = summarySheet(sekiLike());
    const width = new Map(breakdownHeaders(s).map(([col, h]) => [h, s.columnWidths[col]!]));
    expect(width.get('順調')!).toBeLessThan(width.get('遅れている')!);
    expect(width.get('遅れている')!).toBeLessThan(width.get('やや遅れている')!);
    expect(width.get('順調')!).toBeGreaterThanOrEqual(DEFAULT_COLUMN_WIDTH);
  });

  it('gives the long score labels of 府中市 room, within a bound past which a header wraps', () => {
    const statuses = ['目標達成に向けて順調', 'やや遅れているが、概ね順調', '遅れが生じている'];
    const entries = statuses.map((status, i) =>
      entry({ group: ['5-2 経営的な視点に立った市政運営'], raw: status, status, scheme: 'score3' }, i),
    );
    const s = summarySheet(entries);
    const headers = breakdownHeaders(s);
    expect(headers.map(([, h]) => h)).toEqual([...statuses, '合計']);
    for (const [col, header] of headers) {
      expect([header, s.columnWidths[col]! > displayWidth(header)]).toEqual([header, true]);
      expect(s.columnWidths[col]!).toBeLessThanOrEqual(32);
    }
  });

  it('keeps the 件数 and 割合 columns wide enough for their headers and 100.0%', () => {
    const s = summarySheet(sekiLike());
    expect(s.columnWidths[1]!).toBeGreaterThan(displayWidth('件数'));
    expect(s.columnWidths[2]!).toBeGreaterThan('100.0%'.length);
  });
});

describe('ColumnWidths', () => {
  it('takes the widest of a column’s header and numbers as their formats write them', () => {
    const w = new ColumnWidths();
    w.header(1, 'A');
    w.count(1, 1234567);
    w.header(2, 'やや遅れている');
    w.count(2, 3);
    w.share(3, 1);
    expect(w.of(1, 32)).toBeGreaterThan('1,234,567'.length);
    expect(w.of(1, 32)).toBeLessThan(w.of(2, 32));
    expect(w.of(2, 32)).toBeGreaterThan(displayWidth('やや遅れている'));
    expect(w.of(3, 32)).toBeGreaterThanOrEqual('100.0%'.length);
  });

  it('keeps Excel’s default width as the least and the bound as the most', () => {
    const w = new ColumnWidths();
    w.header(1, '計');
    w.header(2, 'あ'.repeat(40));
    expect(w.of(1, 32)).toBe(DEFAULT_COLUMN_WIDTH);
    expect(w.of(2, 32)).toBe(32);
    expect(w.of(5, 32)).toBe(DEFAULT_COLUMN_WIDTH);
  });
});
