/** The shared options read into a run's settings, every value checked with a one-line error naming its option. */
import { InputError } from '../pipeline/errors.js';
import { readNumber, type NumberRule } from '../cli-messages.js';
import type { ArchiveSettings } from '../pipeline/options.js';
import { excludePatternError } from '../discover/link-filters.js';
import { selectorError } from '../html/select.js';
import type { CrawlArgs } from './options.js';

/** Bounds of the numeric options: beyond them a value is a typo, or would overflow a timer or a buffer. */
const NUMBERS = {
  concurrency: { min: 1, max: 64, whole: true },
  'max-pages': { min: 1, max: 1_000_000, whole: true },
  retries: { min: 0, max: 10, whole: true },
  timeout: { min: 0, max: 3600, aboveMin: true },
  rate: { min: 0, max: 1000, aboveMin: true },
  'max-bytes': { min: 1, max: 2 ** 31, whole: true, size: true },
} as const satisfies Record<string, NumberRule>;

const num = (name: keyof typeof NUMBERS, raw: unknown) => readNumber(name, raw, NUMBERS[name]);

/** The CSS selector options, by their settings name. */
const SELECTORS = { postLink: 'post-link', next: 'next', content: 'content', title: 'title', date: 'date' } as const;

/** Every selector the user gave (flags, profile or saved settings) must compile: one line naming the option otherwise. */
export function checkSelectors(overrides: ArchiveSettings['overrides']): void {
  for (const [key, option] of Object.entries(SELECTORS)) {
    const selector = overrides[key as keyof typeof SELECTORS];
    if (selector === undefined) continue;
    const error = typeof selector === 'string' ? selectorError(selector) : 'not a string';
    if (error) throw new InputError(`--${option} ${JSON.stringify(selector)}: not a usable CSS selector (${error})`);
  }
}

export function settingsFrom(url: string, a: CrawlArgs): ArchiveSettings {
  for (const pattern of a.exclude ?? []) {
    const error = excludePatternError(pattern);
    if (error) throw new InputError(`--exclude ${pattern}: not a valid regular expression (${error})`);
  }
  const overrides = { postLink: a.postLink, next: a.next, content: a.content, title: a.title, date: a.date, exclude: a.exclude };
  checkSelectors(overrides);
  return {
    startUrl: url,
    concurrency: num('concurrency', a.concurrency),
    maxPages: num('max-pages', a.maxPages),
    render: a.render,
    discover: a.discover,
    ignoreRobots: a.ignoreRobots,
    ...(a.allowPrivateAddresses ? { allowPrivateAddresses: true } : {}),
    rate: a.rate === undefined ? undefined : num('rate', a.rate),
    timeoutMs: num('timeout', a.timeout) * 1000,
    retries: num('retries', a.retries),
    maxBytes: num('max-bytes', a.maxBytes),
    images: a.images,
    history: a.history,
    keepHtml: a.keepHtml,
    layout: a.layout ?? 'plain',
    overrides,
  };
}

