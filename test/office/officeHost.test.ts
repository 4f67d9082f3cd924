import { analyze, planOutput } from '../../src/core/engine';
import { settingsToJson } from '../../src/core/settingsIO';
import { DEFAULT_SETTINGS } from '../../src/core/settings';
import { sheetFromArray } from '../../src/core/workbook';
import { SETTINGS_KEY } from '../../src/office/limits';
import { createExcelHost } from '../../src/office/officeHost';
import { createFakeExcel, FakeWorkbook } from '../support/fakeExcel';

function host(wb: FakeWorkbook) {
  const fake = createFakeExcel(wb);
  return { fake, host: createExcelHost(fake.run, { analyze, planOutput }) };
}

describe('createExcelHost', () => {
  it('stores the settings in the workbook as the command line’s JSON and reads them back', async () => {
    const wb = FakeWorkbook.fromInput({ sheets: [sheetFromArray('表', [['x']])] });
    const { host: pane } = host(wb);
    const settings = { ...DEFAULT_SETTINGS, reportYear: 2021 };

    await pane.saveSettings(settings);

    expect(wb.settings.get(SETTINGS_KEY)).toBe(settingsToJson(settings));
    expect((await pane.loadSettings()).settings.reportYear).toBe(2021);
  });

  it('falls back to the defaults, saying why, when the stored settings are unusable', async () => {
    const wb = FakeWorkbook.fromInput({ sheets: [sheetFromArray('表', [['x']])] });
    wb.settings.set(SETTINGS_KEY, '{"reportYear": "いつか"}');
    const loaded = await host(wb).host.loadSettings();
    expect(loaded.settings).toEqual(DEFAULT_SETTINGS);
    expect(loaded.problem).toMatchObject({ code: 'INVALID_SETTINGS' });
  });

  it('selects a diagnostic’s cell or range on its sheet in one round trip', async () => {
    const wb = FakeWorkbook.fromInput({
      sheets: [sheetFromArray('表', [['x']]), sheetFromArray('関市', [['y']])],
    });
    const { fake, host: pane } = host(wb);
    await pane.select({ sheet: '関市', row: 11, col: 3 }, { row: 11, col: 5 });
    expect(wb.toJSON().selection).toEqual({ sheet: '関市', box: { top: 11, left: 3, rows: 1, cols: 3 } });
    expect(wb.toJSON().activeSheet).toBe('関市');
    expect(fake.stats.syncs).toBe(1);
  });

  it('reports a sheet deleted since the run as an Excel error, not a crash', async () => {
    const { host: pane } = host(FakeWorkbook.fromInput({ sheets: [sheetFromArray('表', [['x']])] }));
    await expect(pane.select({ sheet: '消えたシート', row: 0, col: 0 })).rejects.toMatchObject({
      name: 'HostError',
      code: 'EXCEL_ERROR',
      params: { code: 'ItemNotFound' },
    });
  });
});
