/**
 * @jest-environment jsdom
 */
import type { OfficeRuntimeHandle } from '../support/officeRuntime';
import { installOfficeRuntime } from '../support/officeRuntime';

/** The stand-in itself: it refuses what Office refuses, so a test through it can fail. */

interface Page {
  Office: {
    onReady(): Promise<unknown>;
    initialize?: (reason: string) => void;
    actions: { associate(name: string, fn: (event: { completed(): void }) => unknown): void };
    context: {
      ui: {
        displayDialogAsync(url: string, o: unknown, cb: (r: { value: Dialog }) => void): void;
      };
    };
  };
  Excel: { run(batch: (ctx: { sync(): Promise<void> }) => Promise<unknown>): Promise<unknown> };
}
interface Dialog {
  addEventHandler(type: string, h: (arg: unknown) => void): void;
}

function install(): { page: Page; office: OfficeRuntimeHandle; syncs: () => number } {
  const page = { location: { href: 'https://x.example/commands.html' } } as unknown as Page;
  let syncs = 0;
  const office = installOfficeRuntime(page as never, { readyPollMs: 2, readyPolls: 10 }, (target) => {
    target['Excel'] = {
      run: (batch: (ctx: { sync(): Promise<void> }) => Promise<unknown>) =>
        batch({ sync: () => Promise.resolve(void syncs++) }),
    };
  });
  return { page, office, syncs: () => syncs };
}

describe('the Office runtime stand-in', () => {
  it('never delivers a click to a page that did not call Office.onReady() nor set Office.initialize', async () => {
    const { page, office } = install();
    let invoked = false;
    page.Office.actions.associate('run', () => {
      invoked = true;
    });
    expect(await office.click('run')).toEqual({ delivered: false, completed: 0 });
    expect(invoked).toBe(false);
    expect(office.errors.join()).toContain('Office.js has not fully loaded');
  });

  it('delivers it after Office.initialize is set, names compared without case', async () => {
    const { page, office } = install();
    page.Office.initialize = () => undefined;
    page.Office.actions.associate('RUN', (event) => event.completed());
    expect(await office.click('run')).toEqual({ delivered: true, completed: 1 });
    expect(office.log.map((e) => e.what)).toEqual([
      'associate',
      'click',
      'initialize',
      'ready',
      'invoke',
      'completed',
      'teardown',
    ]);
  });

  it('tears the runtime down at completed(): Excel and dialogs fail, handlers are not called, twice is an error', async () => {
    const { page, office, syncs } = install();
    void page.Office.onReady();
    let event: { completed(): void } | null = null;
    page.Office.actions.associate('run', (e) => {
      event = e;
    });
    const done = office.click('run');
    for (let i = 0; i < 100 && !event; i++) await new Promise((r) => setTimeout(r, 2));
    let messages = 0;
    page.Office.context.ui.displayDialogAsync('https://x.example/dialog.html', {}, (r) =>
      r.value.addEventHandler('dialogMessageReceived', () => messages++),
    );
    await new Promise((r) => setTimeout(r, 5));
    // A batch started before completed() whose sync comes after it.
    const batch = page.Excel.run(async (ctx) => {
      await new Promise((r) => setTimeout(r, 5));
      await ctx.sync();
    });
    event!.completed();
    expect(await done).toEqual({ delivered: true, completed: 1 });
    await expect(batch).rejects.toThrow('after event.completed()');
    expect(syncs()).toBe(0);
    await expect(page.Excel.run(async () => undefined)).rejects.toThrow('after event.completed()');
    expect(() => office.dialogMessage('close')).toThrow();
    expect(office.dialogs[0]!.open).toBe(false);
    await new Promise((r) => setTimeout(r, 5));
    expect(messages).toBe(0);
    event!.completed();
    expect(office.errors).toContain('event.completed() called more than once');
  });
});
