import { EngineError } from '../../src/core/errors';
import { DEFAULT_SETTINGS } from '../../src/core/settings';
import { formatSettingsProblem } from '../../src/core/messages';
import { resolveSettings, SettingsError, settingsToJson } from '../../src/core/settingsIO';

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
    expect(s.schemes.map((x) => x.id)).toEqual([
      'progress3',
      'abcd',
      'score3',
      'implementation3',
      'achievement3',
      'stage',
      'marks',
    ]);
    expect(s.schemes[1]!.categories.map((c) => c.label)).toEqual(['S', 'A', 'B', 'C']);
    expect(s.schemes[6]).toMatchObject({ id: 'marks', name: 'marks' });
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

describe('resolveSettings: checked like input (issue 9)', () => {
  const problems = (json: unknown): string[] => {
    try {
      resolveSettings(json);
      return [];
    } catch (e) {
      expect(e).toBeInstanceOf(SettingsError);
      return (e as SettingsError).problems.map((p) => `${p.path} ${p.code}`);
    }
  };

  it('refuses a concept a layout does not have, under labels', () => {
    expect(problems({ labels: { flatTable: { groups: ['施策'] } } })).toEqual([
      'labels.flatTable.groups UNKNOWN_KEY',
    ]);
    expect(problems({ labels: { flatTable: { group: ['施策'] }, cards: { '// why': 'x' } } })).toEqual([]);
  });

  it('collects every problem and reports them together', () => {
    expect(
      problems({
        reportyear: 2021,
        judge: { onTrack: 1, onTrackRatio: '1', stages: [] },
        output: { listSheet: 'a\u0001b', summarySheet: 'History' },
        sheets: { include: [3] },
        layoutSchemes: { cards: 'nothing' },
      }),
    ).toEqual([
      'reportyear UNKNOWN_KEY',
      'judge.onTrack UNKNOWN_KEY',
      'judge.onTrackRatio NOT_NUMBER',
      'judge.stages NO_STAGES',
      'sheets.include[0] NOT_STRING',
      'output.summarySheet SHEET_NAME_RESERVED',
      'output.listSheet SHEET_NAME_CONTROL',
      // References between sections are checked last, on what could be read.
      'layoutSchemes.cards UNKNOWN_SCHEME',
    ]);
  });

  it("checks output sheet names against Excel's rules", () => {
    const name = (n: string) => problems({ output: { listSheet: n } });
    expect(name('一覧')).toEqual([]);
    expect(name('あ'.repeat(31))).toEqual([]);
    expect(name('あ'.repeat(32))).toEqual(['output.listSheet SHEET_NAME_LENGTH']);
    for (const c of ['[', ']', ':', '*', '?', '/', '\\']) {
      expect(name(`一覧${c}`)).toEqual(['output.listSheet SHEET_NAME_CHARS']);
    }
    expect(name('一\n覧')).toEqual(['output.listSheet SHEET_NAME_CONTROL']);
    expect(name('一\u0085覧')).toEqual(['output.listSheet SHEET_NAME_CONTROL']);
    expect(name("'一覧")).toEqual(['output.listSheet SHEET_NAME_APOSTROPHE']);
    expect(name("一覧'")).toEqual(['output.listSheet SHEET_NAME_APOSTROPHE']);
    expect(name('history')).toEqual(['output.listSheet SHEET_NAME_RESERVED']);
    expect(name('   ')).toEqual(['output.listSheet NOT_STRING']);
    expect(name("'[一覧]'")).toEqual([
      'output.listSheet SHEET_NAME_CHARS',
      'output.listSheet SHEET_NAME_APOSTROPHE',
    ]);
  });

  it('words every problem from the message catalogue, in Japanese and English', () => {
    try {
      resolveSettings({ labels: { flatTable: { groups: [] } }, judge: { countBy: 'all' } });
      throw new Error('not refused');
    } catch (e) {
      const err = e as SettingsError;
      expect(err.message.split('\n')).toEqual([
        '設定「labels.flatTable.groups」は設定の項目にありません（使える項目：status, department, number, title, group, content, progress, comment）。',
        '設定「judge.countBy」は "indicator" / "worstIndicator" のいずれかで指定してください。',
      ]);
      expect(err.problems.map((p) => formatSettingsProblem(p, 'en'))).toEqual([
        'Setting "labels.flatTable.groups" is not a setting (allowed: status, department, number, title, group, content, progress, comment).',
        'Setting "judge.countBy" must be one of "indicator" / "worstIndicator".',
      ]);
    }
  });
});
