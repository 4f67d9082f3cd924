/**
 * How the ribbon command hands its message to dialog.html: one parameter of our own in the URL's
 * hash, which the browser never sends to the server (the message may name sheets).
 *
 * Office appends its own parameters to a dialog's URL (`_host_Info=Excel$Win32$16.01$ja-JP$…`),
 * into the query, and on some hosts at the very end, after the hash. So the dialog never reads the
 * whole hash: only this parameter, up to the first `?`, `&` or `#`, which its encoded value cannot
 * hold.
 */
export const DIALOG_MESSAGE_PARAM = 'kaikakuMessage';

/** The text passed in DIALOG_MESSAGE_PARAM, or null when the URL has none (or it is garbled). */
export function dialogMessageFrom(href: string): string | null {
  const match = new RegExp(`[?&#]${DIALOG_MESSAGE_PARAM}=([^?&#]*)`).exec(href);
  if (!match) return null;
  try {
    return decodeURIComponent(match[1]!);
  } catch {
    return null;
  }
}
