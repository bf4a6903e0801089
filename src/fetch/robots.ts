import robotsParserModule from 'robots-parser';

// The package is CommonJS (module.exports = fn) but its typings declare an ES default export, which
// NodeNext reads as `module.exports.default`; at run time the default import is the function itself.
const robotsParser = robotsParserModule as unknown as typeof robotsParserModule.default;

export interface RobotsRules {
  isAllowed(url: string): boolean;
  /** Crawl-delay for our user agent (or `*`), in milliseconds. */
  crawlDelayMs?: number;
}

export const ALLOW_ALL: RobotsRules = { isAllowed: () => true };

export function robotsUrlFor(url: string): string {
  return new URL('/robots.txt', url).href;
}

/** Rules of one robots.txt; the parser picks the group naming our product token, else `*`. */
export function parseRobots(robotsUrl: string, text: string, userAgent: string): RobotsRules {
  const robots = robotsParser(robotsUrl, text);
  const delay = Number(robots.getCrawlDelay(userAgent));
  return {
    // undefined means the URL is on another origin than this robots.txt: not ours to judge.
    isAllowed: (url) => robots.isAllowed(url, userAgent) !== false,
    crawlDelayMs: Number.isFinite(delay) && delay > 0 ? delay * 1000 : undefined,
  };
}

/**
 * The robots.txt text of an origin, or undefined when there is none to obey (404, unreachable).
 * It should not throw (a throw also counts as "allow all"). Loading is the caller's job so robots.txt goes through the same transport, rate limit and retries.
 */
export type RobotsLoader = (robotsUrl: string) => Promise<string | undefined>;

export interface RobotsCache {
  rulesFor(url: string): Promise<RobotsRules>;
}

/** One robots.txt request per origin, shared by every concurrent caller. */
export function createRobotsCache(load: RobotsLoader, userAgent: string): RobotsCache {
  const byOrigin = new Map<string, Promise<RobotsRules>>();
  return {
    rulesFor(url) {
      const origin = new URL(url).origin;
      let rules = byOrigin.get(origin);
      if (!rules) {
        const robotsUrl = robotsUrlFor(url);
        rules = load(robotsUrl)
          .then((text) => (text === undefined ? ALLOW_ALL : parseRobots(robotsUrl, text, userAgent)))
          .catch(() => ALLOW_ALL);
        byOrigin.set(origin, rules);
      }
      return rules;
    },
  };
}
