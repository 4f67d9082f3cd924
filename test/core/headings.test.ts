import { isSectionHeading, parseHeading, type HeadingMarker } from '../../src/core/layouts/headings';

const WORDS = ['重点項目', '基本目標', '基本方針'];

type Expected = { level: number; marker: HeadingMarker; number: string; title: string; bullet?: string };

describe('parseHeading: one grammar for group headings', () => {
  const headings: readonly (readonly [string, Expected])[] = [
    [
      '●重点項目1 行政運営の効率化',
      { level: 1, marker: 'word', number: '1', title: '行政運営の効率化', bullet: '●' },
    ],
    ['重点項目１', { level: 1, marker: 'word', number: '1', title: '' }],
    ['重 点 項 目 2　市民協働', { level: 1, marker: 'word', number: '2', title: '市民協働' }],
    ['基本目標 3 持続可能な財政', { level: 1, marker: 'word', number: '3', title: '持続可能な財政' }],
    ['基本方針', { level: 1, marker: 'word', number: '', title: '' }],
    ['第2章 財政運営', { level: 1, marker: 'chapter', number: '2', title: '財政運営' }],
    ['第 １ 章　総則', { level: 1, marker: 'chapter', number: '1', title: '総則' }],
    ['Ⅱ 効率化', { level: 1, marker: 'roman', number: 'II', title: '効率化' }],
    ['IV. 人材育成', { level: 1, marker: 'roman', number: 'IV', title: '人材育成' }],
    ['1 市民ニーズへの対応', { level: 1, marker: 'number', number: '1', title: '市民ニーズへの対応' }],
    ['１．総則', { level: 1, marker: 'number', number: '1', title: '総則' }],
    ['12、窓口改善', { level: 1, marker: 'number', number: '12', title: '窓口改善' }],
    ['3) 施設', { level: 1, marker: 'number', number: '3', title: '施設' }],
    ['1-1 窓口サービス', { level: 2, marker: 'dashed', number: '1-1', title: '窓口サービス' }],
    ['２－３　電子申請', { level: 2, marker: 'dashed', number: '2-3', title: '電子申請' }],
    ['(1) 財政マネジメント', { level: 2, marker: 'paren', number: '1', title: '財政マネジメント' }],
    ['（２）市民サービス', { level: 2, marker: 'paren', number: '2', title: '市民サービス' }],
    ['( 10 )協働', { level: 2, marker: 'paren', number: '10', title: '協働' }],
    ['⑴ 組織', { level: 2, marker: 'paren', number: '1', title: '組織' }],
    ['■(3) 向上', { level: 2, marker: 'paren', number: '3', title: '向上', bullet: '■' }],
    ['①窓口サービスの改善', { level: 3, marker: 'circled', number: '1', title: '窓口サービスの改善' }],
    ['⑫ 公共施設', { level: 3, marker: 'circled', number: '12', title: '公共施設' }],
  ];
  it.each(headings)('%s', (text, expected) => {
    expect(parseHeading(text, WORDS)).toEqual({ bullet: '', ...expected, separator: expect.any(String) });
  });

  const notHeadings = [
    '1日1万歩運動の推進', // an item title starting with a number
    '2021.4.1',
    '2021/4/1',
    '令和3年4月1日',
    '1,234',
    '1.5%',
    '1、2号',
    '12月',
    '3年度',
    '重点取組の推進', // not one of the words
    '窓口サービスの改善',
    '',
    '●',
  ];
  it.each(notHeadings)('%s is not a heading', (text) => {
    expect(parseHeading(text, WORDS)).toBeNull();
  });

  it('reads group words only when the layout gives them', () => {
    expect(parseHeading('重点項目1')).toBeNull();
    expect(parseHeading('重点項目1', ['重点項目'])?.marker).toBe('word');
  });

  it('keeps what separates a number from its title, for layouts that accept only some', () => {
    expect(parseHeading('1 市民')?.separator).toBe(' ');
    expect(parseHeading('1.市民')?.separator).toBe('.');
    expect(parseHeading('1. 市民')?.separator).toBe('. ');
    expect(isSectionHeading('1 市民')).toBe(false);
    expect(isSectionHeading('1. 総則')).toBe(true);
    expect(isSectionHeading('第1章')).toBe(true);
    expect(isSectionHeading('①窓口')).toBe(false);
    expect(isSectionHeading('1-1 窓口')).toBe(false);
  });
});
