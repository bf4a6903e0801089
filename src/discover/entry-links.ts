/** What one entry of a listing gives: the link it stands for, and the title and date it shows. */
import type { Element } from 'domhandler';
import type { PostLink } from '../types.js';
import { parseDate } from '../text/dates.js';
import { absoluteUrl, normalizeUrl } from '../url/url.js';
import { elementsIn, firstIn, isElement } from '../html/walk.js';
import { textOf } from '../html/text.js';
import { candidateAnchors, isAnchor, isReadMore, isReadMoreText, postUrlOf, words, type Ctx } from './listing-anchors.js';
import { CARD_BLOCKS, DATE_ELEMENTS, EDGE_PUNCTUATION, SELF_LINK_ACTION, TITLE_CLASS, TITLE_LINKS, TITLE_TEXT } from './vocabulary.js';

/** The one link an entry stands for: "Read more", else the title link, else its first post-like link. */
export function entryLink(ctx: Ctx, entry: Element): PostLink | undefined {
  const anchors = candidateAnchors(ctx, entry);
  if (!anchors.length) return undefined;
  const titled = TITLE_LINKS.map((sel) => anchors.find((a) => ctx.sets(sel).has(a))).find(Boolean);
  const chosen = anchors.find((a) => isReadMore(ctx, a)) ?? titled ?? anchors[0]!;
  const url = postUrlOf(ctx, chosen)!;
  return { url, ...describe(ctx, entry, url, chosen) };
}

/** Title and date shown for the entry, when visible. */
export function describe(ctx: Ctx, entry: Element, url: string, chosen: Element): Omit<PostLink, 'url'> {
  const title = entryTitle(ctx, entry, url, chosen);
  const date = entryDate(ctx, entry);
  return { ...(title ? { title } : {}), ...(date ? { date } : {}) };
}

function entryTitle(ctx: Ctx, entry: Element, url: string, chosen: Element): string | undefined {
  const key = normalizeUrl(url);
  const sameTarget = elementsIn(entry, isAnchor).filter((a) => {
    const href = absoluteUrl(a.attribs['href'], ctx.base);
    return href !== undefined && normalizeUrl(href) === key;
  });
  const usable = (text: string) => text.length > 0 && !isReadMoreText(text) && !parseDateOnly(text) && !SELF_LINK_ACTION.test(text.replace(EDGE_PUNCTUATION, ''));
  // Heading and title-class links are titles whatever they say; looser matches must not read "Read more".
  for (const [i, sel] of TITLE_LINKS.entries()) {
    const a = sameTarget.find((el) => ctx.sets(sel).has(el));
    const text = a ? titleOf(ctx, a) : '';
    if (i < 3 ? text && !parseDateOnly(text) : usable(text)) return text;
  }
  const own = [chosen, ...sameTarget].map((a) => titleOf(ctx, a)).find(usable);
  if (own) return own;
  // A heading linking elsewhere ("2019" over an archive's year) labels a group, not this entry.
  const headingEl = firstIn(entry, ctx.sets(TITLE_TEXT));
  const linksElsewhere = headingEl && elementsIn(headingEl, isAnchor).some((a) => !sameTarget.includes(a));
  const heading = headingEl && !linksElsewhere ? textOf(headingEl) : '';
  return heading && usable(heading) && heading.length < 300 ? heading : undefined;
}

/** Text of a title link, or its label when it has no text (covering links with aria-label). */
function titleOf(ctx: Ctx, a: Element): string {
  const heading = firstIn(a, ctx.sets('h1, h2, h3, h4, h5')) ?? cardTitle(a);
  return textOf(heading ?? a) || words(a.attribs['title']);
}

/**
 * The title inside a link that wraps a whole card (image, title, date, excerpt) without a heading: the
 * element classed as a title, else the card's first line of text that is not a date. Undefined for a
 * link that is only text.
 */
function cardTitle(a: Element): Element | undefined {
  const parts = elementsIn(a, (el) => el !== a && CARD_BLOCKS.has(el.name));
  if (parts.length < 2) return undefined;
  const classed = parts.find((el) => TITLE_CLASS.test(el.attribs['class'] ?? '') && textOf(el));
  if (classed) return classed;
  return parts.find((el) => el.name !== 'img' && !el.children.some((c) => isElement(c) && CARD_BLOCKS.has(c.name)) && textOf(el) && !parseDateOnly(textOf(el)));
}

function parseDateOnly(text: string): boolean {
  return text.length < 40 && parseDate(text) !== undefined && text.replace(/[\d\s/.,:年月日-]/g, '').length < 12;
}

function entryDate(ctx: Ctx, entry: Element): string | undefined {
  for (const selector of DATE_ELEMENTS) {
    const set = ctx.sets(selector);
    for (const el of elementsIn(entry, (e) => set.has(e))) {
      const machine = el.attribs['datetime'] ?? el.attribs['content'] ?? el.attribs['title'];
      const date = parseDate(machine, ctx.order) ?? parseDate(textOf(el).slice(0, 200), ctx.order);
      if (date) return date;
    }
  }
  const text = textOf(entry, true);
  if (text.length < 300) return parseDate(text, ctx.order);
  const heading = firstIn(entry, ctx.sets(TITLE_TEXT));
  return heading ? parseDate(textOf(heading), ctx.order) : undefined;
}
