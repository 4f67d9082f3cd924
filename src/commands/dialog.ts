/**
 * The ribbon command's error dialog: the message comes in the URL's hash (no request carries it),
 * and 「閉じる」 asks the command to close the dialog.
 */
function show(): void {
  const text = decodeURIComponent(window.location.hash.slice(1));
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
