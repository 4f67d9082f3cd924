/**
 * One rule for the text entries show, whatever the layout: titles, departments, group labels,
 * indicator names and raw statuses as written (full-width letters and digits, ①, Ⅲ, （）), only line
 * breaks and runs of spaces folded. NFKC is for matching, never for display.
 */
import { displayText, writtenSpan } from '../../src/core/layouts/common';
import { cardsLayout } from '../../src/core/layouts/cards';
import { flatTableLayout } from '../../src/core/layouts/flatTable';
import { indicatorBlocksLayout } from '../../src/core/layouts/indicatorBlocks';
import { planCardsLayout } from '../../src/core/layouts/planCards';
import { scoredSheetsLayout } from '../../src/core/layouts/scoredSheets';
import type { Entry } from '../../src/core/model';
import { card, FLAT_HEADER, flatRow } from './grids';
import { a1, indicator, item, runLayout, type Grid } from './judgeGrids';

/** The fields an entry shows in 「取組一覧」 and the JSON. */
const shown = (e: Entry) => ({
  group: e.group,
  title: e.title,
  department: e.department,
  rawStatus: e.rawStatus,
  indicator: e.indicator?.name ?? null,
});

describe('writtenSpan', () => {
  it('finds the words a folded label came from, as written', () => {
    expect(writtenSpan('ＨＰアクセス数 470,000件', 'HPアクセス数')).toBe('ＨＰアクセス数');
    expect(writtenSpan('時間外２０人　年休取得１３日', '年休取得')).toBe('年休取得');
    expect(writtenSpan('（Ａ地区） ６.９％', 'A地区')).toBe('Ａ地区');
    expect(writtenSpan('㍻の件数 3件', '平成の件数')).toBe('㍻の件数');
  });

  it('keeps the folded words when the cell does not hold them', () => {
    expect(writtenSpan('実施', 'HPアクセス数')).toBe('HPアクセス数');
    expect(writtenSpan('ＨＰアクセス数', '')).toBe('');
  });
});

describe('displayText', () => {
  it('folds line breaks and runs of spaces, nothing else', () => {
    expect(displayText(' やや\n遅れている　（Ⅲ期）  ①１ ')).toBe('やや 遅れている （Ⅲ期） ①１');
  });
});

describe('display text as written, in every layout', () => {
  it('cards (関市): title, department, group, indicator and a status written over two lines', () => {
    const run = runLayout(
      cardsLayout,
      [
        ['●重点項目１　ＩＣＴの高度利用（Ⅲ期）'],
        ...card({
          number: '２６',
          title: 'ＡＩ（ＲＰＡ）を活用した業務効率化',
          department: '行政情報課（ＤＸ推進室）',
          status: 'やや\n遅れている',
          indicator: ['ＲＰＡ導入業務数', '件', '１', '１０'],
        }),
      ],
      { reportYear: 2021 },
    );
    expect(run.entries.map(shown)).toEqual([
      {
        group: ['重点項目１ ＩＣＴの高度利用（Ⅲ期）'],
        title: 'ＡＩ（ＲＰＡ）を活用した業務効率化',
        department: '行政情報課（ＤＸ推進室）',
        rawStatus: 'やや 遅れている',
        indicator: 'ＲＰＡ導入業務数',
      },
    ]);
    // The number is a key: folded, as in every layout.
    expect(run.entries.map((e) => [e.number, e.category])).toEqual([['26', 'やや遅れている']]);
  });

  it('flat table (会津若松市): section, 改革項目, title, department and a full-width rating', () => {
    const run = runLayout(flatTableLayout, [
      ['（１）　財政マネジメントの強化（Ⅱ期）'],
      FLAT_HEADER,
      flatRow('①安定的・効率的な財政運営（ＰＤＣＡ）', 'ＩＣＴ　の活用', '財政課（ＤＸ推進室）', 'Ａ'),
      flatRow(null, '公債費負担の適正化', '財政課', '完\n了'),
    ]);
    expect(run.entries.map(shown)).toEqual([
      {
        group: ['（１） 財政マネジメントの強化（Ⅱ期）', '①安定的・効率的な財政運営（ＰＤＣＡ）'],
        title: 'ＩＣＴ の活用',
        department: '財政課（ＤＸ推進室）',
        rawStatus: 'Ａ',
        indicator: null,
      },
      {
        group: ['（１） 財政マネジメントの強化（Ⅱ期）', '①安定的・効率的な財政運営（ＰＤＣＡ）'],
        title: '公債費負担の適正化',
        department: '財政課',
        rawStatus: '完 了',
        indicator: null,
      },
    ]);
    expect(run.entries.map((e) => e.category)).toEqual(['A', '完了']);
  });

  it('indicator blocks (江別市): headings, item, indicator and a sub-label written full-width', () => {
    const run = runLayout(
      indicatorBlocksLayout,
      [
        ['基本目標１　市民参加と協働（ＩＣＴ）'],
        ['（１）　情報共有の推進'],
        ...item(
          '①ＳＮＳによる情報共有',
          indicator({
            name: 'ＳＮＳのフォロワー数',
            department: '広報広聴課（ＩＣＴ）',
            baseline: '100件',
            target: [null, null, null, null, '200件'],
            actualLead: '（Ａ地区）',
            actual: [null, null, '162件'],
            moreActuals: [['（Ｂ地区）', null, null, '150件']],
          }),
        ),
      ],
      { reportYear: 2021 },
    );
    const group = ['基本目標１ 市民参加と協働（ＩＣＴ）', '（１） 情報共有の推進', '①ＳＮＳによる情報共有'];
    expect(run.entries.map(shown)).toEqual([
      {
        group,
        title: 'ＳＮＳのフォロワー数（Ａ地区）',
        department: '広報広聴課（ＩＣＴ）',
        rawStatus: '',
        indicator: 'ＳＮＳのフォロワー数（Ａ地区）',
      },
      {
        group,
        title: 'ＳＮＳのフォロワー数（Ｂ地区）',
        department: '広報広聴課（ＩＣＴ）',
        rawStatus: '',
        indicator: 'ＳＮＳのフォロワー数（Ｂ地区）',
      },
    ]);
    // The number is a key: folded.
    expect(run.entries.map((e) => [e.number, e.category])).toEqual([
      ['1-1-1-1(A地区)', 'やや遅れている'],
      ['1-1-1-1(B地区)', 'やや遅れている'],
    ]);
  });

  it('scored sheets (府中市): 基本施策, 施策 and the status as written, the number folded', () => {
    const run = runLayout(scoredSheetsLayout, [
      ['番号', '基本施策名', '主担当部', '主担当課'],
      ['５－２', '経営的な視点（ＰＤＣＡ）に立った市政運営', '政策総務部', '政策課（ＩＣＴ）'],
      [],
      ['基本施策全体の進捗状況', '平均値', '施策名', '進捗状況'],
      ['目標達成に向けて順調', '3.0', '①ＰＤＣＡサイクルの充実', '３：目標達成に向けて順調'],
    ]);
    expect(run.entries.map(shown)).toEqual([
      {
        group: ['５－２ 経営的な視点（ＰＤＣＡ）に立った市政運営'],
        title: '①ＰＤＣＡサイクルの充実',
        department: '政策課（ＩＣＴ）',
        rawStatus: '３：目標達成に向けて順調',
        indicator: null,
      },
    ]);
    expect(run.entries.map((e) => [e.number, e.category, e.reason?.code])).toEqual([
      ['5-2-1', '目標達成に向けて順調', 'SCORE'],
    ]);
    expect(run.codes).toEqual([]);
  });

  it('plan cards (安中市): headings, title, department and the indicator named in the figures', () => {
    const years = ['令和2年度', '令和3年度', '令和4年度', '令和5年度', '令和6年度'];
    const grid: Grid = [
      ['１ 市民ニーズの把握（ＩＣＴ）'],
      ['（１） 情報の提供'],
      ['① ＨＰの充実（Ⅱ期）'],
      ['担当課', '情報戦略課（ＩＣＴ）', '関係課'],
      ['目標の状態', '行政情報を適切に提供する。', '現状の数値'],
      [null, null, 'ＨＰアクセス数 456,000件'],
      [null, null, '目標の数値'],
      [null, null, 'ＨＰアクセス数 510,000件'],
      ['年次計画', '年度', ...years],
      ['進捗状況', '実施', '実施', '実施', '実施', '実施'],
      ['数値', ...[470, 480, 490, 500, 510].map((n) => `ＨＰアクセス数 ${n},000件`)],
      ['実績', 'ＨＰアクセス数 471,000件', 'ＨＰアクセス数 485,000件'],
    ];
    const run = runLayout(planCardsLayout, grid, { reportYear: 2021 });
    const group = ['１ 市民ニーズの把握（ＩＣＴ）', '（１） 情報の提供', '① ＨＰの充実（Ⅱ期）'];
    const planned = run.entries.filter((e) => e.source === 'planned');
    expect(planned).toHaveLength(5);
    expect(shown(planned[0]!)).toEqual({
      group,
      // The ① heading number is the entry's number; the rest of the heading is its title.
      title: 'ＨＰの充実（Ⅱ期）',
      department: '情報戦略課（ＩＣＴ）',
      rawStatus: '実施',
      indicator: 'ＨＰアクセス数',
    });
    const judged = run.entries.filter((e) => e.source === 'computed');
    expect(judged.map((e) => [e.title, e.indicator?.name, e.category, e.reason?.code, a1(e.at)])).toEqual([
      ['ＨＰの充実（Ⅱ期）', 'ＨＰアクセス数', '順調', 'TARGET_MET', 'C12'],
    ]);
  });
});
