// Shared by the export-*.test.ts files: copies one of the minimal engine sites of this folder to a temp
// folder, builds it with the real engine (installed by scripts/install-engines.sh) and reads the built
// pages back. Parsing here is independent of src/ so a bug in the exporter cannot hide itself.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdtemp, readdir, readFile, rm, stat, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, posix, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';
import * as cheerio from 'cheerio';

export const ENGINES_DIR = fileURLToPath(new URL('.', import.meta.url));
export type Engine = 'jekyll' | 'hugo' | 'hexo';

const HEXO_SITE = join(ENGINES_DIR, 'hexo-site');
const HEXO_BIN = join(HEXO_SITE, 'node_modules', 'hexo', 'bin', 'hexo');

function run(command: string, args: string[], cwd: string, timeoutMs = 120_000): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    execFile(command, args, { cwd, timeout: timeoutMs, maxBuffer: 32 * 1024 * 1024, env: { ...process.env, TZ: 'UTC' } }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
      resolve({ code, output: `${stdout}${stderr}` });
    });
  });
}

/** Fails (never skips) when the engine is missing: CI must have run scripts/install-engines.sh. */
export async function requireEngine(engine: Engine): Promise<void> {
  const hint = 'run scripts/install-engines.sh';
  if (engine === 'hexo') assert.ok(existsSync(HEXO_BIN), `Hexo is not installed in ${HEXO_SITE}: ${hint}`);
  else assert.equal((await run(engine, [engine === 'jekyll' ? '--version' : 'version'], tmpdir())).code, 0, `${engine} is not on the PATH: ${hint}`);
}

/**
 * A fresh copy of the engine's minimal site; export into it, then build it. `empty`: an empty folder
 * instead, which the export must make buildable by itself (Hexo's plugins stand installed, as after
 * `npm install`).
 */
export async function prepareSite(engine: Engine, empty = false): Promise<string> {
  const site = await mkdtemp(join(tmpdir(), `bv-${engine}-`));
  const skeleton = join(ENGINES_DIR, `${engine}-site`);
  if (!empty) await cp(skeleton, site, { recursive: true, filter: (src) => !relative(skeleton, src).split(sep).includes('node_modules') });
  // Hexo loads its plugins from the site's node_modules: share the installed one.
  if (engine === 'hexo') await symlink(join(HEXO_SITE, 'node_modules'), join(site, 'node_modules'), 'dir');
  return site;
}

/** Builds the site with the real engine; returns the folder of the built HTML. */
export async function buildSite(engine: Engine, site: string): Promise<string> {
  const commands: Record<Engine, [string, string[], string]> = {
    jekyll: ['jekyll', ['build', '--quiet', '--source', site, '--destination', join(site, '_site')], join(site, '_site')],
    hugo: ['hugo', ['--quiet', '--source', site, '--destination', join(site, 'public')], join(site, 'public')],
    hexo: [process.execPath, [HEXO_BIN, 'generate', '--silent'], join(site, 'public')],
  };
  const [command, args, output] = commands[engine];
  const result = await run(command, args, site);
  assert.equal(result.code, 0, `${engine} build failed:\n${result.output}`);
  return output;
}

export async function removeSite(site: string): Promise<void> {
  await rm(site, { recursive: true, force: true });
}

export interface BuiltPage {
  /** Relative to the built folder, posix. */
  file: string;
  /** The URL path the page is served at. */
  path: string;
  title: string;
  /** `datetime` of the post's time element. */
  datetime: string;
  /** Text of the post's time element (YYYY-MM-DD in the minimal themes). */
  day: string;
  bodyHtml: string;
  bodyText: string;
  /** `href`/`src` values in the body, as written. */
  refs: { attr: 'href' | 'src'; value: string; text: string }[];
}

async function htmlFiles(dir: string, root = dir): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await htmlFiles(full, root)));
    else if (entry.name.endsWith('.html')) out.push(relative(root, full).split(sep).join('/'));
  }
  return out;
}

/** Every post page of the built site (pages with the minimal themes' `article.post`). */
export async function builtPosts(built: string): Promise<BuiltPage[]> {
  const pages: BuiltPage[] = [];
  for (const file of await htmlFiles(built)) {
    const $ = cheerio.load(await readFile(join(built, file), 'utf8'));
    const article = $('article.post');
    if (!article.length) continue;
    const body = article.find('.post-body');
    // Line-number gutters of highlighted code are display, not text; <br> separates code lines.
    body.find('.gutter, .lineno, .line-numbers-rows').remove();
    body.find('br').replaceWith('\n');
    const refs: BuiltPage['refs'] = [];
    body.find('[href], [src]').each((_, el) => {
      const node = $(el);
      for (const attr of ['href', 'src'] as const) {
        const value = node.attr(attr);
        if (value !== undefined) refs.push({ attr, value, text: node.text().trim() });
      }
    });
    pages.push({
      file,
      path: `/${file.replace(/(^|\/)index\.html$/, '$1')}`,
      title: article.find('.post-title').text().trim(),
      datetime: article.find('time.post-date').attr('datetime') ?? '',
      day: article.find('time.post-date').text().trim(),
      bodyHtml: body.html() ?? '',
      bodyText: body.text().replace(/\s+/g, ' ').trim(),
      refs,
    });
  }
  return pages;
}

/**
 * The file a site-relative reference in `page` is served from, like a static host does (`/x/` is
 * `/x/index.html`), or undefined when the built site has none: a 404. External URLs yield null.
 */
export async function resolveRef(built: string, page: BuiltPage, ref: string): Promise<string | null | undefined> {
  if (/^(mailto|tel|data|javascript):/i.test(ref) || ref.startsWith('#')) return null;
  const url = new URL(ref, `http://site.test${page.path}`);
  if (url.host !== 'site.test' && url.host !== '127.0.0.1') return null;
  let path = posix.normalize(decodeURIComponent(url.pathname));
  if (path.endsWith('/')) path += 'index.html';
  let file = join(built, ...path.split('/'));
  const info = await stat(file).catch(() => undefined);
  if (info?.isDirectory()) file = join(file, 'index.html');
  return existsSync(file) && (await stat(file)).isFile() ? file : undefined;
}

/** Words of a text (CJK characters one by one) for token-bag comparisons. */
export function tokens(text: string): string[] {
  return text.toLowerCase().match(/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]|[\p{L}\p{N}]+/gu) ?? [];
}

/** F1 of the two token bags (multiset overlap). */
export function tokenF1(a: string, b: string): number {
  const bag = new Map<string, number>();
  const left = tokens(a);
  const right = tokens(b);
  if (!left.length && !right.length) return 1;
  for (const t of left) bag.set(t, (bag.get(t) ?? 0) + 1);
  let overlap = 0;
  for (const t of right) {
    const n = bag.get(t) ?? 0;
    if (n > 0) {
      overlap++;
      bag.set(t, n - 1);
    }
  }
  if (!overlap) return 0;
  const precision = overlap / right.length;
  const recall = overlap / left.length;
  return (2 * precision * recall) / (precision + recall);
}
