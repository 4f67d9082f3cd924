import { analyze, planOutput, resolveSettings } from '../core/index';
import type { ExcelRun } from '../office/excelSource';
import { runInExcel } from '../office/excelSource';
import { TooManyCells } from '../office/read';
import { errorText, T } from '../ui/strings';
import { DIALOG_MESSAGE_PARAM } from './dialogMessage';
import { COMMAND_MAX_FILLED_CELLS } from './size';

/**
 * The ribbon's 「集計」 (ExecuteFunction in the manifest's FunctionFile, commands.html).
 *
 * Office's rules for a function file, which the test stand-in (test/support/officeRuntime.ts) enforces:
 * - office.js delivers a click only after the page called Office.onReady() (or set
 *   Office.initialize); it polls for one of them and otherwise never runs the command.
 * - event.completed() ends the command: Office may tear the page's runtime down at once, so the
 *   error dialog's handlers stop and Excel calls fail. It is called once, after the user closed the
 *   dialog, or at once on success.
 * - Office may end a command that runs for minutes; a workbook too big for that goes to the pane.
 */

/** SharedRuntime 1.1 brings Office.addin.showAsTaskpane (only with a shared runtime in the manifest). */
const PANE_API = { set: 'SharedRuntime', version: '1.1' } as const;

export async function runShukei(event: Office.AddinCommands.Event): Promise<void> {
  const run: ExcelRun = (batch) => Excel.run(batch);
  let message: { title: string; text: string } | null = null;
  try {
    await runInExcel(
      run,
      { analyze, planOutput },
      { resolveStored: (json) => resolveSettings(json) },
      COMMAND_MAX_FILLED_CELLS,
    );
  } catch (e) {
    if (e instanceof TooManyCells) {
      // Measured by the run's first read of the cells, before any is read: the pane takes it.
      const opened = await showPane();
      message = { title: T.command.tooBigTitle, text: T.command.tooBig(e.filled, e.max, opened) };
    } else {
      message = { title: T.commandFailed, text: errorText(e) };
    }
  }
  // The dialog lives in this command's runtime: completed() only once the user has closed it.
  if (message) await showMessage(message.title, message.text);
  event.completed();
}

/** Opens the task pane where Office can (a shared runtime); false where it cannot. */
async function showPane(): Promise<boolean> {
  try {
    if (!Office.context.requirements.isSetSupported(PANE_API.set, PANE_API.version)) return false;
    await Office.addin.showAsTaskpane();
    return true;
  } catch {
    return false;
  }
}

/**
 * A command has no pane of its own: a message is shown in a small dialog (dialog.html). Resolves
 * when the dialog is gone — closed by its 「閉じる」 or by the user, or never opened.
 *
 * The message goes in the hash (never sent to the server), as a parameter of our own: Office appends
 * its `_host_Info` parameter to the dialog's URL, on some hosts after the hash, so dialog.ts reads only
 * DIALOG_MESSAGE_PARAM (see dialogMessage.ts).
 */
function showMessage(title: string, text: string): Promise<void> {
  return new Promise((resolve) => {
    const url = new URL('dialog.html', window.location.href);
    url.search = '';
    url.hash = `${DIALOG_MESSAGE_PARAM}=${encodeURIComponent(`${title}\n${text}`)}`;
    try {
      Office.context.ui.displayDialogAsync(
        url.toString(),
        { height: 30, width: 35, displayInIframe: true },
        (result) => {
          if (result.status !== Office.AsyncResultStatus.Succeeded) {
            resolve();
            return;
          }
          const dialog = result.value;
          dialog.addEventHandler(Office.EventType.DialogMessageReceived, () => {
            dialog.close();
            resolve();
          });
          // 12006: the user closed the dialog; any other event also means it is gone.
          dialog.addEventHandler(Office.EventType.DialogEventReceived, () => resolve());
        },
      );
    } catch {
      // No dialog support: the task pane's 「集計」 shows the same message.
      resolve();
    }
  });
}

// Office delivers the click only once the page has said it is ready (see above).
void Office.onReady();
Office.actions.associate('runShukei', runShukei);
