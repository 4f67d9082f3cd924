import { EngineError } from '../../src/core/errors';
import { DEFAULT_SETTINGS } from '../../src/core/settings';
import { resolveSettings, settingsToJson } from '../../src/core/settingsIO';

/** The key an INVALID_SETTINGS error names (EngineError.detail), or 'no error'. */
function rejected(json: unknown): string {
  try {
    resolveSettings(json);
    return 'no error';
  } catch (e) {
    expect(e).toBeInstanceOf(EngineError);
    const err = e as EngineError;
    expect(err.code).toBe('INVALID_SETTINGS');
    expect(err.message).toMatch(/^設定/);
    return err.detail ?? '';
  }
}

describe('resolveSettings', () => {
  it('gives the defaults for nothing, an empty object or empty text', () => {
    expect(resolveSettings(undefined)).toEqual(DEFAULT_SETTINGS);
    expect(resolveSettings({})).toEqual(DEFAULT_SETTINGS);
    expect(resolveSettings('  ')).toEqual(DEFAULT_SETTINGS);
  });

  it('merges sections over the defaults and leaves the rest alone', () => {
    const s = resolveSettings({
      reportYear: '令和3年度',
      sheets: { exclude: ['作業用'] },
      judge: { onTrackRatio: 0.9 },
      output: { summarySheet: '達成状況' },
      labels: { flatTable: { status: ['判定'] } },
    });
    expect(s.reportYear).toBe(2021);
    expect(s.sheets).toEqual({ include: [], exclude: ['作業用'] });
    expect(s.judge).toEqual({ ...DEFAULT_SETTINGS.judge, onTrackRatio: 0.9 });
    expect(s.output).toEqual({ ...DEFAULT_SETTINGS.output, summarySheet: '達成状況' });
    expect(s.labels).toEqual({ flatTable: { status: ['判定'] } });
    expect(s.schemes).toBe(DEFAULT_SETTINGS.schemes);
  });

  it('replaces a scheme with the same id in place and adds new ones after the built-in ones', () => {
    const s = resolveSettings({
      schemes: [
        {
          id: 'abcd',
          name: 'S/A/B/C',
          categories: [{ label: 'S' }, { label: 'A' }, { label: 'B' }, { label: 'C' }],
        },
        { id: 'marks', categories: [{ label: '◎' }, { label: '○' }, { label: '△' }, { label: '×' }] },
      ],
      layoutSchemes: { flatTable: 'marks' },
    });
    expect(s.schemes.map((x) => x.id)).toEqual(['progress3', 'abcd', 'score3', 'stage', 'marks']);
    expect(s.schemes[1]!.categories.map((c) => c.label)).toEqual(['S', 'A', 'B', 'C']);
    expect(s.schemes[4]).toMatchObject({ id: 'marks', name: 'marks' });
    expect(s.layoutSchemes.flatTable).toBe('marks');
  });

  it('reads JSON text and reports text that is not JSON', () => {
    expect(resolveSettings('{"reportYear": 2022}').reportYear).toBe(2022);
    expect(() => resolveSettings('{ reportYear: 2022 ')).toThrow(EngineError);
  });

  it('names an unknown key, at any depth', () => {
    expect(rejected({ reportyear: 2021 })).toBe('reportyear');
    expect(rejected({ judge: { onTrack: 1 } })).toBe('judge.onTrack');
    expect(rejected({ labels: { cardz: {} } })).toBe('labels.cardz');
  });

  it('accepts comment keys', () => {
    expect(rejected({ $schema: 'x', '// note': '関市用', judge: { '// why': 'R3' } })).toBe('no error');
  });

  it('names a value of the wrong type', () => {
    expect(rejected({ reportYear: 'そのうち' })).toBe('reportYear');
    expect(rejected({ judge: { onTrackRatio: '1' } })).toBe('judge.onTrackRatio');
    expect(rejected({ sheets: { include: ['表', 3] } })).toBe('sheets.include[1]');
    expect(rejected({ judge: { countBy: 'all' } })).toBe('judge.countBy');
    expect(rejected({ version: 2 })).toBe('version');
    expect(rejected([])).toBe('設定全体');
  });

  it('checks references to schemes and labels', () => {
    expect(rejected({ layoutSchemes: { cards: 'nothing' } })).toBe('layoutSchemes.cards');
    expect(rejected({ judge: { scheme: 'abcd' } })).toBe('judge.labels.onTrack');
    expect(rejected({ schemes: [{ id: 'x', categories: [{ label: '達成', rollUpTo: '順調' }] }] })).toBe(
      'schemes[0].categories[0].rollUpTo',
    );
    expect(
      rejected({ schemes: [{ id: 'x', categories: [{ label: 'A', aliases: ['B'] }, { label: 'B' }] }] }),
    ).toBe('schemes[0].categories[1]');
    expect(rejected({ schemes: [{ id: 'x', categories: [{ label: '-', excluded: true }] }] })).toBe(
      'schemes[0].categories',
    );
  });

  it('checks ratios, score bands and sheet names', () => {
    expect(rejected({ judge: { slightlyBehindRatio: 1.2 } })).toBe('judge.slightlyBehindRatio');
    expect(
      rejected({
        judge: {
          scoreBands: [
            { min: 1, score: 1 },
            { min: 2, score: 2 },
          ],
        },
      }),
    ).toBe('judge.scoreBands[1].min');
    expect(rejected({ output: { listSheet: '一覧[1]' } })).toBe('output.listSheet');
    expect(rejected({ output: { listSheet: '集計' } })).toBe('output');
    expect(rejected({ output: { summarySheet: 'あ'.repeat(32) } })).toBe('output.summarySheet');
  });
});

describe('settingsToJson', () => {
  it('round-trips through resolveSettings', () => {
    const s = resolveSettings({ reportYear: 2021, sheets: { exclude: ['作業用'] } });
    expect(resolveSettings(settingsToJson(s))).toEqual(s);
    expect(resolveSettings(JSON.parse(settingsToJson(DEFAULT_SETTINGS)))).toEqual(DEFAULT_SETTINGS);
  });
});
