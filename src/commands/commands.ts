import { analyze, planOutput, resolveSettings } from '../core/index';
import { runInExcel } from '../office/excelSource';
import { errorText, T } from '../ui/strings';

/**
 * The ribbon's 「集計」 (ExecuteFunction): one run with the settings stored in the workbook; the plan
 * activates the 「集計」 sheet. Always completes the event, or Excel shows the button as busy for good.
 */
export async function runShukei(event: Office.AddinCommands.Event): Promise<void> {
  try {
    await runInExcel(
      (batch) => Excel.run(batch),
      { analyze, planOutput },
      { resolveStored: (json) => resolveSettings(json) },
    );
  } catch (e) {
    showError(errorText(e));
  } finally {
    event.completed();
  }
}

/** A command has no pane of its own: a failure is shown in a small dialog (dialog.html). */
function showError(message: string): void {
  const url = new URL('dialog.html', window.location.href);
  url.hash = encodeURIComponent(`${T.commandFailed}\n${message}`);
  try {
    Office.context.ui.displayDialogAsync(
      url.toString(),
      { height: 30, width: 35, displayInIframe: true },
      (result) => {
        if (result.status !== Office.AsyncResultStatus.Succeeded) return;
        const dialog = result.value;
        dialog.addEventHandler(Office.EventType.DialogMessageReceived, () => dialog.close());
      },
    );
  } catch {
    // No dialog support: the task pane's 「集計」 shows the same message.
  }
}

Office.actions.associate('runShukei', runShukei);
