/**
 * Page furniture: the parts of a post page that belong to the blog, not to the post (sidebars, menus,
 * the site's header and footer). Tag links, dates and headings found there are not the post's.
 */
import type { Cheerio, CheerioAPI } from 'cheerio';
import type { AnyNode, Element } from 'domhandler';
import { findIn } from '../html/query.js';
import { classAndIdTokens } from '../html/text.js';
import { insideAny } from '../html/walk.js';
import { factOf, hasFact, pageFact, setFact } from '../html/parse.js';
import { closestIn, matchesSelector, selectIn } from '../html/select.js';
import { ARTICLE_SCOPE, FURNITURE_PART, FURNITURE_ROLES, FURNITURE_TOKEN, SIDEBAR, TERM_LIST_FURNITURE } from './vocabulary.js';

/** Whether the element is page furniture by its tag, its role, or the words of its class and id. */
export function isFurniture(el: Element): boolean {
  return el.name === 'aside' || el.name === 'nav' || isMarkedFurniture(el);
}

/** Whether the element is page furniture by its role or the words of its class and id (whatever its tag). */
export function isMarkedFurniture(el: Element): boolean {
  if (FURNITURE_ROLES.has(el.attribs.role ?? '')) return true;
  if ((el.name === 'header' || el.name === 'footer') && (el.parent as Element | null)?.name === 'body') return true;
  // id="header"/"footer" is the page's; a class "footer" may be the post's own footer.
  if (/^(header|footer)$/i.test(el.attribs.id ?? '')) return true;
  if (!el.attribs.class && !el.attribs.id) return false;
  return classAndIdTokens(el).some((t) => FURNITURE_TOKEN.test(t) || FURNITURE_PART.test(t));
}

/** The site-wide footer: furniture in general, but wiki-born engines (ikiwiki) print the page's own tags there. */
export function isPageFooter(el: Element): boolean {
  if (el.attribs.role === 'contentinfo' || /^footer$/i.test(el.attribs.id ?? '')) return true;
  return el.name === 'footer' && (el.parent as Element | null)?.name === 'body';
}

const FURNITURE = pageFact<Set<AnyNode>>('page furniture');

/**
 * Collect the page furniture once per document. Containers of the article itself are not furniture,
 * even when a theme calls them a widget (Blogger wraps all posts in `.widget.Blog`).
 */
export function prepareFurniture($: CheerioAPI, root: Cheerio<Element> | undefined): void {
  const holdsArticle = new Set<AnyNode>();
  for (let n: AnyNode | null = root?.get(0) ?? null; n; n = n.parent) holdsArticle.add(n);
  const set = new Set<AnyNode>();
  // Furniture inside furniture adds nothing to `inFurniture`: its subtree is not searched. An explicit
  // stack: a page may nest elements thousands deep.
  const stack: Element[] = selectIn($.root().get(0)!, 'body');
  while (stack.length) {
    for (const child of stack.pop()!.children) {
      if (child.type !== 'tag') continue;
      if (!holdsArticle.has(child) && isFurniture(child)) set.add(child);
      else stack.push(child);
    }
  }
  setFact($, FURNITURE, set);
}

/** True when the element sits in page furniture (sidebar, nav, site header/footer...). */
export function inFurniture($: CheerioAPI, el: AnyNode): boolean {
  if (!hasFact($, FURNITURE)) prepareFurniture($, undefined);
  return insideAny(el, factOf($, FURNITURE, () => new Set<AnyNode>()));
}

/**
 * Whether the furniture around `el`, below `scope` (the post's article container), is only a list of
 * terms (TERM_LIST_FURNITURE): its links are then the post's terms, not the blog's.
 */
export function inOwnTermList($: CheerioAPI, el: AnyNode, scope: Element): boolean {
  const furniture = factOf($, FURNITURE, () => new Set<AnyNode>());
  for (let n: AnyNode | null = el.parent; n && n !== scope; n = n.parent) {
    if (!furniture.has(n)) continue;
    const e = n as Element;
    if (e.name === 'aside' || e.name === 'nav' || FURNITURE_ROLES.has(e.attribs.role ?? '')) return false;
    const tokens = classAndIdTokens(e);
    const termList = tokens.filter((t) => TERM_LIST_FURNITURE.test(t));
    const otherFurniture = tokens.some((t) => !TERM_LIST_FURNITURE.test(t) && (FURNITURE_TOKEN.test(t) || FURNITURE_PART.test(t)));
    return termList.length > 0 && !otherFurniture;
  }
  return false;
}

/** The article container around the body, widened until it includes the post's own header and footer. */
export function articleScope($: CheerioAPI, root: Cheerio<Element> | undefined): Cheerio<Element> | undefined {
  if (!root?.length) return undefined;
  const belowPage = (el: Element | undefined): el is Element => !!el && el.name !== 'body' && el.name !== 'html';
  const article = closestIn(root.get(0)!, ARTICLE_SCOPE);
  if (belowPage(article)) {
    const outer = article.parent?.type === 'tag' ? closestIn(article.parent as Element, ARTICLE_SCOPE) : undefined;
    return $(belowPage(outer) && !selectIn(outer, '*').some(isFurniture) ? outer : article);
  }
  let scope = root;
  for (let i = 0; i < 2; i++) {
    const parent = scope.parent();
    const el = parent.get(0);
    if (!el || el.type !== 'tag' || matchesSelector(el, 'body, html, main') || findIn(parent, SIDEBAR).length) break;
    scope = parent as Cheerio<Element>;
  }
  return scope;
}
