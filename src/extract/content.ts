import type { Cheerio, CheerioAPI } from 'cheerio';
import type { Element } from 'domhandler';
import type { Overrides } from '../types.js';
import { query, safeSelect } from '../html/query.js';
import { closestIn } from '../html/select.js';
import type { EngineRule } from './engines/index.js';
import { contentWeight, scoreBest, statsOf, textStats } from './scorer.js';

/** Where the article body usually lives on blogs of any engine, most specific first. */
const SEMANTIC = [
  '[itemprop="articleBody"]',
  '.post-content',
  '.entry-content',
  '.post-body',
  '.article-content',
  '.article-body',
  '.article-entry',
  '.post-entry',
  '.blog-post-content',
  '.single-content',
  '.story-body',
  '.post__content',
  '.article__content',
  '.entry__content',
  '.post__body',
  '.article__body',
  '#article-body',
  '#post-body',
  '#postBody',
  '.markdown-body',
  // Tailwind Typography's class for rendered Markdown: the body of most Tailwind themes (Next.js, Astro, Hugo).
  '.prose',
  '.e-content',
  'article',
  '[role="main"]',
  'main',
];

/** Selectors so broad that they are trusted only when they hold most of what the scorer found. */
const BROAD = new Set(['article', '[role="main"]', 'main', '.e-content']);

export type ContentSource = 'override' | 'engine' | 'semantic' | 'scorer' | 'body';

export interface ContentChoice {
  root: Cheerio<Element>;
  source: ContentSource;
  selector?: string;
  /** Blocks beside the scorer's pick that belong to the article too; merged by `mergeSiblings`. */
  siblings?: Element[];
}

/**
 * Move the scorer's pick and its content siblings, in page order, into one detached wrapper. Done after
 * metadata extraction, which needs the page intact.
 */
export function mergeSiblings($: CheerioAPI, choice: ContentChoice): Cheerio<Element> {
  if (!choice.siblings?.length) return choice.root;
  const keep = new Set<Element>([choice.root.get(0)!, ...choice.siblings]);
  const wrapper = $('<div></div>') as Cheerio<Element>;
  for (const el of choice.root.parent().children().toArray()) if (keep.has(el)) wrapper.append(el);
  return wrapper;
}

/**
 * Elements whose own tag is part of what they say: a table, a list, a code block. Taken as the whole
 * article (`--content table`), only their children would reach the converter, rows without a table.
 */
const MEANINGFUL_TAG = new Set(['table', 'pre', 'ul', 'ol', 'dl', 'p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'figure', 'img', 'picture', 'video', 'audio', 'iframe', 'code', 'details', 'blockquote', 'a']);
const TABLE_PART = new Set(['thead', 'tbody', 'tfoot', 'tr']);

/**
 * The content element ready to have its inner HTML converted: itself when its tag is a mere container,
 * else (after metadata extraction, which needs it in the page) moved into a detached wrapper, a table
 * part into a table too.
 */
export function asContainer($: CheerioAPI, root: Cheerio<Element>): Cheerio<Element> {
  const el = root.get(0);
  if (!el || (!MEANINGFUL_TAG.has(el.name) && !TABLE_PART.has(el.name))) return root;
  const wrapper = $('<div></div>') as Cheerio<Element>;
  if (TABLE_PART.has(el.name)) wrapper.append($('<table></table>').append(el));
  else wrapper.append(el);
  return wrapper;
}

/**
 * The heaviest element matching the selector (index-like pages and related-post blocks match many).
 * Nothing inside a link is the article: it is a card's teaser (the next post's excerpt in a
 * previous/next link), however well its class matches.
 */
function heaviest($: CheerioAPI, selector: string): { el: Cheerio<Element>; weight: number } | undefined {
  let best: { el: Cheerio<Element>; weight: number } | undefined;
  safeSelect($, selector).each((_, el) => {
    if (closestIn(el, 'a[href]')) return;
    const weight = contentWeight($, el);
    if (!best || weight > best.weight) best = { el: $(el), weight };
  });
  return best;
}

/** True when the selector matches exactly one element on the page. */
function unique($: CheerioAPI, selector: string): boolean {
  return safeSelect($, selector).length === 1;
}

/**
 * Blocks of the text itself, never a wrapper of it: a post that is one heading and one list has the
 * scorer pick the list, and the heading above it is the post's too.
 */
const TEXT_BLOCK = new Set(['ul', 'ol', 'dl', 'table', 'pre', 'blockquote', 'p']);

/**
 * True when `inner` sits in `outer` with most of its text and every image, table and code block, and is
 * a wrapper of the text (`div.entry-content`) rather than one of its blocks.
 */
function tighter($: CheerioAPI, outer: Element, inner: Element): boolean {
  if (outer === inner || TEXT_BLOCK.has(inner.name) || !$(outer).find(inner as never).length) return false;
  const stats = textStats($);
  const [o, i] = [statsOf(stats, outer), statsOf(stats, inner)];
  return o.media === i.media && i.text >= 0.7 * o.text;
}

/**
 * The element holding the article: the user's selector, else the engine's rule, else a semantic
 * container, else the generic scorer's pick. Rule and semantic picks must carry a fair share of what the
 * scorer sees as the main text, so a theme that reuses a class for a teaser does not fool it.
 */
export function selectContent($: CheerioAPI, engine?: EngineRule, overrides?: Overrides): ContentChoice {
  if (overrides?.content) {
    const found = heaviest($, overrides.content);
    if (found) return { root: found.el, source: 'override', selector: overrides.content };
  }
  const pick = scoreBest($);
  const scored = pick ? ($(pick.best) as Cheerio<Element>) : undefined;
  const scoredWeight = pick ? contentWeight($, pick.best) : 0;
  const fairShare = (weight: number, ratio: number) => weight > 0 && weight >= ratio * scoredWeight;

  for (const selector of engine?.content ?? []) {
    const found = heaviest($, selector);
    // The theme's own article element, when the page has one only, is the article however short it is:
    // around a three-line post the copyright box, reward buttons and related-post cards outweigh it.
    if (found && (fairShare(found.weight, 0.3) || unique($, selector))) return { root: found.el, source: 'engine', selector };
  }
  for (const selector of SEMANTIC) {
    const found = heaviest($, selector);
    if (!found || !fairShare(found.weight, BROAD.has(selector) ? 0.6 : 0.4)) continue;
    // Inside a whole <article>/<main>, the scorer's tighter pick leaves the byline and widgets out.
    if (BROAD.has(selector) && scored && tighter($, found.el.get(0)!, scored.get(0)!)) {
      return { root: scored, source: 'scorer', siblings: pick!.siblings };
    }
    return { root: found.el, source: 'semantic', selector };
  }
  if (scored) return { root: scored, source: 'scorer', siblings: pick!.siblings };
  // Nothing on the page reads as text (a post published with an empty body): the page's one article
  // container is still the post, and empty is what it says; the whole body would be the site's chrome.
  const container = SEMANTIC.find((selector) => unique($, selector));
  if (container) return { root: safeSelect($, container).first() as Cheerio<Element>, source: 'semantic', selector: container };
  return { root: query($, 'body').first() as Cheerio<Element>, source: 'body' };
}
