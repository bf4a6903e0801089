/**
 * Site chrome of an index page (navigation, sidebars, widgets, the site's header and footer), removed
 * before the listing is read, except where it holds the listing itself.
 */
import type { Element } from 'domhandler';
import { ancestorsOf, elementsIn } from '../html/walk.js';
import { textOf } from '../html/text.js';
import { query } from '../html/query.js';
import { closestIn } from '../html/select.js';
import { candidateAnchors, isAnchor, type Ctx } from './listing-anchors.js';
import { CHROME, CHROME_TOKEN, ENTRY_OR_LISTING, HOLDS_LISTING } from './vocabulary.js';

/**
 * Removes site chrome. Semantic chrome (nav, aside, roles, site header and footer) goes outright; a block
 * named like chrome (`.widget`, `#recent-posts`...) only when it does not hold the listing: Blogger keeps
 * its posts in a `.widget`, Butterfly its index in `#recent-posts`.
 */
export function removeChrome(ctx: Ctx): void {
  const { $ } = ctx;
  query($, CHROME).remove();
  query($, 'header, footer').each((_, el) => {
    if (!(el.parent?.type === 'tag' && closestIn(el.parent, ENTRY_OR_LISTING))) $(el).remove();
  });
  const root = $.root().get(0)!;
  const total = candidateAnchors(ctx, root).length;
  const listing = new Set(query($, HOLDS_LISTING).toArray());
  const holdsListing = ancestorsOf(listing);
  const named = elementsIn(root, (el) => {
    const tokens = `${el.attribs['class'] ?? ''} ${el.attribs['id'] ?? ''}`.split(/\s+/);
    return tokens.some((t) => t && CHROME_TOKEN.test(t));
  });
  for (const el of named) {
    if (listing.has(el) || holdsListing.has(el) || !attached(el)) continue;
    if (total >= 4 && candidateAnchors(ctx, el).length * 2 > total) continue;
    if (readsLikeListing(ctx, el)) continue;
    $(el).remove();
  }
}

/** Prose per post link above which a block is a listing of excerpts, not a widget of titles. */
const EXCERPT_CHARS_PER_LINK = 120;

/**
 * A block whose post links come with excerpts is a listing whatever its name: Butterfly's index is
 * `#recent-posts`, and on a last page with few posts the sidebar's "recent posts" widget holds as many
 * links as the listing. Widgets show titles and dates only.
 */
function readsLikeListing(ctx: Ctx, el: Element): boolean {
  const posts = candidateAnchors(ctx, el).length;
  if (!posts) return false;
  const linkText = elementsIn(el, isAnchor).reduce((n, a) => n + textOf(a).length, 0);
  return (textOf(el, true).length - linkText) / posts >= EXCERPT_CHARS_PER_LINK;
}

/** Still in the document (an ancestor may have been removed). */
export function attached(el: Element): boolean {
  let n: Element['parent'] = el.parent;
  while (n && n.type !== 'root') n = n.parent;
  return n !== null;
}
