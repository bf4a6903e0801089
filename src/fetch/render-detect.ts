import type { CheerioAPI } from 'cheerio';
import { withPage } from '../html/parse.js';
import type { AnyNode, Element } from 'domhandler';
import { query } from '../html/query.js';
import { selectIn } from '../html/select.js';
import { isElement, walk } from '../html/walk.js';

/** What the caller already knows about the static page (from discovery or extraction). */
export interface RenderInfo {
  /** Post links found on the page when it is an index page. */
  postLinks?: number;
  /** Length of the extracted article text when it is a post page. */
  contentTextLength?: number;
}

export interface RenderVerdict {
  render: boolean;
  /** Why rendering is needed, for the one-line notice the pipeline prints. */
  reason?: string;
}

/** Facts about the static HTML that the rules look at, computed once. */
interface PageFacts {
  $: CheerioAPI;
  /** Visible text of <body> without scripts, styles and <noscript>, whitespace collapsed. */
  bodyText: string;
  info: RenderInfo;
}

interface RenderRule {
  name: string;
  /** Returns the reason when the rule fires. */
  test(facts: PageFacts): string | undefined;
}

/** Mount points of client-side frameworks (React, Vue, Next, Nuxt, Gatsby, Svelte, Angular...). */
const APP_ROOT_SELECTORS = ['#root', '#app', '#__next', '#__nuxt', '#___gatsby', '#svelte', '#main-app', '[data-reactroot]', '[ng-version]', 'app-root'];

/** A page whose static body text is this short is a shell, not a document. */
const SHELL_TEXT_MAX = 400;
/** An article this short, on a page with scripts, was most likely meant to be filled in by them. */
const MIN_ARTICLE_TEXT = 80;

const ENABLE_JS =
  /(enable|turn on|activate|allow|need|requires?|needs)\s+(your\s+)?javascript|javascript\s+(is\s+)?(required|disabled|must be enabled|needs to be enabled)|(启用|开启|打开|需要|啟用|開啟)\s*javascript|javascript\s*(を有効|が無効)/i;

const RULES: RenderRule[] = [
  {
    name: 'empty-app-root',
    test({ $, bodyText }) {
      if (bodyText.length > SHELL_TEXT_MAX) return undefined;
      for (const selector of APP_ROOT_SELECTORS) {
        const root = query($, selector).first();
        if (root.length && isEmptyMount(root.get(0)!)) return `empty app root ${selector}`;
      }
      return undefined;
    },
  },
  {
    name: 'noscript-enable-javascript',
    test({ $, bodyText }) {
      // Static blogs often carry "enable JavaScript to see the comments"; only a near-empty page counts.
      if (bodyText.length > SHELL_TEXT_MAX) return undefined;
      const message = query($, 'noscript')
        .toArray()
        .map((el) => collapse($(el).text()))
        .find((text) => ENABLE_JS.test(text));
      return message ? `<noscript> asks to enable JavaScript ("${message.slice(0, 60)}")` : undefined;
    },
  },
  {
    name: 'index-without-post-links',
    test({ info }) {
      return info.postLinks === 0 ? 'no post links in the static index' : undefined;
    },
  },
  {
    name: 'short-article',
    test({ info }) {
      const length = info.contentTextLength;
      return length !== undefined && length < MIN_ARTICLE_TEXT ? `article text only ${length} characters in the static page` : undefined;
    },
  },
];

/**
 * Decides, for `--render auto`, whether the static HTML of a page lacks the content a browser would
 * render. Pure: the caller passes what it found on the page. Without scripts rendering cannot help,
 * so the answer is then always false.
 */
export function needsRendering(html: string, info: RenderInfo = {}): RenderVerdict {
  return withPage(html, ($) => needsRenderingIn($, info));
}

/** `needsRendering` on a page parsed already. */
export function needsRenderingIn($: CheerioAPI, info: RenderInfo = {}): RenderVerdict {
  const hasScripts = query($, 'script')
    .toArray()
    .some((el) => {
      const type = ($(el).attr('type') ?? '').trim().toLowerCase();
      return !type || type === 'module' || /javascript|ecmascript/.test(type);
    });
  if (!hasScripts) return { render: false };
  const body = query($, 'body').get(0);
  const facts: PageFacts = { $, bodyText: body ? visibleText(body) : '', info };
  for (const rule of RULES) {
    const reason = rule.test(facts);
    if (reason) return { render: true, reason };
  }
  return { render: false };
}

const NOT_SHOWN = new Set(['script', 'style', 'noscript', 'template']);

/** The text a reader would see under `root`: scripts, styles, `<noscript>` and templates left out. */
function visibleText(root: Element): string {
  let text = '';
  walk(root, (node) => {
    if (node.type === 'text' && !insideHidden(node, root)) text += node.data;
  });
  return collapse(text);
}

function insideHidden(node: AnyNode, root: Element): boolean {
  for (let n = node.parent; n && n !== root; n = n.parent) if (isElement(n) && NOT_SHOWN.has(n.name)) return true;
  return false;
}

/** A mount point with no text and no element other than a loading spinner's empty boxes. */
function isEmptyMount(root: Element): boolean {
  if (visibleText(root).replace(/loading|加载中|載入中|[\s.…。]/gi, '').length > 0) return false;
  return selectIn(root, 'a[href], img, article, p, h1, h2, h3, li').every((el) => insideHidden(el, root));
}

function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
