/**
 * What the browser never needs to download to produce a page's DOM. Images are fetched later over
 * plain HTTP by the archive itself; fonts, media and trackers only cost time. Stylesheets and
 * scripts are kept: pages need them to render, and "Load more" buttons hidden by CSS stay hidden.
 */

interface BlockRule {
  reason: string;
  matches(url: URL, resourceType: string): boolean;
}

const BLOCKED_TYPES: Record<string, string> = {
  image: 'image',
  media: 'media',
  texttrack: 'media',
  font: 'font',
  // Sent only for analytics (<a ping>, navigator.sendBeacon).
  ping: 'tracker',
};

/** Hosts (and their subdomains) that serve analytics, ads or tag managers and never content. */
const TRACKER_HOSTS = [
  'google-analytics.com',
  'googletagmanager.com',
  'googlesyndication.com',
  'googleadservices.com',
  'doubleclick.net',
  'adservice.google.com',
  'connect.facebook.net',
  'analytics.twitter.com',
  'static.ads-twitter.com',
  'snap.licdn.com',
  'hotjar.com',
  'clarity.ms',
  'segment.com',
  'segment.io',
  'mixpanel.com',
  'amplitude.com',
  'fullstory.com',
  'newrelic.com',
  'nr-data.net',
  'plausible.io',
  'usefathom.com',
  'cdn.usefathom.com',
  'simpleanalytics.com',
  'scorecardresearch.com',
  'quantserve.com',
  'statcounter.com',
  'static.cloudflareinsights.com',
  'stats.wp.com',
  'pixel.wp.com',
  'hm.baidu.com',
  'cnzz.com',
  'busuanzi.ibruce.info',
  'mc.yandex.ru',
  'counter.yadro.ru',
  'disqus.com',
  'disquscdn.com',
];

/** Self-hosted analytics, recognised by their well-known script and endpoint names. */
const TRACKER_PATHS = /\/(matomo|piwik)\.(js|php)$|\/umami\.js$|\/gtag\/js$|\/analytics\.js$|\/ga\.js$/i;

const RULES: BlockRule[] = [
  { reason: 'tracker', matches: (url) => TRACKER_HOSTS.some((host) => url.hostname === host || url.hostname.endsWith(`.${host}`)) },
  { reason: 'tracker', matches: (url) => TRACKER_PATHS.test(url.pathname) },
  { reason: 'type', matches: (_url, type) => Object.hasOwn(BLOCKED_TYPES, type) },
];

/**
 * Why a request made while rendering should be aborted, or undefined to let it through.
 * `resourceType` is Playwright's (document, script, xhr, fetch, image, font, media...).
 */
export function blockReason(requestUrl: string, resourceType: string): string | undefined {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return undefined;
  }
  if (url.protocol === 'data:' || url.protocol === 'blob:') return undefined;
  for (const rule of RULES) {
    if (rule.matches(url, resourceType)) return rule.reason === 'type' ? BLOCKED_TYPES[resourceType] : rule.reason;
  }
  return undefined;
}
