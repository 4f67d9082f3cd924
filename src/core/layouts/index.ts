import type { LayoutId } from '../model';
import { CARD_LABELS, cardsLayout } from './cards';
import { FLAT_TABLE_LABELS, flatTableLayout } from './flatTable';
import { INDICATOR_BLOCK_LABELS, indicatorBlocksLayout } from './indicatorBlocks';
import { PLAN_CARD_LABELS, planCardsLayout } from './planCards';
import { SCORED_SHEET_LABELS, scoredSheetsLayout } from './scoredSheets';
import type { Layout } from './types';

/**
 * Every layout the engine recognises, tried on each sheet; the one whose detect() is surest wins.
 * Order breaks ties.
 */
export const LAYOUTS: readonly Layout[] = [
  cardsLayout,
  flatTableLayout,
  indicatorBlocksLayout,
  scoredSheetsLayout,
  planCardsLayout,
];

/**
 * The header concepts of each layout and their built-in words: what `labels.<layout>.<concept>` may
 * name in the settings (settingsIO refuses other names), and what docs/cli.md lists.
 */
export const LAYOUT_LABELS: Readonly<Record<LayoutId, Readonly<Record<string, readonly string[]>>>> = {
  cards: CARD_LABELS,
  flatTable: FLAT_TABLE_LABELS,
  indicatorBlocks: INDICATOR_BLOCK_LABELS,
  scoredSheets: SCORED_SHEET_LABELS,
  planCards: PLAN_CARD_LABELS,
};
