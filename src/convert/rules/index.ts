import { headingAnchors } from './anchors.js';
import { heading, lineBreak } from './blocks.js';
import { callouts } from './callouts.js';
import { codeBlocks, fencedCodeBlock, inlineCode, mermaidBlocks } from './code-blocks.js';
import { depthLimit } from './depth-limit.js';
import { details, summary } from './details.js';
import { embeds } from './embeds.js';
import { emojiImages } from './emoji.js';
import { emphasis, strikethrough, strong } from './emphasis.js';
import { footnoteDefinition, footnoteReference, footnotes } from './footnotes.js';
import { gists } from './gist.js';
import { image, imageSources, repeatedCaptions } from './images.js';
import { definitionDescription, definitionTerm, inlineHtml } from './inline-html.js';
import { junk } from './junk.js';
import { absoluteLinks, blockLinks, encodedLinks, inlineLink } from './links.js';
import { listItem, taskListItem } from './lists.js';
import { delimitedMath, math, mathMarkdown } from './math.js';
import { headerRows, tableCell, tableLayout, tableRows } from './tables.js';
import { tabs } from './tabs.js';
import type { DomRule, MarkdownRule } from './types.js';

/**
 * DOM rewrites, in order. The depth limit protects every recursive step after it. Math and embeds read `<script>`s before `junk` drops scripts, tabs read their labels before it drops buttons; gists and code
 * blocks are settled before anything looks inside them; tables come last, once cells hold their
 * final content, and their rows are fixed last of all.
 */
export const domRules: DomRule[] = [
  depthLimit,
  math,
  delimitedMath,
  embeds,
  gists,
  tabs,
  junk,
  mermaidBlocks,
  codeBlocks,
  footnotes,
  emojiImages,
  headingAnchors,
  encodedLinks,
  blockLinks,
  absoluteLinks,
  imageSources,
  repeatedCaptions,
  callouts,
  tableLayout,
  headerRows,
  tableRows,
];

/** Turndown rules added on top of turndown's own and the GFM plugin's; they win where both match. */
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
  mathMarkdown,
  footnoteReference,
  footnoteDefinition,
  details,
  summary,
  inlineHtml,
  definitionTerm,
  definitionDescription,
  emphasis,
  strong,
  strikethrough,
];
