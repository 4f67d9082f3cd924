import { SETTINGS_KEY } from './limits';

/**
 * The rules travel with the workbook: stored as JSON (the command line's --config format) in the
 * workbook's own settings, so a colleague who opens the file gets the same rules. Each call is one
 * round trip; the run itself reads the settings in its first round trip (read.ts).
 */
export async function loadSettingsJson(context: Excel.RequestContext): Promise<string | null> {
  const item = context.workbook.settings.getItemOrNullObject(SETTINGS_KEY);
  item.load('value');
  await context.sync();
  if (item.isNullObject || item.value === null || item.value === undefined) return null;
  return typeof item.value === 'string' ? item.value : JSON.stringify(item.value);
}

/** Stores the JSON text; null removes the stored settings (back to the defaults). */
export async function saveSettingsJson(context: Excel.RequestContext, json: string | null): Promise<void> {
  if (json === null) {
    const item = context.workbook.settings.getItemOrNullObject(SETTINGS_KEY);
    item.load('key');
    await context.sync();
    if (!item.isNullObject) {
      item.delete();
      await context.sync();
    }
    return;
  }
  context.workbook.settings.add(SETTINGS_KEY, json);
  await context.sync();
}
