import { codeBlocks, fencedCodeBlock, inlineCode } from './code-blocks.js';
import { heading, lineBreak } from './blocks.js';
import { image, imageSources } from './images.js';
import { absoluteLinks, inlineLink } from './links.js';
import { listItem, taskListItem } from './lists.js';
import { tableCell, tableLayout } from './tables.js';
import type { DomRule, MarkdownRule } from './types.js';

/** DOM rewrites, in order: each may rely on the ones before it. */
export const domRules: DomRule[] = [codeBlocks, absoluteLinks, imageSources, tableLayout];

/** Turndown rules added on top of turndown's own and the GFM plugin's (these win where both match). */
export const markdownRules: MarkdownRule[] = [
  fencedCodeBlock,
  inlineCode,
  heading,
  lineBreak,
  inlineLink,
  image,
  listItem,
  taskListItem,
  tableCell,
];
