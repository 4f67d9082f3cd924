import * as core from '../../src/core/index';
import { seedWorkbook } from '../support/seeds';

describe('core façade', () => {
  it('runs a report from settings JSON to the output plan and the JSON result', () => {
    const settings = core.resolveSettings('{"output": {"locale": "ja"}, "sheets": {"exclude": ["メモ"]}}');
    const result = core.analyze(seedWorkbook('003'), settings);
    expect(result.summaries[0]!.counted).toBe(70);

    const plan = core.planOutput(result, [], { generatedAt: new Date(Date.UTC(2022, 3, 1)) });
    expect(plan.sheets.map((s) => s.role)).toEqual(['summary', 'list', 'diagnostics']);

    const json = core.buildJsonResult(result);
    expect(json.entries).toHaveLength(72);
    expect(json.diagnostics.map((d) => [d.code, d.severity])).toEqual([['SHIFTED_ROW', 'warning']]);
  });

  it('formats diagnostics in Japanese and English from the same codes', () => {
    const d = core.analyze(seedWorkbook('003')).diagnostics[0]!;
    expect(core.formatMessage(d, 'ja')).toContain('市民課');
    expect(core.formatMessage(d, 'en')).toContain('市民課');
    expect(core.locationText(d)).toMatch(/^会津若松市!A\d+:G\d+$/);
  });

  it('throws a typed error for settings it cannot use', () => {
    expect(() => core.resolveSettings({ layoutSchemes: { cards: 'なし' } })).toThrow(core.EngineError);
  });
});
