/**
 * A stand-in for office.js that enforces the lifecycle Office imposes on an add-in's pages, for the
 * ribbon's function file (commands.html) above all, and usable for the task pane and the dialog.
 *
 * What it enforces, as office.js and the Office hosts do:
 * - A page is initialised asynchronously (office.js loads its host scripts first). Then office.js
 *   polls for `Office.onReady()` having been called or `Office.initialize` having been set (every
 *   400 ms, 50 times; see appReady in office.debug.js) and gives up with "Office.js has not fully
 *   loaded" otherwise. Only after that are `Office.context` and the clicks there: a ribbon click is
 *   queued until then, and never delivered to a page that did not say it was ready.
 * - A click invokes the function associated with `Office.actions.associate` (names compared without
 *   case, as office.js does) with an event whose `completed()` is recorded; a second call is an error.
 * - After `completed()` the command's runtime is gone: open dialogs disappear, their handlers are not
 *   called, pending callbacks are dropped, and Office and Excel calls (Excel.run, context.sync) fail.
 * - `displayDialogAsync` opens the URL with Office's own `_host_Info` parameter appended (into the
 *   query, or at the very end after the hash as some hosts do) and delivers DialogMessageReceived
 *   (the dialog's `messageParent`) and DialogEventReceived (12006 when the user closes it).
 *
 * THE SEAM: this file provides `Office` only. `Excel` comes from the test, through the
 * `provideExcel` function given to installOfficeRuntime, which must set `target.Excel` (it may be
 * async, e.g. to load a script). The browser tests provide Microsoft's excel-web-16.00.js with
 * Excel.run routed to a local ProcessQuery endpoint (installRealExcel in
 * test/browser/realExcel/realExcel.ts, useOfficeRuntime in test/browser/harness.ts); the jsdom test of
 * the command file provides the fake's Excel.run (test/support/fakeExcel.ts). Either way the provider
 * leaves an `Excel.run(batch)`, which the stand-in wraps, with each context's `sync`, to fail them
 * after teardown.
 *
 * Served to the browser transpiled (defining window.OfficeRuntime), so it has no runtime imports.
 */

export interface OfficeRuntimeOptions {
  /** The platform in `_host_Info` and in onReady's info: Win32 (PC, the default), Web or Mac. */
  readonly platform?: 'Win32' | 'Web' | 'Mac';
  readonly locale?: string;
  /** Requirement sets the host claims, highest version; ExcelApi 1.17 and DialogApi 1.2 unless told. */
  readonly requirements?: Readonly<Record<string, string>>;
  /** Where Office puts `_host_Info` in a dialog's URL: in the query (default) or at the very end. */
  readonly dialogParams?: 'query' | 'end';
  /** office.js's wait for onReady/initialize: every `readyPollMs` (400), `readyPolls` times (50). */
  readonly readyPollMs?: number;
  readonly readyPolls?: number;
  /** Open dialogs as iframes of this page (a browser); off, the test plays the dialog (jsdom). */
  readonly loadDialogs?: boolean;
}

export type ExcelProvider = (target: Record<string, unknown>) => void | Promise<void>;

export interface RuntimeEntry {
  readonly what: string;
  readonly detail?: string;
}

export interface ClickOutcome {
  /** The associated function was invoked. */
  readonly delivered: boolean;
  /** How many times it called event.completed() by the time this resolved. */
  readonly completed: number;
}

export interface DialogRecord {
  readonly url: string;
  open: boolean;
}

export interface OfficeRuntimeHandle {
  /** What happened, in order: onReady, initialize, ready, associate, click, excel.run, dialog.*, completed, teardown. */
  readonly log: RuntimeEntry[];
  /** Breaches of the lifecycle (a call after completed(), completed() twice, never ready). */
  readonly errors: string[];
  readonly dialogs: DialogRecord[];
  /** Calls of event.completed() so far. */
  completedCount(): number;
  readonly tornDown: boolean;
  /**
   * A click on a ribbon button bound to `name`: resolves when the function calls completed(), when
   * office.js would give up waiting for the page to be ready, or after `timeoutMs` if given.
   */
  click(name: string, timeoutMs?: number): Promise<ClickOutcome>;
  /** What the open dialog's page sends with messageParent (for a test playing the dialog). */
  dialogMessage(message: string): void;
  /** The user closes the open dialog with its X: DialogEventReceived 12006. */
  closeDialogByUser(): void;
}

type Handler = (event: unknown) => unknown;
type Callback = (result: unknown) => void;

const DIALOG_CLOSED_BY_USER = 12006;
const DIALOG_ALREADY_OPEN = 12007;
const HOST_INFO = '_host_Info';
const NOT_LOADED =
  'Office.js has not fully loaded. Your app must call "Office.onReady()" as part of its loading sequence (or set the "Office.initialize" function).';

/** "1.13" → 13: requirement sets compare by their minor number. */
function minorOf(version: string): number {
  return Number(version.split('.')[1] ?? 0);
}

/** Office's `_host_Info` value: host$platform$version$locale$correlation$isDialog$disableLogging$flags. */
function hostInfo(platform: string, locale: string, dialog: boolean): string {
  return ['Excel', platform, '16.01', locale, '', dialog ? 'isDialog' : '', '', '0'].join('$');
}

/** The dialog URL as Office opens it: with its own parameter added where the host adds it. */
export function withHostInfo(url: string, info: string, where: 'query' | 'end'): string {
  const param = `${HOST_INFO}=${info}`;
  if (where === 'end') return `${url}${url.includes('?') ? '&' : '?'}${param}`;
  const hash = url.indexOf('#');
  const head = hash < 0 ? url : url.slice(0, hash);
  const tail = hash < 0 ? '' : url.slice(hash);
  return `${head}${head.includes('?') ? '&' : '?'}${param}${tail}`;
}

export function installOfficeRuntime(
  target: Record<string, unknown>,
  options: OfficeRuntimeOptions,
  provideExcel: ExcelProvider,
): OfficeRuntimeHandle {
  const platform = options.platform ?? 'Win32';
  const locale = options.locale ?? 'ja-JP';
  const requirements = options.requirements ?? { ExcelApi: '1.17', DialogApi: '1.2' };
  const pollMs = options.readyPollMs ?? 400;
  const polls = options.readyPolls ?? 50;
  const log: RuntimeEntry[] = [];
  const errors: string[] = [];
  const dialogs: DialogRecord[] = [];
  const actions = new Map<string, Handler>();
  const pendingReady: (() => void)[] = [];
  let onReadyCalled = false;
  let ready = false;
  let gaveUp = false;
  let tornDown = false;
  let completedCount = 0;
  const onCompleted: (() => void)[] = [];

  const note = (what: string, detail?: string) =>
    log.push(detail === undefined ? { what } : { what, detail });
  /** Every Office and Excel call passes here: after completed() the runtime is gone. */
  const guard = (what: string) => {
    if (!tornDown) return;
    const message = `${what} after event.completed(): the command's runtime is gone`;
    errors.push(message);
    note('refused', what);
    throw new Error(message);
  };
  /** A callback Office would make later; dropped once the runtime is gone. */
  const later = (what: string, fn: () => void) =>
    setTimeout(() => {
      if (tornDown) note('dropped', what);
      else fn();
    }, 0);

  const info = {
    host: 'Excel',
    platform: platform === 'Web' ? 'OfficeOnline' : platform === 'Mac' ? 'Mac' : 'PC',
  };
  const href = (): string => {
    const loc = (target['location'] as { href?: string } | undefined)?.href;
    return typeof loc === 'string' ? loc : '';
  };
  const isDialog = new RegExp(`[?&#]${HOST_INFO}=[^&#]*\\$isDialog\\$`).test(safeDecode(href()));

  // ---- dialogs opened by this page
  interface OpenDialog {
    readonly record: DialogRecord;
    readonly handlers: Map<string, ((arg: unknown) => void)[]>;
    frame: { remove(): void } | null;
  }
  let current: OpenDialog | null = null;

  const closeCurrent = (why: string) => {
    if (!current) return;
    current.record.open = false;
    current.frame?.remove();
    note('dialog.close', why);
    current = null;
  };
  const fire = (type: string, arg: unknown) => {
    const dialog = current;
    if (!dialog) return;
    later(`${type} handler`, () => {
      for (const h of dialog.handlers.get(type) ?? []) h(arg);
    });
  };
  const deliverMessage = (message: string) => {
    guard('DialogMessageReceived');
    note('dialog.message', message);
    fire('dialogMessageReceived', { type: 'dialogMessageReceived', message, origin: originOf(href()) });
  };
  const userCloses = () => {
    if (!current) throw new Error('No dialog is open');
    const dialog = current;
    note('dialog.event', String(DIALOG_CLOSED_BY_USER));
    closeCurrent('user');
    if (tornDown) return;
    later('dialogEventReceived handler', () => {
      for (const h of dialog.handlers.get('dialogEventReceived') ?? [])
        h({ type: 'dialogEventReceived', error: DIALOG_CLOSED_BY_USER });
    });
  };

  const displayDialogAsync = (url: string, _opts: unknown, callback?: Callback) => {
    guard('displayDialogAsync');
    if (!/^https?:\/\//.test(url)) throw new Error(`displayDialogAsync needs an absolute URL: ${url}`);
    if (current) {
      later('displayDialogAsync callback', () =>
        callback?.({ status: 'failed', error: { code: DIALOG_ALREADY_OPEN } }),
      );
      return;
    }
    const opened = withHostInfo(url, hostInfo(platform, locale, true), options.dialogParams ?? 'query');
    const record: DialogRecord = { url: opened, open: true };
    dialogs.push(record);
    note('dialog.open', opened);
    const dialog: OpenDialog = { record, handlers: new Map(), frame: null };
    current = dialog;
    const doc = target['document'] as Document | undefined;
    if (options.loadDialogs && doc) {
      const frame = doc.createElement('iframe');
      frame.setAttribute('data-office-dialog', String(dialogs.length));
      frame.title = 'Office dialog';
      frame.style.cssText =
        'position:fixed;inset:10%;width:80%;height:80%;border:1px solid #888;background:#fff';
      frame.src = opened;
      doc.body.appendChild(frame);
      dialog.frame = frame;
    }
    const api = {
      addEventHandler(type: string, handler: (arg: unknown) => void) {
        guard('Dialog.addEventHandler');
        dialog.handlers.set(type, [...(dialog.handlers.get(type) ?? []), handler]);
      },
      close() {
        guard('Dialog.close');
        if (current === dialog) closeCurrent('add-in');
      },
      messageChild(message: string) {
        guard('Dialog.messageChild');
        note('dialog.messageChild', message);
      },
    };
    later('displayDialogAsync callback', () => callback?.({ status: 'succeeded', value: api }));
  };

  // ---- the Office namespace
  const office: Record<string, unknown> = {
    HostType: { Excel: 'Excel', Word: 'Word' },
    PlatformType: { PC: 'PC', OfficeOnline: 'OfficeOnline', Mac: 'Mac' },
    AsyncResultStatus: { Succeeded: 'succeeded', Failed: 'failed' },
    EventType: {
      DialogMessageReceived: 'dialogMessageReceived',
      DialogEventReceived: 'dialogEventReceived',
      DialogParentMessageReceived: 'dialogParentMessageReceived',
    },
    onReady(callback?: (i: typeof info) => unknown) {
      if (!onReadyCalled) note('onReady');
      onReadyCalled = true;
      return new Promise((resolve) => {
        const done = () => {
          const r = callback?.(info);
          void Promise.resolve(r).then(() => resolve(info));
        };
        if (ready) done();
        else pendingReady.push(done);
      });
    },
    actions: {
      associate(name: string, handler: Handler) {
        note('associate', name);
        actions.set(name.toUpperCase(), handler);
      },
    },
    addin: {
      showAsTaskpane() {
        guard('Office.addin.showAsTaskpane');
        if (!requirements['SharedRuntime']) {
          return Promise.reject(new Error('Office.addin needs a shared runtime'));
        }
        note('addin.showAsTaskpane');
        return Promise.resolve();
      },
    },
  };
  const context = {
    displayLanguage: locale,
    requirements: {
      isSetSupported(name: string, version?: string) {
        guard('isSetSupported');
        const have = requirements[name];
        return have !== undefined && minorOf(version ?? '1.1') <= minorOf(have);
      },
    },
    ui: {
      displayDialogAsync,
      messageParent(message: string) {
        guard('messageParent');
        if (!isDialog) throw new Error('messageParent outside a dialog');
        note('messageParent', message);
        // The dialog is an iframe of the page that opened it (loadDialogs): hand the message over.
        const parent = target['parent'] as Record<string, unknown> | undefined;
        if (!parent || parent === target) return;
        const opener = parent?.['__officeRuntime'] as { dialogMessage(m: string): void } | undefined;
        opener?.dialogMessage(message);
      },
      addHandlerAsync(_type: string, _handler: unknown, callback?: Callback) {
        guard('addHandlerAsync');
        later('addHandlerAsync callback', () => callback?.({ status: 'succeeded' }));
      },
    },
  };
  target['Office'] = office;

  const wrapExcel = () => {
    const excel = target['Excel'] as { run?: (...args: unknown[]) => Promise<unknown> } | undefined;
    if (!excel || typeof excel.run !== 'function') return;
    const run = excel.run.bind(excel);
    excel.run = (...args: unknown[]) => {
      try {
        guard('Excel.run');
      } catch (e) {
        return Promise.reject(e);
      }
      note('excel.run');
      const batch = args[args.length - 1] as (ctx: { sync: () => Promise<unknown> }) => Promise<unknown>;
      args[args.length - 1] = (ctx: { sync: (...a: unknown[]) => Promise<unknown> }) => {
        const sync = ctx.sync.bind(ctx);
        ctx.sync = (...a: unknown[]) => {
          try {
            guard('context.sync');
          } catch (e) {
            return Promise.reject(e);
          }
          return sync(...a);
        };
        return batch(ctx);
      };
      return run(...args);
    };
  };

  const deliver: ((ok: boolean) => void)[] = [];
  const becomeReady = () => {
    ready = true;
    office['context'] = context;
    const initialize = office['initialize'];
    if (typeof initialize === 'function') (initialize as (reason: string) => void)('inserted');
    note('ready');
    for (const resolve of pendingReady.splice(0)) resolve();
    for (const d of deliver.splice(0)) d(true);
  };
  // Initialisation: the host's scripts (here Excel from the test) first, then the wait for the page.
  void (async () => {
    await provideExcel(target);
    wrapExcel();
    for (let i = 0; i < polls; i++) {
      if (onReadyCalled || typeof office['initialize'] === 'function') {
        if (typeof office['initialize'] === 'function' && !onReadyCalled) note('initialize');
        becomeReady();
        return;
      }
      await new Promise((r) => setTimeout(r, pollMs));
    }
    gaveUp = true;
    errors.push(NOT_LOADED);
    note('not loaded');
    for (const d of deliver.splice(0)) d(false);
  })();

  const handle: OfficeRuntimeHandle = {
    log,
    errors,
    dialogs,
    completedCount: () => completedCount,
    get tornDown() {
      return tornDown;
    },
    click(name, timeoutMs) {
      note('click', name);
      return new Promise<ClickOutcome>((resolve) => {
        let settled = false;
        const settle = (outcome: ClickOutcome) => {
          if (settled) return;
          settled = true;
          resolve(outcome);
        };
        if (timeoutMs !== undefined) {
          setTimeout(
            () => settle({ delivered: log.some((e) => e.what === 'invoke'), completed: completedCount }),
            timeoutMs,
          );
        }
        const invoke = (ok: boolean) => {
          const handler = actions.get(name.toUpperCase());
          if (!ok || !handler || tornDown) {
            if (ok && !handler) errors.push(`No function is associated with ${name}`);
            settle({ delivered: false, completed: completedCount });
            return;
          }
          onCompleted.push(() => settle({ delivered: true, completed: completedCount }));
          note('invoke', name);
          const event = {
            source: { id: name },
            completed: (opts?: unknown) => {
              completedCount++;
              note('completed', opts === undefined ? undefined : JSON.stringify(opts));
              if (completedCount > 1) {
                errors.push('event.completed() called more than once');
                return;
              }
              tornDown = true;
              closeCurrent('teardown');
              note('teardown');
              for (const c of onCompleted.splice(0)) c();
            },
          };
          try {
            void Promise.resolve(handler(event)).catch((e: unknown) =>
              errors.push(`The command threw: ${e instanceof Error ? e.message : String(e)}`),
            );
          } catch (e) {
            errors.push(`The command threw: ${e instanceof Error ? e.message : String(e)}`);
          }
        };
        if (ready) invoke(true);
        else if (gaveUp) invoke(false);
        else deliver.push(invoke);
      });
    },
    dialogMessage: deliverMessage,
    closeDialogByUser: userCloses,
  };
  target['__officeRuntime'] = handle;
  return handle;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function originOf(url: string): string {
  const m = /^[a-z]+:\/\/[^/?#]+/i.exec(url);
  return m ? m[0] : '';
}
