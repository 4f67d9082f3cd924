import { DEFAULT_SCHEMES, type StatusScheme } from '../../src/core/settings';
import {
  classifyStatus,
  isRatingLike,
  leadingScore,
  rollUpLabels,
  splitDepartmentRatings,
  suggestStatus,
  topCategories,
} from '../../src/core/status';

const scheme = (id: string): StatusScheme => DEFAULT_SCHEMES.find((s) => s.id === id)!;
const progress3 = scheme('progress3');
const abcd = scheme('abcd');
const score3 = scheme('score3');

describe('classifyStatus', () => {
  it('matches labels with spaces, full-width forms and wrapping brackets as noise', () => {
    for (const raw of ['順調', '順 調', '順\u3000調', ' 順調 ', '【順調】', '「順調」']) {
      expect(classifyStatus(raw, progress3)).toEqual({
        kind: 'matched',
        status: '順調',
        category: '順調',
        excluded: false,
      });
    }
    expect(classifyStatus('Ａ', abcd)).toMatchObject({ kind: 'matched', status: 'A' });
    expect(classifyStatus('a', abcd)).toMatchObject({ kind: 'matched', status: 'A' });
  });

  it('matches aliases to their label', () => {
    expect(classifyStatus('やや遅れ', progress3)).toMatchObject({
      status: 'やや遅れている',
      category: 'やや遅れている',
    });
    expect(classifyStatus('計画どおり', progress3)).toMatchObject({ status: '順調' });
  });

  it('rolls a sub-status up into its category but keeps the label matched', () => {
    expect(classifyStatus('達成', progress3)).toEqual({
      kind: 'matched',
      status: '達成',
      category: '順調',
      excluded: false,
    });
  });

  it('reads a leading score and prefers it to the words after it', () => {
    expect(classifyStatus('2：やや遅れているが、概ね順調', score3)).toEqual({
      kind: 'matched',
      status: 'やや遅れているが、概ね順調',
      category: 'やや遅れているが、概ね順調',
      excluded: false,
      score: 2,
    });
    expect(classifyStatus('3 目標達成に向けて順調', score3)).toMatchObject({
      status: '目標達成に向けて順調',
      score: 3,
    });
    expect(classifyStatus('１：遅れが生じている', score3)).toMatchObject({
      status: '遅れが生じている',
      score: 1,
    });
  });

  it('falls back to the words after a score the scheme does not know', () => {
    expect(classifyStatus('9：順調', progress3)).toMatchObject({ kind: 'matched', status: '順調', score: 9 });
  });

  it('maps placeholders to the excluded category when the scheme has one', () => {
    for (const raw of ['-', '—', '－', '―']) {
      expect(classifyStatus(raw, abcd)).toEqual({
        kind: 'matched',
        status: '対象外',
        category: '対象外',
        excluded: true,
      });
    }
  });

  it('treats a placeholder as blank in a scheme without an excluded category', () => {
    expect(classifyStatus('-', score3)).toEqual({ kind: 'blank' });
    expect(classifyStatus('   ', progress3)).toEqual({ kind: 'blank' });
  });

  it('ignores a bracketed note after a status', () => {
    expect(classifyStatus('順調（R4完了予定）', progress3)).toMatchObject({
      kind: 'matched',
      status: '順調',
    });
  });

  it('reports an unknown status with the closest label when one is close', () => {
    expect(classifyStatus('順長', progress3)).toEqual({ kind: 'unknown', suggestion: '順調' });
    expect(classifyStatus('やや遅れてる', progress3)).toEqual({
      kind: 'unknown',
      suggestion: 'やや遅れている',
    });
    expect(classifyStatus('概ね順調に推移', progress3)).toEqual({ kind: 'unknown', suggestion: '順調' });
  });

  it('suggests nothing when nothing is close', () => {
    expect(classifyStatus('E', abcd)).toEqual({ kind: 'unknown', suggestion: null });
    expect(classifyStatus('検討中のため記載なし', progress3)).toEqual({ kind: 'unknown', suggestion: null });
  });
});

describe('suggestStatus', () => {
  it('prefers the longest contained label when several are contained', () => {
    expect(suggestStatus('やや遅れ気味', progress3)).toBe('やや遅れている');
  });
});

describe('leadingScore', () => {
  it('splits a score from the words after it', () => {
    expect(leadingScore('2：やや遅れているが、概ね順調')).toEqual({
      score: 2,
      rest: 'やや遅れているが、概ね順調',
    });
    expect(leadingScore('3')).toEqual({ score: 3, rest: '' });
    expect(leadingScore('2.5')).toEqual({ score: 2.5, rest: '' });
  });

  it('does not take a number that is part of a word for a score', () => {
    expect(leadingScore('3月完了')).toBeNull();
    expect(leadingScore('順調')).toBeNull();
  });
});

describe('scheme helpers', () => {
  it('lists top-level categories in order and the labels that roll up', () => {
    expect(topCategories(progress3)).toEqual(['順調', 'やや遅れている', '遅れている']);
    expect(rollUpLabels(progress3)).toEqual(['達成']);
    expect(topCategories(abcd)).toEqual(['A', 'B', 'C', 'D', '完了']);
  });

  it('tells counted ratings from placeholders and unknown text', () => {
    expect(isRatingLike('A', abcd)).toBe(true);
    expect(isRatingLike('-', abcd)).toBe(false);
    expect(isRatingLike('市民課', abcd)).toBe(false);
  });
});

describe('splitDepartmentRatings', () => {
  it('splits department and rating pairs', () => {
    const pairs = splitDepartmentRatings('契約検査課 A 財政課 A', abcd);
    expect(pairs.map((p) => [p.department, p.rating, p.match.category])).toEqual([
      ['契約検査課', 'A', 'A'],
      ['財政課', 'A', 'A'],
    ]);
  });

  it('keeps four pairs in order, with different ratings', () => {
    const pairs = splitDepartmentRatings('企画調整課 A 公共施設管理課 A 市民課 A 学校教育課 B', abcd);
    expect(pairs.map((p) => `${p.department}:${p.rating}`)).toEqual([
      '企画調整課:A',
      '公共施設管理課:A',
      '市民課:A',
      '学校教育課:B',
    ]);
  });

  it('keeps a department written in several words together', () => {
    const pairs = splitDepartmentRatings('上下水道局 経営企画課 A\n企画調整課 (庁舎整備室) B', abcd);
    expect(pairs.map((p) => p.department)).toEqual(['上下水道局 経営企画課', '企画調整課 (庁舎整備室)']);
  });

  it('reads ratings glued to the name, after a colon, or after a bracketed name', () => {
    expect(splitDepartmentRatings('財政課A 人事課Ｂ', abcd).map((p) => p.rating)).toEqual(['A', 'B']);
    expect(splitDepartmentRatings('財政課：A、人事課：完了', abcd).map((p) => p.match.status)).toEqual([
      'A',
      '完了',
    ]);
    expect(splitDepartmentRatings('【人事課】B【教育総務課】B', abcd).map((p) => p.department)).toEqual([
      '人事課',
      '教育総務課',
    ]);
  });

  it('marks a department pair rated "-" as excluded', () => {
    const pairs = splitDepartmentRatings('市民課 - 財政課 A', abcd);
    expect(pairs.map((p) => p.match.excluded)).toEqual([true, false]);
  });

  it('returns nothing for text that is not a list of pairs', () => {
    expect(splitDepartmentRatings('A', abcd)).toEqual([]);
    expect(splitDepartmentRatings('A B', abcd)).toEqual([]);
    expect(splitDepartmentRatings('財政課 A 人事課', abcd)).toEqual([]);
    expect(splitDepartmentRatings('おおむね計画どおり', abcd)).toEqual([]);
    expect(splitDepartmentRatings('', abcd)).toEqual([]);
  });
});

describe('classifyStatus: exact or reported (issue 9)', () => {
  it('never reads a negated or partial form as the positive label, nor suggests it', () => {
    for (const raw of [
      '未達成',
      '一部達成',
      '未完了',
      '一部完了',
      '非達成',
      '不達成',
      '達成なし',
      '一部 完了',
    ]) {
      expect(classifyStatus(raw, abcd)).toEqual({ kind: 'unknown', suggestion: null });
    }
    expect(classifyStatus('未 順調', progress3)).toEqual({ kind: 'unknown', suggestion: null });
  });

  it('reads only a trailing note, and keeps it', () => {
    expect(classifyStatus('B（一部完了）', abcd)).toMatchObject({
      kind: 'matched',
      status: 'B',
      note: '一部完了',
    });
    expect(classifyStatus('完了 ※一部継続', abcd)).toMatchObject({ status: '完了', note: '一部継続' });
    expect(classifyStatus('(未)完了', abcd)).toMatchObject({ kind: 'unknown' });
    expect(classifyStatus('未完了(R4)', abcd)).toMatchObject({ kind: 'unknown' });
  });

  it('takes a score only when the words after it agree with it', () => {
    expect(classifyStatus('3：遅れが生じている', score3)).toMatchObject({ kind: 'unknown' });
    expect(classifyStatus('3 未達成', score3)).toMatchObject({ kind: 'unknown' });
    expect(classifyStatus('3：順調', score3)).toMatchObject({ kind: 'matched', score: 3 });
  });

  it('suggests a one-letter label standing alone, not inside a Latin word', () => {
    expect(suggestStatus('Ａ評価', abcd)).toBe('A');
    expect(suggestStatus('評価B', abcd)).toBe('B');
    expect(suggestStatus('AB評価', abcd)).toBeNull();
    expect(suggestStatus('AまたはB', abcd)).toBeNull();
  });

  it('never cuts a rating off a word when splitting 所管課 rating pairs', () => {
    for (const raw of [
      '財政課 未完了',
      '財政課 一部 A',
      '財政課一部A',
      '財政課：未A 人事課 A',
      '未 完了',
      '財政課 未達成 人事課 A',
    ]) {
      expect(splitDepartmentRatings(raw, abcd)).toEqual([]);
    }
    expect(
      splitDepartmentRatings('未来戦略室 A 人事課B', abcd).map((p) => `${p.department}:${p.rating}`),
    ).toEqual(['未来戦略室:A', '人事課:B']);
  });
});
