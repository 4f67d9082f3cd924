import { cardsLayout } from './cards';
import { flatTableLayout } from './flatTable';
import { indicatorBlocksLayout } from './indicatorBlocks';
import { planCardsLayout } from './planCards';
import { scoredSheetsLayout } from './scoredSheets';
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
