// Shared by the archive-*.test.ts files: serve a fixture blog, run the built CLI on it, read the archive
// back and check it against the fixture's expected.json. Parsing here is deliberately independent of
// src/ so a bug in the store or converter cannot hide itself.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { extname, join, posix, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';
import { parse as parseYaml } from 'yaml';
import { startStaticServer, type TestServer } from '../helpers/static-server.js';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const BIN = join(ROOT, 'bin', 'blogvault.js');
/** Origin the fixture sites are written for; rewritten to the test server's address when served. */
export const FIXTURE_ORIGIN = 'http://example.com';

export function requireBuild(): void {
  assert.ok(existsSync(join(ROOT, 'dist', 'cli.js')), 'dist/cli.js is missing: build first (npm ci, or npm run build)');
}

export interface ServedFixture {
  server: TestServer;
  /** Served copy of the site (origin rewritten). */
  root: string;
  url: string;
  close(): Promise<void>;
}

const TEXT_EXT = new Set(['.html', '.xml', '.txt', '.json', '.css']);

/**
 * Serves a copy of `siteDir` on 127.0.0.1 with every `http://example.com` made the server's own origin.
 * A request with a query string is answered from `<path>/_query/<query>.html` when that file exists
 * (static folders cannot hold `?page=2` pages).
 */
export async function serveFixture(siteDir: string): Promise<ServedFixture> {
  const root = await mkdtemp(join(tmpdir(), 'bv-site-'));
  const server = await startStaticServer(root, async (req, res) => {
    const u = new URL(req.url ?? '/', 'http://x');
    if (!u.search) return false;
    const dir = decodeURIComponent(u.pathname).replace(/[^/]*$/, '');
    const file = join(root, dir, '_query', `${decodeURIComponent(u.search.slice(1))}.html`);
    if (!existsSync(file)) return false;
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(await readFile(file));
    return true;
  });
  await cp(siteDir, root, { recursive: true });
  for (const file of await walk(root)) {
    if (!TEXT_EXT.has(extname(file))) continue;
    const text = await readFile(file, 'utf8');
    if (text.includes(FIXTURE_ORIGIN)) await writeFile(file, text.split(FIXTURE_ORIGIN).join(server.url));
  }
  return {
    server,
    root,
    url: server.url,
    close: async () => {
      await server.close();
      await rm(root, { recursive: true, force: true });
    },
  };
}

export async function walk(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await walk(full)));
    else out.push(full);
  }
  return out;
}

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `node bin/blogvault.js ...args` (not on a TTY, so plain log lines). */
export function runCli(args: string[], timeoutMs = 120_000): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      { cwd: ROOT, timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, NO_COLOR: '1', BLOGVAULT_DEBUG: '' } },
      (err, stdout, stderr) => {
        const code = err ? (typeof err.code === 'number' ? err.code : null) : 0;
        resolve({ code, stdout: String(stdout), stderr: String(stderr) });
      },
    );
  });
}

export async function tempOut(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'bv-out-'));
}

export interface ArchivedPost {
  /** Path relative to the archive folder, posix separators. */
  file: string;
  fm: Record<string, unknown>;
  body: string;
  /** The file as written. */
  raw: string;
}

/** Every Markdown file of the archive (outside .blogvault), parsed. */
export async function readArchive(outDir: string): Promise<ArchivedPost[]> {
  const files = (await walk(outDir)).filter((f) => f.endsWith('.md') && !relative(outDir, f).split(sep).includes('.blogvault'));
  const posts: ArchivedPost[] = [];
  for (const full of files) {
    const raw = await readFile(full, 'utf8');
    const m = /^---\n([\s\S]*?)\n---\n?([\s\S]*)$/.exec(raw);
    assert.ok(m, `${full}: no YAML front matter`);
    const fm = parseYaml(m[1]) as Record<string, unknown>;
    posts.push({ file: relative(outDir, full).split(sep).join('/'), fm, body: m[2], raw });
  }
  return posts;
}

export interface CodeBlock {
  lang: string;
  text: string;
}

/** Fenced code blocks (``` or ~~~), with the info string's first word as language; text without the last newline. */
export function fencedBlocks(md: string): CodeBlock[] {
  const blocks: CodeBlock[] = [];
  const lines = md.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const open = /^( *)(`{3,}|~{3,})\s*([^\s`]*)/.exec(lines[i]);
    if (!open) continue;
    const [, indent, fence, lang] = open;
    const body: string[] = [];
    let j = i + 1;
    for (; j < lines.length; j++) {
      const close = new RegExp(`^ *${fence[0] === '`' ? '`' : '~'}{${fence.length},}\\s*$`);
      if (close.test(lines[j])) break;
      body.push(lines[j].startsWith(indent) ? lines[j].slice(indent.length) : lines[j]);
    }
    blocks.push({ lang: lang.toLowerCase(), text: body.join('\n') });
    i = j;
  }
  return blocks;
}

/** The Markdown with fenced code blocks removed, so prose checks do not match code. */
export function prose(md: string): string {
  return md.replace(/^( *)(`{3,}|~{3,})[^\n]*\n[\s\S]*?\n\1\2[`~]*[ \t]*$/gm, '');
}

export interface Table {
  head: string[];
  rows: string[][];
}

/** GFM pipe tables: header row, delimiter row, body rows. */
export function gfmTables(md: string): Table[] {
  const tables: Table[] = [];
  const lines = prose(md).split('\n');
  const cells = (line: string) =>
    line
      .trim()
      .replace(/^\|/, '')
      .replace(/(?<!\\)\|$/, '')
      .split(/(?<!\\)\|/)
      .map((c) => c.trim());
  for (let i = 0; i + 1 < lines.length; i++) {
    if (!lines[i].trim().startsWith('|') || !/^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$/.test(lines[i + 1])) continue;
    const table: Table = { head: cells(lines[i]), rows: [] };
    let j = i + 2;
    for (; j < lines.length && lines[j].trim().startsWith('|'); j++) table.rows.push(cells(lines[j]));
    tables.push(table);
    i = j;
  }
  return tables;
}

export interface MdLink {
  text: string;
  href: string;
  image: boolean;
}

/** Inline links and images `[text](href "title")` / `![alt](src)`. */
export function mdLinks(md: string): MdLink[] {
  const out: MdLink[] = [];
  const re = /(!?)\[((?:[^\]\\]|\\.)*)\]\(<?([^)\s>]+)>?(?:\s+"[^"]*")?\)/g;
  for (const m of prose(md).matchAll(re)) out.push({ image: m[1] === '!', text: m[2].replace(/\\(.)/g, '$1'), href: m[3] });
  return out;
}

/** Prose with Markdown backslash escapes undone, for checks on the text a reader sees. */
export function unescaped(md: string): string {
  return prose(md).replace(/\\([\\`*_{}[\]()#+\-.!<>|~])/g, '$1');
}

/** Front matter keys in the order docs/ARCHITECTURE.md gives. */
const KEY_ORDER = ['title', 'date', 'updated', 'author', 'tags', 'categories', 'description', 'url', 'canonical', 'lang', 'image'];

const ISO = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2}))?$/;

export interface ExpectedPost {
  path: string;
  title: string;
  date?: string;
  updated?: string;
  author?: string;
  tags?: string[];
  categories?: string[];
  file?: string;
  filePattern?: string;
  snippets?: string[];
  absent?: string[];
  /** Regular expressions (source text) the Markdown must match. */
  patterns?: string[];
  /** Regular expressions (source text, multiline) the Markdown must not match. */
  absentPatterns?: string[];
  code?: { lang: string | null; text: string }[];
  tables?: Table[];
  lists?: { text: string; depth: number; ordered: boolean }[];
  quotes?: string[];
  links?: { text: string; href: string }[];
  /** Images the post must show, archived locally; `oneOf` lists acceptable sources (srcset variants). */
  images?: { alt: string; src?: string; oneOf?: string[] }[];
  /** How many images the Markdown may reference at most (no duplicates from noscript fallbacks). */
  maxImages?: number;
  /** Front matter `lang`; null: no `lang` key. */
  lang?: string | null;
  /** Front matter `description` and `image`; null: no such key. */
  description?: string | null;
  image?: string | null;
  /** The body may hold a heading with the title's text (the author's own, the theme shows the title elsewhere). */
  allowTitleHeading?: boolean;
}

export interface ExpectedSite {
  start: string;
  posts: ExpectedPost[];
  notPosts?: string[];
  /** Strings that must appear in no post (site chrome). */
  absentEverywhere?: string[];
  /** The run must not switch to the browser (`--render auto` finds the posts in the static HTML). */
  noBrowser?: boolean;
}

export async function loadExpected(dir: string): Promise<ExpectedSite> {
  return JSON.parse(await readFile(join(dir, 'expected.json'), 'utf8')) as ExpectedSite;
}

/** A fixture blog (`<dir>/expected.json`, `<dir>/site/`) served and archived once by the built CLI. */
export interface ArchivedFixture {
  expected: ExpectedSite;
  served: ServedFixture;
  out: string;
  result: CliResult;
  archived: ArchivedPost[];
  /** Stops the server and removes the archive. */
  close(): Promise<void>;
}

export async function archiveFixture(dir: string): Promise<ArchivedFixture> {
  requireBuild();
  const expected = await loadExpected(dir);
  const served = await serveFixture(join(dir, 'site'));
  const out = await tempOut();
  const result = await runCli(['archive', `${served.url}${expected.start}`, '--out', out]);
  const archived = await readArchive(out);
  const close = async () => {
    await served.close();
    await rm(out, { recursive: true, force: true });
  };
  return { expected, served, out, result, archived, close };
}

const sameInstant = (a: unknown, b: string) => typeof a === 'string' && ISO.test(a) && Date.parse(a) === Date.parse(b);

/** Matches archived posts to expected ones by source URL; asserts nothing is missing or extra. */
export function matchPosts(archived: ArchivedPost[], expected: ExpectedSite, origin: string): Map<ExpectedPost, ArchivedPost> {
  const byPath = new Map<string, ArchivedPost>();
  for (const post of archived) {
    assert.equal(typeof post.fm.url, 'string', `${post.file}: front matter has no url`);
    const u = new URL(post.fm.url as string);
    assert.equal(u.origin, origin, `${post.file}: url ${u.href} is not on the blog's origin`);
    const key = u.pathname.replace(/index\.html$/, '');
    assert.ok(!byPath.has(key), `${post.file} and ${byPath.get(key)?.file} archive the same post ${key}`);
    byPath.set(key, post);
  }
  const want = new Set(expected.posts.map((p) => new URL(p.path, origin).pathname));
  const extra = [...byPath.keys()].filter((k) => !want.has(k));
  const missing = [...want].filter((k) => !byPath.has(k));
  assert.deepEqual({ missing, extra }, { missing: [], extra: [] }, 'archived posts differ from the expected post list');
  return new Map(expected.posts.map((p) => [p, byPath.get(new URL(p.path, origin).pathname)!]));
}

/** Asserts one post: front matter, file name, body snippets, code, tables, lists, quotes, links, images. */
export async function checkPost(post: ArchivedPost, exp: ExpectedPost, ctx: { origin: string; outDir: string; siteDir: string; absentEverywhere?: string[] }): Promise<void> {
  const where = `${post.file} (${exp.path})`;
  const { fm, body } = post;
  assert.equal(fm.title, exp.title, `${where}: title`);
  const known = Object.keys(fm).filter((k) => KEY_ORDER.includes(k));
  assert.deepEqual(known, [...known].sort((a, b) => KEY_ORDER.indexOf(a) - KEY_ORDER.indexOf(b)), `${where}: front matter keys out of order`);
  assert.ok(!post.raw.includes('\r'), `${where}: line endings are not LF`);
  if (exp.date) assert.ok(sameInstant(fm.date, exp.date), `${where}: date ${String(fm.date)} is not ${exp.date}`);
  if (exp.updated) assert.ok(sameInstant(fm.updated, exp.updated), `${where}: updated ${String(fm.updated)} is not ${exp.updated}`);
  if (exp.author) assert.equal(fm.author, exp.author, `${where}: author`);
  if (exp.tags) assert.deepEqual([...((fm.tags as string[] | undefined) ?? [])].sort(), [...exp.tags].sort(), `${where}: tags`);
  if (exp.categories) assert.deepEqual([...((fm.categories as string[] | undefined) ?? [])].sort(), [...exp.categories].sort(), `${where}: categories`);
  if (exp.lang !== undefined) assert.equal(fm.lang ?? null, exp.lang, `${where}: lang`);
  if (exp.description !== undefined) assert.equal(fm.description ?? null, exp.description, `${where}: description`);
  if (exp.image !== undefined) assert.equal(fm.image === undefined ? null : new URL(fm.image as string, ctx.origin).href, exp.image && new URL(exp.image.replace(FIXTURE_ORIGIN, ctx.origin)).href, `${where}: image`);
  assert.equal(new URL(fm.url as string).href, new URL(exp.path, ctx.origin).href, `${where}: url`);
  if (exp.file) assert.equal(post.file, exp.file, `${where}: file name`);
  if (exp.filePattern) assert.match(post.file, new RegExp(exp.filePattern), `${where}: file name`);

  const text = unescaped(body);
  for (const s of exp.snippets ?? []) assert.ok(text.includes(s) || body.includes(s), `${where}: body lacks ${JSON.stringify(s)}\n--- body ---\n${body}`);
  for (const s of [...(exp.absent ?? []), ...(ctx.absentEverywhere ?? [])]) assert.ok(!body.includes(s), `${where}: body should not contain ${JSON.stringify(s)}\n--- body ---\n${body}`);
  for (const re of exp.patterns ?? []) assert.match(body, new RegExp(re, 'm'), `${where}: body does not match /${re}/\n--- body ---\n${body}`);
  for (const re of exp.absentPatterns ?? []) assert.doesNotMatch(body, new RegExp(re, 'm'), `${where}: body matches /${re}/\n--- body ---\n${body}`);
  const titleHeading = body.split('\n').find((l) => /^#{1,6}\s/.test(l) && l.replace(/^#+\s*/, '').trim() === exp.title);
  if (!exp.allowTitleHeading) assert.equal(titleHeading, undefined, `${where}: the body repeats the title as a heading`);

  const blocks = fencedBlocks(body);
  for (const want of exp.code ?? []) {
    const text = want.text.replace(/\n$/, '');
    const found = blocks.find((b) => b.text.replace(/\n$/, '') === text);
    assert.ok(found, `${where}: no fenced block with exactly this code:\n${want.text}\n--- blocks found ---\n${blocks.map((b) => `[${b.lang}]\n${b.text}`).join('\n---\n')}`);
    if (want.lang) assert.equal(found.lang, want.lang, `${where}: language of the block starting ${JSON.stringify(text.slice(0, 30))}`);
  }

  const tables = gfmTables(body);
  for (const want of exp.tables ?? []) {
    assert.ok(
      tables.some((t) => JSON.stringify(t) === JSON.stringify(want)),
      `${where}: no GFM table ${JSON.stringify(want)}; found ${JSON.stringify(tables)}\n--- body ---\n${body}`,
    );
  }

  if (exp.lists) checkLists(body, exp.lists, where);

  const lines = prose(body).split('\n');
  for (const q of exp.quotes ?? []) {
    assert.ok(lines.some((l) => /^\s*>/.test(l) && l.includes(q)), `${where}: ${JSON.stringify(q)} is not in a blockquote\n--- body ---\n${body}`);
  }

  const links = mdLinks(body);
  for (const want of exp.links ?? []) {
    const target = new URL(want.href, ctx.origin).href;
    const found = links.find((l) => !l.image && l.text === want.text);
    assert.ok(found, `${where}: no link with text ${JSON.stringify(want.text)}; links: ${JSON.stringify(links)}`);
    assert.ok(/^https?:\/\//.test(found.href), `${where}: link ${found.href} is not absolute`);
    assert.equal(new URL(found.href).href, target, `${where}: link target of ${JSON.stringify(want.text)}`);
  }

  const images = links.filter((l) => l.image);
  if (exp.maxImages !== undefined) assert.ok(images.length <= exp.maxImages, `${where}: ${images.length} images referenced, at most ${exp.maxImages} expected: ${JSON.stringify(images)}`);
  for (const want of exp.images ?? []) {
    const found = images.find((l) => l.text === want.alt);
    assert.ok(found, `${where}: no image with alt ${JSON.stringify(want.alt)}; images: ${JSON.stringify(images)}`);
    assert.ok(!/^[a-z]+:/i.test(found.href) && !found.href.startsWith('/'), `${where}: image ${found.href} is not a relative path to the archive`);
    const local = posix.join(posix.dirname(post.file), decodeURI(found.href));
    assert.ok(!local.startsWith('..'), `${where}: image ${found.href} points outside the archive`);
    assert.ok(local.startsWith('assets/'), `${where}: image ${local} is not under assets/`);
    const bytes = await readFile(join(ctx.outDir, local)).catch(() => undefined);
    assert.ok(bytes, `${where}: image file ${local} does not exist`);
    const sources = want.oneOf ?? [want.src!];
    const originals = await Promise.all(sources.map((s) => readFile(join(ctx.siteDir, decodeURI(s)))));
    assert.ok(originals.some((o) => o.equals(bytes)), `${where}: ${local} does not hold the bytes of ${sources.join(' or ')}`);
  }
}

function checkLists(body: string, lists: NonNullable<ExpectedPost['lists']>, where: string): void {
  const lines = prose(body).split('\n');
  const indents: number[] = [];
  lists.forEach((want, i) => {
    const line = lines.find((l) => {
      const m = /^(\s*)([-*+]|\d+[.)])\s+(.*)$/.exec(l);
      return m && m[3].startsWith(want.text);
    });
    assert.ok(line, `${where}: no list item ${JSON.stringify(want.text)}\n--- body ---\n${body}`);
    const [, indent, marker] = /^(\s*)([-*+]|\d+[.)])/.exec(line)!;
    assert.equal(/\d/.test(marker), want.ordered, `${where}: list item ${JSON.stringify(want.text)} should be ${want.ordered ? 'numbered' : 'a bullet'}`);
    indents[i] = indent.length;
    if (want.depth === 0) {
      assert.equal(indent.length, 0, `${where}: list item ${JSON.stringify(want.text)} should not be indented`);
    } else {
      const parent = lists.slice(0, i).findLastIndex((l) => l.depth === want.depth - 1);
      assert.ok(indent.length > indents[parent], `${where}: list item ${JSON.stringify(want.text)} should be nested under ${JSON.stringify(lists[parent].text)}\n--- body ---\n${body}`);
    }
  });
}

/** Files under <out>/assets. */
export async function assetFiles(outDir: string): Promise<string[]> {
  const dir = join(outDir, 'assets');
  return existsSync(dir) ? walk(dir) : [];
}
