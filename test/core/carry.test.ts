import { Carries, copyCarry } from '../../src/core/run';
import type { LayoutCarry } from '../../src/core/layouts/types';

describe('copyCarry: the one copy of a carried state', () => {
  it('copies plain objects and arrays deeply', () => {
    const state = {
      open: { statuses: [{ raw: '完了', at: { sheet: 'S', row: 1, col: 2 } }], belowSheet: [] },
    };
    const copy = copyCarry(state);
    expect(copy).toEqual(state);
    copy.open.statuses[0]!.at.row = 9;
    copy.open.statuses.push({ raw: '', at: { sheet: 'S', row: 2, col: 2 } });
    expect(state.open.statuses).toEqual([{ raw: '完了', at: { sheet: 'S', row: 1, col: 2 } }]);
  });

  it('shares a frozen object (it cannot change) and keeps undefined and null as they are', () => {
    const seen = Object.freeze({ '1': { row: 3 } });
    const copy = copyCarry({ seen, table: null, n: 3, s: 'x' });
    expect(copy.seen).toBe(seen);
    expect(copy).toEqual({ seen, table: null, n: 3, s: 'x' });
  });
});

describe('Carries: stored by layout id, handed on as fresh copies', () => {
  it('gives each parse its own copy, so a parse thrown away changes nothing', () => {
    const carries = new Carries();
    const stored: LayoutCarry<'flatTable'> = { group: ['A'], state: { section: 'A', number: '1' } };
    carries.store('flatTable', stored);
    const first = carries.take('flatTable');
    expect(first).toEqual(stored);
    expect(first).not.toBe(stored);
    (first.group as string[]).push('B');
    expect(carries.take('flatTable')).toEqual({ group: ['A'], state: { section: 'A', number: '1' } });
  });

  it('is empty for a layout no sheet handed a carry, and per layout id', () => {
    const carries = new Carries();
    carries.store('cards', { group: ['G'] });
    expect(carries.has('cards')).toBe(true);
    expect(carries.has('flatTable')).toBe(false);
    expect(carries.take('flatTable')).toEqual({});
    expect(carries.take('table:t1')).toEqual({});
  });

  it('says a sheet moved the state on only when the carry differs', () => {
    const carries = new Carries();
    carries.store('flatTable', { group: ['A'], state: { section: 'A' } });
    expect(carries.movedOn('flatTable', carries.take('flatTable'))).toBe(false);
    expect(carries.movedOn('flatTable', { group: ['A'], state: { section: 'B' } })).toBe(true);
    expect(carries.movedOn('cards', {})).toBe(false);
  });
});
