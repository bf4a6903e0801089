/**
 * Redirect maps from the old blog's URLs to where a migration put each post and image, written in the
 * forms hosts and platforms read: Netlify/Cloudflare `_redirects`, an nginx `map`, Apache `.htaccess`,
 * Ghost `redirects.json` and a CSV for WordPress redirect plugins. Pure except `writeRedirects`.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { readManifest, replayJournal } from '../store/manifest.js';

/** One old URL and where it now lives: a site path (`/posts/x/`) or an absolute URL on the new site. */
export interface Redirect {
  from: string;
  to: string;
  kind: 'post' | 'image';
}

/** One line of a map: an old path (percent-encoded, as requested) and its target. */
export interface RedirectRule {
  from: string;
  to: string;
}

export interface RedirectMap {
  rules: RedirectRule[];
  /** Old URLs with no target (posts that failed to archive, images no exported post shows), with why. */
  unmapped: { url: string; reason: string }[];
  /** Old URLs served by the old blog only through a query string (`/?p=12`): path maps cannot match them. */
  queryOnly: string[];
}

export const REDIRECT_FILES = ['_redirects', 'nginx.conf', '.htaccess', 'redirects.json', 'redirects.csv'] as const;

/** A URL path as a browser requests it: UTF-8 percent-encoded, reserved characters kept. */
export function encodedPath(path: string): string {
  return encodeURI(safeDecode(path)).replace(/%25([0-9A-F]{2})/gi, '%$1');
}

function safeDecode(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

/** The spellings an old post path was reachable under: with and without the trailing slash or `index.html`. */
export function pathVariants(path: string): string[] {
  const dir = path.replace(/\/index\.html?$/i, '/');
  if (dir === '/') return [];
  if (dir.endsWith('/')) return [dir, dir.slice(0, -1), `${dir}index.html`];
  const pretty = dir.replace(/\.html?$/i, '');
  return pretty === dir ? [dir, `${dir}/`, `${dir}/index.html`] : [dir, pretty, `${pretty}/`];
}

const isAbsolute = (url: string) => /^[a-z][a-z0-9+.-]*:/i.test(url);

/** Every variant of every redirect, first target kept; never from a path where a migrated post or image now lives. */
export function redirectRules(redirects: Redirect[]): { rules: RedirectRule[]; queryOnly: string[] } {
  const rules = new Map<string, string>();
  const queryOnly: string[] = [];
  const targets = new Set(redirects.filter((r) => !isAbsolute(r.to)).map((r) => new URL(encodedPath(r.to), 'http://site.invalid').pathname));
  for (const redirect of redirects) {
    const old = new URL(redirect.from);
    if (old.search) {
      queryOnly.push(redirect.from);
      continue;
    }
    const variants = redirect.kind === 'post' ? pathVariants(old.pathname) : [old.pathname];
    // Header values are ASCII: a target with other characters is sent percent-encoded.
    const to = isAbsolute(redirect.to) ? new URL(redirect.to).href : encodedPath(redirect.to);
    for (const variant of variants.map(encodedPath)) {
      if (!rules.has(variant) && !targets.has(variant)) rules.set(variant, to);
    }
  }
  return { rules: [...rules].map(([from, to]) => ({ from, to })), queryOnly };
}

const regexEscape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const nginxString = (text: string) => `"${text.replace(/["\\]/g, '\\$&')}"`;
const csvField = (text: string) => (/[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);
/** A target as a config value: characters configs treat specially ($ starts a variable in nginx) encoded. */
const configUrl = (url: string) => url.replace(/[$\s"]/g, (c) => encodeURIComponent(c));

/** nginx hashes map keys into buckets that must hold the longest key: the next power of two above it. */
function bucketSize(rules: RedirectRule[]): number {
  const longest = Math.max(0, ...rules.map((r) => Buffer.byteLength(safeDecode(r.from))));
  let size = 128;
  while (size < longest + 32) size *= 2;
  return size;
}

/** The contents of each redirect file, by name (REDIRECT_FILES). */
export function renderRedirects(rules: RedirectRule[]): Record<(typeof REDIRECT_FILES)[number], string> {
  const header = (comment: string) => `${comment} Written by blogvault: old URL -> new URL, one rule per line.\n`;
  return {
    _redirects: header('#') + rules.map((r) => `${r.from} ${configUrl(r.to)} 301\n`).join(''),
    'nginx.conf':
      `${header('#')}# Include it inside \`http { }\`, and inside your \`server { }\` add:\n` +
      '#     if ($blogvault_redirect) { return 301 $blogvault_redirect; }\n' +
      '# Drop the two *_hash_* lines if your configuration sets them already.\n' +
      `map_hash_bucket_size ${bucketSize(rules)};\n` +
      `map_hash_max_size ${Math.max(2048, rules.length * 2)};\n` +
      // $uri is decoded by nginx: the keys are too.
      'map $uri $blogvault_redirect {\n    default "";\n' +
      rules.map((r) => `    ${nginxString(safeDecode(r.from))} ${nginxString(configUrl(r.to))};\n`).join('') +
      '}\n',
    // RedirectMatch, not Redirect: Redirect matches prefixes and would catch every page below an old path.
    '.htaccess': header('#') + rules.map((r) => `RedirectMatch 301 "^${regexEscape(safeDecode(r.from)).replace(/"/g, '\\x22')}$" "${configUrl(r.to)}"\n`).join(''),
    'redirects.json': `${JSON.stringify(rules.map((r) => ({ from: `^${regexEscape(r.from)}$`, to: r.to, permanent: true })), null, 2)}\n`,
    // Redirection's CSV import: source, target, regex (0 = plain), HTTP code.
    'redirects.csv': rules.map((r) => `${csvField(r.from)},${csvField(r.to)},0,301\n`).join(''),
  };
}

export async function writeRedirects(dir: string, rules: RedirectRule[]): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const files = renderRedirects(rules);
  for (const [name, content] of Object.entries(files)) await writeFile(join(dir, name), content);
  return Object.keys(files);
}

/** What the archive's manifest says beyond the post files: each post's images by old URL, and posts never archived. */
export interface ArchiveHistory {
  /** Old image URL -> archive asset path. */
  images: Map<string, string>;
  /** Posts the manifest lists without a file (failed, or vanished before they were archived). */
  unarchived: { url: string; reason: string }[];
}

export async function readArchiveHistory(archiveDir: string): Promise<ArchiveHistory> {
  const entries = await readManifest(join(archiveDir, '.blogvault', 'manifest.json'));
  await replayJournal(join(archiveDir, '.blogvault', 'journal.jsonl'), entries);
  const images = new Map<string, string>();
  const unarchived: ArchiveHistory['unarchived'] = [];
  for (const entry of entries.values()) {
    for (const [url, asset] of Object.entries(entry.assets ?? {})) if (!images.has(url)) images.set(url, asset);
    if (!entry.file) unarchived.push({ url: entry.url, reason: entry.error ? `not archived: ${entry.error}` : `not archived (${entry.status})` });
  }
  return { images, unarchived };
}

/**
 * Builds the map of a migration: each post's old URL to `postUrl(post)`, each old image URL on the old
 * blog's hosts to where the asset went (`assetUrl`, undefined when the target gives it no fixed URL).
 */
export function buildRedirectMap<P extends { url: string }>(
  posts: P[],
  history: ArchiveHistory,
  postUrl: (post: P) => string | undefined,
  assetUrl: (asset: string) => string | undefined,
): RedirectMap {
  const redirects: Redirect[] = [];
  const unmapped: RedirectMap['unmapped'] = [...history.unarchived];
  const hosts = new Set(posts.map((p) => hostOf(p.url)).filter(Boolean));
  for (const post of posts) {
    const to = postUrl(post);
    if (to) redirects.push({ from: post.url, to, kind: 'post' });
    else unmapped.push({ url: post.url, reason: 'the post was not migrated' });
  }
  for (const [url, asset] of history.images) {
    // Images another host served (a CDN) keep working there; only the old blog's own URLs need a map.
    if (!hosts.has(hostOf(url))) continue;
    const to = assetUrl(asset);
    if (to) redirects.push({ from: url, to, kind: 'image' });
    else unmapped.push({ url, reason: `${asset} has no fixed URL on the target` });
  }
  const { rules, queryOnly } = redirectRules(redirects);
  return { rules, unmapped, queryOnly };
}

function hostOf(url: string): string {
  try {
    return new URL(url).host.replace(/^www\./, '');
  } catch {
    return '';
  }
}

/** The report lines of a redirect map. */
export function formatRedirects(map: RedirectMap, dir: string): string[] {
  const lines = [`Redirects: ${map.rules.length} rules in ${dir}/ (${REDIRECT_FILES.join(', ')}).`];
  if (map.unmapped.length) lines.push(`${map.unmapped.length} old URLs have no target:`, ...map.unmapped.map((u) => `  ${u.url}: ${u.reason}`));
  if (map.queryOnly.length) lines.push(`${map.queryOnly.length} old URLs use a query string, which path maps cannot match:`, ...map.queryOnly.map((u) => `  ${u}`));
  return lines;
}
