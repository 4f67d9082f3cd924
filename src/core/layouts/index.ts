import { cardsLayout } from './cards';
import { flatTableLayout } from './flatTable';
import { indicatorBlocksLayout } from './indicatorBlocks';
import { planCardsLayout } from './planCards';
import { LAYOUT_IDS, type LayoutId } from './registry';
import { scoredSheetsLayout } from './scoredSheets';
import type { BuiltInLayout, Layout } from './types';

const BY_ID: { readonly [Id in LayoutId]: Layout<Id> } = {
  cards: cardsLayout,
  flatTable: flatTableLayout,
  indicatorBlocks: indicatorBlocksLayout,
  scoredSheets: scoredSheetsLayout,
  planCards: planCardsLayout,
};

/**
 * Every layout the engine recognises, in registry order (registry.ts), tried on each sheet; the one
 * whose detect() is surest wins. Order breaks ties.
 */
export const LAYOUTS: readonly BuiltInLayout[] = LAYOUT_IDS.map((id) => BY_ID[id]);

/**
 * The header concepts of each layout and their built-in words, from the layouts' records: what
 * `labels.<layout>.<concept>` may name in the settings (settingsIO refuses other names), and what
 * docs/cli.md lists.
 */
export const LAYOUT_LABELS: Readonly<Record<LayoutId, Readonly<Record<string, readonly string[]>>>> =
  Object.fromEntries(
    LAYOUTS.map((l) => [l.id, Object.fromEntries(Object.entries(l.concepts).map(([k, c]) => [k, c.words]))]),
  ) as Record<LayoutId, Readonly<Record<string, readonly string[]>>>;
