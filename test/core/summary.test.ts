import { addr } from '../../src/core/address';
import { DiagnosticBag } from '../../src/core/diagnostics';
import type { Entry } from '../../src/core/model';
import { DEFAULT_SETTINGS, findScheme } from '../../src/core/settings';
import { checkStatedSummary, summarize, summarizeEntries } from '../../src/core/summary';

let row = 0;
function entry(group: string[], status: string | null, extra: Partial<Entry> = {}): Entry {
  const category = status === '達成' ? '順調' : status;
  return {
    at: addr('表', row++, 2),
    layout: 'cards',
    group,
    number: String(row),
    title: `項目${row}`,
    department: '秘書課',
    rawStatus: status ?? '',
    status,
    category,
    excluded: false,
    scheme: 'progress3',
    source: 'reported',
    ...extra,
  };
}

const progress3 = findScheme(DEFAULT_SETTINGS, 'progress3')!;

describe('summarizeEntries', () => {
  const entries = [
    entry(['重点項目1', '(1) 組織'], '順調'),
    entry(['重点項目1', '(1) 組織'], '達成'),
    entry(['重点項目1', '(2) 事務'], 'やや遅れている'),
    entry(['重点項目 2'], '遅れている'),
    entry(['重点項目2'], null),
    entry(['重点項目2'], '対象外', { category: '対象外', excluded: true }),
    entry(['重点項目1', '(1) 組織'], '順調', { repeatOf: addr('表', 0, 2) }),
  ];
  const s = summarizeEntries(entries, progress3, '達成状況');

  it('counts per top-level category with roll-ups in the detail', () => {
    expect(s.categories).toEqual(['順調', 'やや遅れている', '遅れている']);
    expect(s.total).toEqual({ 順調: 2, やや遅れている: 1, 遅れている: 1 });
    expect(s.detail).toEqual({ 達成: 1 });
    expect(s.counted).toBe(4);
  });

  it('keeps unclassified, excluded and repeated entries apart', () => {
    expect([s.unclassified, s.excluded, s.repeats]).toEqual([1, 1, 1]);
  });

  it('counts every prefix of every group path, in order of appearance, joining spellings', () => {
    expect(s.groups.map((g) => [g.path.join(' / '), g.counts, g.total])).toEqual([
      ['重点項目1', { 順調: 2, やや遅れている: 1, 遅れている: 0 }, 3],
      ['重点項目1 / (1) 組織', { 順調: 2, やや遅れている: 0, 遅れている: 0 }, 2],
      ['重点項目1 / (2) 事務', { 順調: 0, やや遅れている: 1, 遅れている: 0 }, 1],
      ['重点項目 2', { 順調: 0, やや遅れている: 0, 遅れている: 1 }, 1],
    ]);
  });

  it('gives zero counts for a scheme without entries', () => {
    const empty = summarizeEntries([], progress3, '達成状況');
    expect([empty.counted, empty.total['順調'], empty.groups]).toEqual([0, 0, []]);
  });
});

describe('summarize', () => {
  it('makes one summary per scheme, and one per scheme and year for planned entries', () => {
    const planned = (year: number, stage: string): Entry =>
      entry(['1 市民'], stage, { scheme: 'stage', source: 'planned', year, category: stage });
    const list = summarize(
      [entry(['g'], '順調'), planned(2021, '検討'), planned(2022, '実施'), planned(2021, '実施')],
      DEFAULT_SETTINGS,
    );
    expect(list.map((s) => [s.scheme, s.year, s.title, s.counted])).toEqual([
      ['progress3', undefined, '達成状況', 1],
      ['stage', 2021, '令和3年度の計画段階', 2],
      ['stage', 2022, '令和4年度の計画段階', 1],
    ]);
  });

  it('names the scheme in the title when several schemes are summarised', () => {
    const list = summarize(
      [entry([], '順調'), entry([], 'A', { scheme: 'abcd', category: 'A' })],
      DEFAULT_SETTINGS,
    );
    expect(list.map((s) => [s.title, s.total])).toEqual([
      ['達成状況（順調 / やや遅れている / 遅れている）', { 順調: 1, やや遅れている: 0, 遅れている: 0 }],
      ['達成状況（A / B / C / D / 完了）', { A: 1, B: 0, C: 0, D: 0, 完了: 0 }],
    ]);
  });
});

describe('checkStatedSummary', () => {
  const s = summarizeEntries(
    [entry([], '順調'), entry([], '達成'), entry([], '遅れている')],
    progress3,
    '達成状況',
  );
  const at = (r: number) => addr('表', r, 1);

  it('maps stated rows through the scheme: aliases, うち達成 and the total', () => {
    const bag = new DiagnosticBag();
    checkStatedSummary(
      {
        at: addr('表', 0, 0),
        rows: [
          { label: '順 調', count: 2, at: at(1) },
          { label: 'うち達成', count: 1, at: at(2) },
          { label: 'やや遅れ', count: 0, at: at(3) },
          { label: '遅延', count: 1, at: at(4) },
          { label: '合計', count: 3, at: at(5) },
          { label: '備考', count: 9, at: at(6) },
        ],
      },
      s,
      progress3,
      bag,
    );
    // 備考 is not a label of the scheme: left alone.
    expect(bag.all).toEqual([]);
  });

  it('compares a 達成 or うち達成 row with the detail count', () => {
    const bag = new DiagnosticBag();
    checkStatedSummary(
      {
        at: addr('表', 0, 0),
        rows: [
          { label: '達成', count: 2, at: at(1) },
          { label: 'うち達成', count: 3, at: at(2) },
        ],
      },
      s,
      progress3,
      bag,
    );
    expect(bag.all.map((d) => [d.at.row, d.params])).toEqual([
      [1, { label: '達成', stated: 2, counted: 1, scheme: 'progress3' }],
      [2, { label: 'うち達成', stated: 3, counted: 1, scheme: 'progress3' }],
    ]);
  });
});
