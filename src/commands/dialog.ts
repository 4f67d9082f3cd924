import { dialogMessageFrom } from './dialogMessage';

/**
 * The ribbon command's message dialog: the message comes in its own parameter in the URL's
 * hash (see dialogMessage.ts; no request carries it), and 「閉じる」 asks the command to close the dialog.
 */
function show(): void {
  const text = dialogMessageFrom(window.location.href) ?? '';
  const [title = '', ...rest] = text.split('\n');
  document.getElementById('title')!.textContent = title;
  document.getElementById('message')!.textContent = rest.join('\n');
  document.getElementById('close')!.addEventListener('click', () => {
    if (typeof Office !== 'undefined' && Office.context?.ui) Office.context.ui.messageParent('close');
    else window.close();
  });
}

if (typeof Office !== 'undefined') void Office.onReady().then(show);
else show();
