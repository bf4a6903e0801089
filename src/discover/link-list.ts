/**
 * Whether an article's content is a list of links to other pages of the blog and nothing of its own:
 * a section or series page (Hugo's nested `_index.md` with no text) listed on the index like a post,
 * whose content is its posts' cards. A post that points to others still has prose around its links,
 * or images, code or tables of its own; a listing has only link text (headings such as a year and
 * dates aside).
 */
import type { AnyNode } from 'domhandler';
import { textOf } from '../html/text.js';
import { isElement } from '../html/walk.js';
import { absoluteUrl, normalizeUrl, sameOrigin } from '../url/url.js';

/** Distinct pages a listing links to, at least. */
const MIN_TARGETS = 2;
/** Letters of its own a listing may have, as a share of its links' letters. */
const OWN_TEXT_SHARE = 0.1;
/** What an article has of its own when it is outside a link: a listing's thumbnails sit inside its cards. */
const OWN_CONTENT = new Set(['img', 'picture', 'video', 'audio', 'iframe', 'object', 'embed', 'svg', 'canvas', 'pre', 'table', 'math', 'blockquote']);
/** Text that labels entries rather than says something: group headings (a year) and dates. */
const LABELS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'time']);
/** Links to files are downloads, not entries of a list of pages. */
const FILE_LINK = /\.(?!html?$|php$|aspx?$)[a-z0-9]{2,5}$/i;
const LETTER = /[\p{L}\p{N}]/u;

/**
 * True when the content under `root` (the cleaned article of `pageUrl`) links to at least two other
 * pages of its origin, has no image, code, table or quote outside those links, and its letters outside
 * links and labels are at most a tenth of its links' letters.
 */
export function isLinkList(root: AnyNode, pageUrl: string): boolean {
  const self = normalizeUrl(pageUrl);
  const targets = new Set<string>();
  let linked = 0;
  let own = 0;
  const stack: { node: AnyNode; label: boolean }[] = [{ node: root, label: false }];
  while (stack.length) {
    const { node, label } = stack.pop()!;
    if (node.type === 'text') {
      if (!label) own += letters(node.data);
      continue;
    }
    if (isElement(node) && node !== root) {
      if (node.name === 'script' || node.name === 'style' || node.name === 'noscript' || node.name === 'template') continue;
      if (OWN_CONTENT.has(node.name)) return false;
      if (node.name === 'a') {
        const target = pageTarget(node.attribs['href'], pageUrl, self);
        const text = target ? letters(textOf(node)) : 0;
        if (target && text > 0) {
          targets.add(target);
          linked += text;
          continue;
        }
      }
    }
    if (!('children' in node)) continue;
    const inLabel = label || (isElement(node) && LABELS.has(node.name));
    for (let i = node.children.length - 1; i >= 0; i--) stack.push({ node: node.children[i]!, label: inLabel });
  }
  return targets.size >= MIN_TARGETS && own <= OWN_TEXT_SHARE * linked;
}

/** The normalised URL of a link to another page of the same origin, else undefined. */
function pageTarget(href: string | undefined, pageUrl: string, self: string): string | undefined {
  const url = absoluteUrl(href, pageUrl);
  if (!url || !/^https?:/i.test(url) || !sameOrigin(url, pageUrl)) return undefined;
  const key = normalizeUrl(url);
  if (key === self || FILE_LINK.test(new URL(key).pathname)) return undefined;
  return key;
}

function letters(text: string): number {
  let n = 0;
  for (const ch of text) if (LETTER.test(ch)) n++;
  return n;
}
