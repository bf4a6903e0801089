import type { ElementHandle, Page } from 'playwright-core';
import { waitForSettled, type NetworkTracker } from './browser-settle.js';

/**
 * Labels of buttons that append more posts to an index in place. Matched against the whole label
 * (case-insensitive, trailing dots and arrows removed), so "More" in a menu or "Read more" under an
 * excerpt stays untouched.
 */
export const LOAD_MORE_LABELS: RegExp[] = [
  /^(load|show|view|see|get) more( (posts|articles|entries|stories|items|results))?$/i,
  /^more (posts|articles|entries|stories)$/i,
  /^(load|show) (older|earlier|previous) (posts|articles|entries)$/i,
  /^older (posts|entries|articles)$/i,
  /^(加载|加載|载入|載入|显示|顯示|查看)更多(文章|内容|內容)?$/,
  /^更多文章$/,
  /^(もっと見る|さらに表示|もっと読み込む)$/,
  /^더 ?보기$/,
  /^mehr (laden|anzeigen|beiträge|artikel)$/i,
  /^(charger|afficher|voir) plus( d'articles)?$/i,
  /^(cargar|ver|mostrar) más( (entradas|artículos))?$/i,
  /^(carregar|ver|mostrar) mais$/i,
  /^(carica|mostra) altri$/i,
  /^(загрузить|показать) (ещё|еще)$/i,
];

/** Decorations around a label ("Load more…", "+ Show more", "More posts →"). */
const DECORATION = /^[\s+↓]+|[\s.…→»›↓>+]+$/gu;

export function normalizeLabel(label: string): string {
  return label.replace(/\s+/g, ' ').replace(DECORATION, '');
}

export function isLoadMoreLabel(label: string): boolean {
  const normal = normalizeLabel(label);
  return normal.length > 0 && normal.length <= 40 && LOAD_MORE_LABELS.some((re) => re.test(normal));
}

export interface ExpandOptions {
  /** Rounds of "click and scroll" at most (the pipeline passes --max-pages). */
  maxRounds: number;
  /** Total time allowed for expanding one index page. */
  timeLimitMs: number;
  quietMs: number;
  /** Quiet period enough once a round's requests have brought new text (SettleOptions.contentQuietMs). */
  contentQuietMs: number;
  /** Longest wait for the page to settle after one round. */
  roundCapMs: number;
  /** Called after each round that added links; the next round starts as it returns. */
  onGrow?: () => void;
}

export interface ExpandOutcome {
  rounds: number;
  clicks: number;
  /** Distinct link targets in the final DOM. */
  links: number;
  /** Why expanding stopped. */
  stop: 'no-new-links' | 'max-rounds' | 'time-limit' | 'navigated';
}

/** Rounds without new links before giving up: a second chance covers observers that need a second scroll. */
const IDLE_ROUNDS = 2;

/**
 * Grows an index page in place: clicks its "Load more" button and scrolls to the bottom (infinite
 * scroll), round after round, until no new links appear or a bound is reached.
 */
export async function expandPage(page: Page, network: NetworkTracker, options: ExpandOptions): Promise<ExpandOutcome> {
  const deadline = Date.now() + options.timeLimitMs;
  const sources = { labels: LOAD_MORE_LABELS.map((re) => re.source), decoration: DECORATION.source };
  // A mark on this document: gone when a click loads another page. URL changes alone do not count,
  // since many "Load more" scripts pushState a ?page=N.
  await page.evaluate(() => Object.defineProperty(window, '__blogvaultExpanding', { value: true, configurable: true })).catch(() => undefined);
  let links = await countLinks(page);
  let clicks = 0;
  let idle = 0;
  let rounds = 0;
  while (rounds < options.maxRounds) {
    if (Date.now() >= deadline) return { rounds, clicks, links, stop: 'time-limit' };
    rounds++;
    // Only a round whose click or scroll made a request may settle early: a "Load more" on a timer has not fired yet.
    const requestsBefore = network.requests;
    const clicked = await clickLoadMore(page, sources);
    if (clicked) clicks++;
    const scrolled = await scrollToBottom(page);
    // A round that clicked nothing and could not scroll (the page already at its bottom, as the last
    // round left it) did nothing a loader could answer: what the last round started, it waited for.
    if (clicked || scrolled) {
      await waitForSettled(page, network, {
        quietMs: options.quietMs,
        contentQuietMs: options.contentQuietMs,
        requestsBefore,
        capMs: Math.max(0, Math.min(options.roundCapMs, deadline - Date.now())),
      });
    }
    if (!(await sameDocument(page))) return { rounds, clicks, links: await countLinks(page), stop: 'navigated' };
    const now = await countLinks(page);
    if (now > links) {
      links = now;
      idle = 0;
      options.onGrow?.();
    } else if (++idle >= IDLE_ROUNDS) {
      return { rounds, clicks, links, stop: 'no-new-links' };
    }
  }
  return { rounds, clicks, links, stop: 'max-rounds' };
}

async function sameDocument(page: Page): Promise<boolean> {
  return page.evaluate(() => (window as unknown as { __blogvaultExpanding?: boolean }).__blogvaultExpanding === true).catch(() => false);
}

async function countLinks(page: Page): Promise<number> {
  return page
    .evaluate(() => new Set(Array.from(document.querySelectorAll('a[href]'), (a) => (a as HTMLAnchorElement).href.split('#')[0])).size)
    .catch(() => 0);
}

/** Scrolls to the bottom of the page; says whether the view moved. */
async function scrollToBottom(page: Page): Promise<boolean> {
  return page
    .evaluate(() => {
      const root = document.scrollingElement ?? document.documentElement;
      const before = window.scrollY;
      window.scrollTo(0, root.scrollHeight);
      return window.scrollY !== before;
    })
    .catch(() => true);
}

/**
 * Clicks the first visible, enabled button whose label says "load more". Links that lead to another
 * page are left alone: following them is the index walker's job, and clicking would navigate away.
 */
async function clickLoadMore(page: Page, sources: { labels: string[]; decoration: string }): Promise<boolean> {
  const handle = await page
    .evaluateHandle(({ labels, decoration }) => {
      const patterns = labels.map((source) => new RegExp(source, 'iu'));
      const trim = new RegExp(decoration, 'gu');
      const candidates = document.querySelectorAll<HTMLElement>('button, a, [role="button"], input[type="button"]');
      for (const el of Array.from(candidates)) {
        const raw = el instanceof HTMLInputElement ? el.value : el.innerText || el.getAttribute('aria-label') || '';
        const label = raw.replace(/\s+/g, ' ').replace(trim, '');
        if (!label || label.length > 40 || !patterns.some((re) => re.test(label))) continue;
        if ((el as HTMLButtonElement).disabled || el.getAttribute('aria-disabled') === 'true') continue;
        const href = el.tagName === 'A' ? (el.getAttribute('href') ?? '').trim() : '';
        if (href && !href.startsWith('#') && !/^javascript:/i.test(href)) continue;
        const box = el.getBoundingClientRect();
        const style = getComputedStyle(el);
        if (box.width === 0 || box.height === 0 || style.visibility === 'hidden') continue;
        return el;
      }
      return null;
    }, sources)
    .catch(() => undefined);
  const element = handle?.asElement() as ElementHandle<HTMLElement> | null | undefined;
  if (!element) {
    await handle?.dispose().catch(() => undefined);
    return false;
  }
  try {
    // Playwright's own checks before a click wait for the button to hold still over animation frames,
    // which a tab in the background of busy ones gets few of: 1.8 s per click on fixtures/spa-blog while
    // posts rendered in the other tabs. A button in view that nothing covers is clicked at once; one
    // that is covered gets those checks and their wait.
    const clear = await element
      .evaluate((el) => {
        el.scrollIntoView({ block: 'center', inline: 'center' });
        const box = el.getBoundingClientRect();
        const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
        return hit !== null && (hit === el || el.contains(hit));
      })
      .catch(() => false);
    await element.click({ timeout: 3000, force: clear });
    return true;
  } catch {
    // Covered by an overlay or detached while re-rendering: the scroll of this round may still load more.
    return false;
  } finally {
    await element.dispose().catch(() => undefined);
  }
}
