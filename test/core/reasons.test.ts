/**
 * The judge's reasons are codes with params; their words live in messages.ts, one catalogue per
 * locale, like the diagnostics'.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';
import { buildJsonResult } from '../../src/core/jsonResult';
import { indicatorBlocksLayout } from '../../src/core/layouts/indicatorBlocks';
import { planCardsLayout } from '../../src/core/layouts/planCards';
import { formatReason, summaryTitle } from '../../src/core/messages';
import { reason, REASON_CODES, type ReasonCode, type ReasonParamMap } from '../../src/core/reasons';
import { DEFAULT_SETTINGS, type Settings } from '../../src/core/settings';
import { analyze } from '../../src/core/run';
import { summarize } from '../../src/core/summary';
import { workbookFromArrays } from '../../src/core/workbook';
import { indicator, item, runLayout, twoIndicatorItem, withJudge } from './judgeGrids';

const SAMPLE: { readonly [C in ReasonCode]: ReasonParamMap[C] } = {
  ACHIEVED: { target: '71.0%', actual: '81.9%', label: '達成' },
  TARGET_MET: { target: '15件', actual: '18件', targetYear: 2020 },
  PROGRESS: { percent: 33, target: '100%', targetYear: 2019 },
  PACE: { percent: 62, expected: 67, year: 2021, targetYear: 2023 },
  WENT_BACK: { baseline: '70.2%', actual: '69.4%', target: '77.0%' },
  DIRECTION: { word: '増加', baseline: '3件', actual: '10件' },
  STAGE: { target: '検討・実施', actual: '検討', targetYear: 2019 },
  STAGE_PACE: { target: '完了', actual: '検討', targetYear: 2023, expected: '実施' },
  MISSING_ACTUAL: { year: 2021 },
  MISSING_TARGET: {},
  MISSING_TARGET_AND_ACTUAL: { year: 2021 },
  NO_BASELINE: {},
  NO_BASELINE_FOR_DIRECTION: { target: '増加' },
  UNIT_MISMATCH: { targetUnit: '検討', actualUnit: '人' },
  NO_REPORT_YEAR: {},
  PLANNED: { year: 2021, stage: '実施' },
  SCORE: { score: 2 },
  WORST_INDICATOR: { name: '時間外' },
};

/** A 安中市 plan card: stages planned for R2 and R3. */
const PLAN_GRID = [
  ['① 情報提供'],
  ['担当課', '情報戦略課'],
  ['年次計画', '年度', '令和2年度', '令和3年度'],
  ['進捗状況', '検討', '実施'],
];

const en: Settings = { ...DEFAULT_SETTINGS, output: { ...DEFAULT_SETTINGS.output, locale: 'en' } };

/** One 江別市 indicator judged for R3: 100 → 162 of 200 by R5. */
const paceGrid = item(
  '①テスト項目',
  indicator({
    name: '件数',
    baseline: '100件',
    target: [null, null, null, null, '200件'],
    actual: [null, null, '162件'],
  }),
);

describe('formatReason', () => {
  it('has words for every reason code in both locales', () => {
    for (const code of REASON_CODES) {
      const r = reason(code, SAMPLE[code] as never, reason('SCORE', { score: 2 }));
      const ja = formatReason(r, 'ja');
      const english = formatReason(r, 'en');
      expect([code, ja.length > 0, english.length > 0, ja === english]).toEqual([code, true, true, false]);
      expect([code, `${ja} ${english}`]).not.toEqual([code, expect.stringMatching(/undefined|NaN|\[object/)]);
    }
  });

  it.each(['ja', 'en'] as const)(
    'words every parameter of every reason in %s (changing one changes the text)',
    (locale) => {
      const unchanged: string[] = [];
      for (const code of REASON_CODES) {
        const params: Record<string, string | number> = SAMPLE[code];
        const before = formatReason(reason(code, params as never), locale);
        for (const [key, value] of Object.entries(params)) {
          // Years are shown as the reports write them (R3, 令和3年度), so a changed value, not the raw one, is looked for.
          const changed = { ...params, [key]: typeof value === 'number' ? value + 1 : `${value}x` };
          if (formatReason(reason(code, changed as never), locale) === before)
            unchanged.push(`${code}.${key}`);
        }
      }
      expect(unchanged).toEqual([]);
    },
  );

  it('puts the reason a code qualifies inside it', () => {
    const inner = reason('PACE', SAMPLE.PACE);
    expect(formatReason(reason('NO_BASELINE', {}, inner))).toContain(formatReason(inner));
    expect(formatReason(reason('WORST_INDICATOR', { name: '時間外' }, inner), 'en')).toContain(
      formatReason(inner, 'en'),
    );
  });

  it('shows years the way the reports write them', () => {
    expect(formatReason(reason('PACE', SAMPLE.PACE))).toContain('R3/R5');
    expect(formatReason(reason('PLANNED', SAMPLE.PLANNED))).toContain('令和3年度');
    expect(formatReason(reason('PLANNED', SAMPLE.PLANNED), 'en')).toContain('FY2021');
  });
});

const PACE_62 = reason('PACE', { percent: 62, expected: 67, year: 2021, targetYear: 2023 });

describe('reasons of judged entries', () => {
  it('gives a judged entry its reason as a code with parameters, not as words', () => {
    const run = runLayout(indicatorBlocksLayout, paceGrid, { reportYear: 2021 });
    expect(run.entries[0]!.reason).toEqual(PACE_62);
  });

  it('keeps the same reason whatever the output locale (it is worded where shown)', () => {
    const run = runLayout(indicatorBlocksLayout, paceGrid, { reportYear: 2021, settings: en });
    expect(run.entries[0]!.reason).toEqual(PACE_62);
  });

  it('says why an item counts by its worst indicator around that indicator’s own reason', () => {
    const grid = twoIndicatorItem();
    const settings = withJudge({ countBy: 'worstIndicator' });
    const run = runLayout(indicatorBlocksLayout, grid, { reportYear: 2021, settings });
    const inner = reason('WENT_BACK', { baseline: '70.2%', actual: '69.4%', target: '77.0%' });
    expect(run.entries[0]!.reason).toEqual(reason('WORST_INDICATOR', { name: '時間外' }, inner));
  });

  it('says which year’s plan a planned stage is, and leaves an unknown year as NO_REPORT_YEAR', () => {
    const plan = runLayout(planCardsLayout, PLAN_GRID);
    expect(plan.entries.map((e) => [e.year, e.reason])).toEqual([
      [2020, reason('PLANNED', { year: 2020, stage: '検討' })],
      [2021, reason('PLANNED', { year: 2021, stage: '実施' })],
    ]);
    const yearless = paceGrid.filter((r) => !String(r[0] ?? '').includes('取組状況'));
    const unknown = runLayout(indicatorBlocksLayout, yearless, { reportYear: null });
    expect(unknown.entries.map((e) => [e.category, e.reason])).toEqual([
      [null, reason('NO_REPORT_YEAR', {})],
    ]);
  });
});

describe('the JSON result', () => {
  const wb = workbookFromArrays({ 計画: PLAN_GRID });

  it('keeps the reason text and adds its code and parameters', () => {
    const json = buildJsonResult(analyze(wb));
    expect(json.entries.map((e) => [e.year, e.reasonCode, e.reasonParams, e.reason])).toEqual([
      [
        2020,
        'PLANNED',
        { year: 2020, stage: '検討' },
        formatReason(reason('PLANNED', { year: 2020, stage: '検討' })),
      ],
      [
        2021,
        'PLANNED',
        { year: 2021, stage: '実施' },
        formatReason(reason('PLANNED', { year: 2021, stage: '実施' })),
      ],
    ]);
  });

  it('words the reason in the output locale, the code and parameters being the same', () => {
    const ja = buildJsonResult(analyze(wb)).entries[1]!;
    const english = buildJsonResult(analyze(wb, en)).entries[1]!;
    expect(english.reason).toBe(formatReason(reason('PLANNED', { year: 2021, stage: '実施' }), 'en'));
    expect(english.reason).not.toBe(ja.reason);
    expect([english.reasonCode, english.reasonParams]).toEqual([ja.reasonCode, ja.reasonParams]);
  });

  it('gives the reason a qualifying reason wraps as reasonCause', () => {
    const settings = withJudge({ countBy: 'worstIndicator' });
    const reportYear = 2021;
    const json = buildJsonResult(
      analyze(workbookFromArrays({ 指標: twoIndicatorItem() }), { ...settings, reportYear }),
    );
    expect(json.entries.map((e) => [e.reasonCode, e.reasonParams, e.reasonCause])).toEqual([
      [
        'WORST_INDICATOR',
        { name: '時間外' },
        { code: 'WENT_BACK', params: { baseline: '70.2%', actual: '69.4%', target: '77.0%' } },
      ],
    ]);
  });
});

describe('summary titles', () => {
  it('come from the catalogue in the output locale', () => {
    const entries = runLayout(planCardsLayout, [
      ['① 情報提供'],
      ['担当課', '情報戦略課'],
      ['年次計画', '年度', '令和3年度', '令和4年度'],
      ['進捗状況', '実施', '達成'],
    ]).entries;
    expect(summarize(entries, DEFAULT_SETTINGS).map((s) => s.title)).toEqual([
      summaryTitle({ kind: 'planned', year: 2021 }),
      summaryTitle({ kind: 'planned', year: 2022 }),
    ]);
    expect(summarize(entries, en).map((s) => s.title)).toEqual([
      summaryTitle({ kind: 'planned', year: 2021 }, 'en'),
      summaryTitle({ kind: 'planned', year: 2022 }, 'en'),
    ]);
    expect(summaryTitle({ kind: 'planned', year: 2021 })).not.toBe(
      summaryTitle({ kind: 'planned', year: 2021 }, 'en'),
    );
  });
});

/**
 * Sentences are put together in the catalogues only. A template literal holding Japanese anywhere
 * else in the core is words built beside the logic; the few that are data, not words, are listed.
 */
describe('user-facing words in the core', () => {
  const CORE = path.resolve(__dirname, '..', '..', 'src', 'core');
  const CATALOGUES = new Set(['messages.ts', 'plan/labels.ts']);
  /** Template literals that are data, not words: the file and what they look like. */
  const DATA: readonly (readonly [string, RegExp])[] = [
    // 令和3年度: a year spelt as the reports spell it, used by the catalogues.
    ['fiscalYear.ts', /年度/],
    // 「指標名（男性）」: an indicator's name and its row's sub-label, both as written.
    ['layouts/indicatorBlocks.ts', /^`\$\{ind\.name\}（\$\{[^`]*\}）`$/],
    // 「財政課・人事課」: departments sharing one rating, joined as offices write them.
    ['layouts/flatTable.ts', /^`\$\{prev\.department\}・\$\{rowCtx\.department\}`$/],
  ];
  /** Left open: settings errors are still sentences built in settingsIO.ts (they need codes of their own). */
  const OPEN = new Set(['settingsIO.ts']);
  // Kana, kanji, and the CJK and full-width punctuation sentences are joined with (、。「」（）：・).
  const JAPANESE = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u3000-\u303f\u30fb\uff00-\uffef]/u;

  const files = (dir: string): string[] =>
    fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
      const p = path.join(dir, d.name);
      return d.isDirectory() ? files(p) : d.name.endsWith('.ts') ? [p] : [];
    });

  /** Every template literal of a file, as written in the source. */
  const templates = (file: string): string[] => {
    const src = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    const out: string[] = [];
    const visit = (node: ts.Node): void => {
      if (ts.isTemplateExpression(node) || ts.isNoSubstitutionTemplateLiteral(node))
        out.push(node.getText(src));
      ts.forEachChild(node, visit);
    };
    visit(src);
    return out;
  };

  it('builds no sentence outside messages.ts and plan/labels.ts', () => {
    const offenders: string[] = [];
    for (const file of files(CORE)) {
      const rel = path.relative(CORE, file).split(path.sep).join('/');
      if (CATALOGUES.has(rel) || OPEN.has(rel)) continue;
      for (const literal of templates(file)) {
        if (!JAPANESE.test(literal)) continue;
        if (DATA.some(([f, shape]) => f === rel && shape.test(literal))) continue;
        offenders.push(`${rel}: ${literal}`);
      }
    }
    expect(offenders).toEqual([]);
  });
});
