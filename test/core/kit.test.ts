/**
 * The layout kit: one label matcher and one synonym merge for every layout, and the registry that
 * names the layouts.
 */
import * as common from '../../src/core/layouts/common';
import * as judged from '../../src/core/layouts/judgedLayouts';
import { LAYOUTS, LAYOUT_LABELS } from '../../src/core/layouts/index';
import { LAYOUT_IDS, LAYOUT_REGISTRY, layoutNames } from '../../src/core/layouts/registry';
import { SHEET_LABELS } from '../../src/core/plan/labels';
import { CLI_TEXT } from '../../src/cli/text';
import { DEFAULT_SETTINGS, type Settings } from '../../src/core/settings';

describe('one label matcher', () => {
  // Each of these was a label in one dialect and not in the other.
  const cases: [string, string][] = [
    ['R3進捗状況', '進捗状況'],
    ['所管課：', '所管課'],
    ['実績値①', '実績値'],
    ['取組項目②', '取組項目'],
    ['初期値（2017年度）', '初期値'],
    ['令和 3 年度 達成状況', '達成状況'],
  ];
  it.each(cases)('%s is the label %s for every layout', (cell, word) => {
    expect(common.isLabel(cell, [word])).toBe(true);
    expect(judged.isLabel(cell, [word])).toBe(true);
  });
  it('still tells other words apart', () => {
    expect(common.isLabel('未進捗状況', ['進捗状況'])).toBe(false);
    expect(common.isLabel('所管課長', ['所管課'])).toBe(false);
  });
});

describe('one synonym merge', () => {
  const settings: Settings = {
    ...DEFAULT_SETTINGS,
    labels: { cards: { status: ['取組の評価'] }, indicatorBlocks: { actual: ['実績の値'] } },
  };
  it('adds the user words in front of the built-in ones, in every layout', () => {
    const cards = common.mergeSynonyms({ status: ['進捗状況'] }, settings, 'cards');
    const blocks = judged.mergedLabels(settings, 'indicatorBlocks', { actual: ['実績値'] });
    expect(cards.status).toEqual(['取組の評価', '進捗状況']);
    expect(blocks.actual).toEqual(['実績の値', '実績値']);
  });
  it('drops words that are the same label', () => {
    const s: Settings = { ...DEFAULT_SETTINGS, labels: { planCards: { actual: ['実績値①', '実 績'] } } };
    expect(judged.mergedLabels(s, 'planCards', { actual: ['実績値', '実績'] }).actual).toEqual([
      '実績値①',
      '実 績',
    ]);
  });
});

describe('the layout registry', () => {
  it('lists the layouts the engine tries, in its order, each with its concepts described', () => {
    expect(LAYOUTS.map((l) => l.id)).toEqual(LAYOUT_IDS);
    for (const l of LAYOUTS) {
      const r = LAYOUT_REGISTRY.find((x) => x.id === l.id)!;
      expect(l.name).toBe(r.title);
      expect(r.title.startsWith(r.ja)).toBe(true);
      expect(DEFAULT_SETTINGS.layoutSchemes[l.id]).toBe(r.scheme);
      expect(Object.keys(l.concepts).length).toBeGreaterThan(0);
      for (const c of Object.values(l.concepts)) {
        expect(c.about).not.toBe('');
        expect(c.words.length).toBeGreaterThan(0);
      }
      expect(Object.keys(LAYOUT_LABELS[l.id])).toEqual(Object.keys(l.concepts));
    }
  });
  it('names the layouts the same in the 集計 sheet and on the command line', () => {
    for (const locale of ['ja', 'en'] as const) {
      expect(SHEET_LABELS[locale].layouts).toEqual(layoutNames(locale));
      expect(CLI_TEXT[locale].layouts).toEqual(layoutNames(locale));
    }
  });
});
