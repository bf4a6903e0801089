// Issue 20, terminal: on a terminal (a pseudo-terminal made by util-linux `script`) the progress says
// what it knows while the index is walked, Ctrl-C clears the bar before its message and nothing is
// drawn after it, a second Ctrl-C or a stop with nothing in flight ends the process; `update` shows
// progress on a terminal and nothing under cron; the summary names retries, changed posts and a walk
// cut short by --max-pages.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { rm, writeFile, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { BIN, ROOT, requireBuild, runCli, tempOut, type CliResult } from './archive-harness.js';
import { startSlowBlog } from '../helpers/slow-blog.js';
import { startStaticServer, type TestServer } from '../helpers/static-server.js';
import { indexPage, postPage, sendHtml } from './faults-harness.js';
import { serveJekyll } from './incremental-harness.js';

const servers: { close(): Promise<void> }[] = [];
const dirs: string[] = [];
before(() => requireBuild());
after(async () => {
  for (const s of servers) await s.close();
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

async function out(): Promise<string> {
  const dir = await tempOut();
  dirs.push(dir);
  return dir;
}

async function slowBlog(o: Parameters<typeof startSlowBlog>[0]): Promise<string> {
  const server = await startSlowBlog(o);
  servers.push(server);
  return server.url;
}

interface TtyRun {
  code: number | null;
  /** Everything the terminal received, escape sequences included. */
  raw: string;
  /** ms from the start to the exit. */
  ms: number;
}

const shellQuote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/**
 * Runs the CLI on a pseudo-terminal; `onOutput` sees what has been written so far and may answer with
 * keys to type (`\x03` is Ctrl-C).
 */
function onTerminal(args: string[], onOutput?: (raw: string) => string | undefined): Promise<TtyRun> {
  const command = [process.execPath, BIN, ...args].map(shellQuote).join(' ');
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn('script', ['-qfec', command, '/dev/null'], { cwd: ROOT, env: { ...process.env, BLOGVAULT_DEBUG: '', COLUMNS: '160', LINES: '40' } });
    let raw = '';
    child.stdout.on('data', (d: Buffer) => {
      raw += d.toString('utf8');
      const keys = onOutput?.(raw);
      if (keys) child.stdin.write(keys);
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), 90_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, raw, ms: Date.now() - started });
    });
  });
}

/** What a terminal shows at the end: carriage returns, column moves, line erases and saved positions applied. */
function screen(raw: string): string[] {
  const lines: string[] = [''];
  let row = 0;
  let col = 0;
  let saved = { row: 0, col: 0 };
  const put = (ch: string) => {
    const line = lines[row].padEnd(col, ' ');
    lines[row] = line.slice(0, col) + ch + line.slice(col + 1);
    col++;
  };
  for (let i = 0; i < raw.length; i++) {
    const ch = raw[i];
    if (ch === '\x1b') {
      const m = /^\x1b(?:\[([?\d;]*)([A-Za-z])|([78]))/.exec(raw.slice(i));
      if (!m) continue;
      i += m[0].length - 1;
      if (m[3] === '7') saved = { row, col };
      else if (m[3] === '8') ({ row, col } = saved);
      else if (m[2] === 'G') col = Math.max(0, Number(m[1] || 1) - 1);
      else if (m[2] === 'K') lines[row] = m[1] === '2' ? '' : lines[row].slice(0, col);
      continue;
    }
    if (ch === '\r') col = 0;
    else if (ch === '\n') {
      row++;
      col = 0;
      lines[row] ??= '';
    } else put(ch);
  }
  return lines.map((l) => l.trimEnd()).filter(Boolean);
}

const BAR = /walking the index|archiving \[|reading the blog index/;

test('Ctrl-C clears the bar, then says it stops; nothing is drawn after it and no bar is left', async () => {
  const url = await slowBlog({ pages: 3, perPage: 10, indexDelayMs: 300, postDelayMs: 400 });
  const dir = await out();
  let sent = false;
  const run = await onTerminal(['archive', `${url}/`, '--out', dir, '--concurrency', '2', '--render', 'never'], (raw) => {
    if (sent || !/walking the index: 2 pages/.test(raw)) return undefined;
    sent = true;
    return '\x03';
  });
  assert.equal(run.code, 130, run.raw);
  const stopping = run.raw.indexOf('Stopping: finishing the posts in flight');
  assert.ok(stopping > 0, run.raw);
  assert.doesNotMatch(run.raw.slice(stopping), BAR, 'the bar was drawn again after the stop message');
  const shown = screen(run.raw);
  assert.ok(!shown.some((l) => BAR.test(l)), `a bar is left on the screen:\n${shown.join('\n')}`);
  assert.match(shown.at(-2) ?? '', /^Stopping: finishing the posts in flight/, shown.join('\n'));
  assert.match(shown.at(-1) ?? '', /^Interrupted: /, shown.join('\n'));
  assert.ok(run.raw.lastIndexOf('\x1b[?25h') > run.raw.lastIndexOf('\x1b[?25l'), 'the cursor is shown again');
});

test('a second Ctrl-C quits at once', async () => {
  const url = await slowBlog({ pages: 3, perPage: 10, indexDelayMs: 300, postDelayMs: 3000 });
  const dir = await out();
  let presses = 0;
  const run = await onTerminal(['archive', `${url}/`, '--out', dir, '--render', 'never'], (raw) => {
    if (presses === 0 && /walking the index: 1 pages/.test(raw)) return (presses++, '\x03');
    if (presses === 1 && /Stopping:/.test(raw)) return (presses++, '\x03');
    return undefined;
  });
  assert.equal(run.code, 130, run.raw);
  assert.match(run.raw, /blogvault: stopped at once; the archive is valid and the next run resumes it/);
  assert.doesNotMatch(run.raw, /Interrupted: /, 'no wait for the posts in flight');
});

test('SIGTERM while an index page hangs: the process ends a few seconds after, not when the page answers', async () => {
  const url = await slowBlog({ pages: 3, perPage: 5, indexDelayMs: 60_000, postDelayMs: 0 });
  const dir = await out();
  const started = Date.now();
  const child = spawn(process.execPath, [BIN, 'archive', `${url}/`, '--out', dir, '--render', 'never', '--timeout', '120'], { env: { ...process.env, BLOGVAULT_DEBUG: '' } });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => {
    stderr += d.toString();
    // Every post of the first page archived: the run waits on page 2 with nothing in flight.
    if (/\[5\/5\]/.test(stderr) && !child.killed) child.kill('SIGTERM');
  });
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  assert.equal(code, 130, stderr);
  assert.match(stderr, /blogvault: stopped after 5 s with nothing in flight; the archive is valid/);
  assert.ok(Date.now() - started < 40_000, 'ended long before the page answered');
});

test('the index walk shows what it found, without an ETA, until it is over', async () => {
  const url = await slowBlog({ pages: 3, perPage: 10, indexDelayMs: 800, postDelayMs: 50 });
  const dir = await out();
  const run = await onTerminal(['archive', `${url}/`, '--out', dir, '--render', 'never']);
  assert.equal(run.code, 0, run.raw);
  const frames = run.raw.split(/\x1b\[1G|\r/).map((f) => f.replace(/\x1b\[[\d;?]*[A-Za-z]|\x1b[78]/g, ''));
  const walking = frames.filter((f) => f.startsWith('walking the index'));
  assert.ok(walking.some((f) => /^walking the index: 1 pages, 10 posts found, \d+ archived/.test(f)), frames.join('\n'));
  assert.ok(walking.some((f) => /^walking the index: 2 pages, 20 posts found/.test(f)), frames.join('\n'));
  assert.ok(walking.every((f) => !/left/.test(f)), 'no ETA while the total grows');
  const lastWalking = frames.map((f) => f.startsWith('walking the index')).lastIndexOf(true);
  const firstBar = frames.findIndex((f) => f.startsWith('archiving ['));
  assert.ok(firstBar === -1 || firstBar > lastWalking, 'the bar with an ETA comes after the walk');
});

test('update: progress on a terminal, nothing at all under cron when nothing changed', async () => {
  const url = await slowBlog({ pages: 2, perPage: 5, indexDelayMs: 500, postDelayMs: 100 });
  const dir = await out();
  const first = await runCli(['archive', `${url}/`, '--out', dir, '--render', 'never']);
  assert.equal(first.code, 0, first.stderr);
  const tty = await onTerminal(['update', dir]);
  assert.equal(tty.code, 0, tty.raw);
  assert.match(tty.raw, /walking the index: 1 pages, 5 posts found/);
  const cron = await runCli(['update', dir]);
  assert.equal(cron.code, 0, cron.stderr);
  assert.equal(cron.stdout + cron.stderr, '');
});

/** A blog of three posts whose first answer for each post in `flaky` is a 503. */
async function flakyBlog(flaky: string[]): Promise<TestServer> {
  const seen = new Set<string>();
  const server = await startStaticServer(tmpdir(), (req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (path === '/') return sendHtml(res, indexPage('Flaky', ['a', 'b', 'c'].map((s) => ({ href: `/posts/${s}/`, title: `Post ${s}`, date: '2024-01-02' }))));
    const slug = /^\/posts\/(\w)\/$/.exec(path)?.[1];
    if (!slug) return sendHtml(res, '<!doctype html><title>Not found</title>', 404);
    if (flaky.includes(slug) && !seen.has(slug)) {
      seen.add(slug);
      return sendHtml(res, '<!doctype html><title>Busy</title>', 503);
    }
    return sendHtml(res, postPage(`Post ${slug}`, '2024-01-02', `<p>${'Text of the post. '.repeat(20)}</p>`));
  });
  servers.push(server);
  return server;
}

test('the summary says how many requests were retried and why', async () => {
  const server = await flakyBlog(['a', 'c']);
  const dir = await out();
  const r = await runCli(['archive', `${server.url}/`, '--out', dir, '--render', 'never', '--discover', 'index']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^ {2}2 requests retried \(2 retries\): HTTP 503 ×2$/m);
  const clean = await runCli(['archive', `${server.url}/`, '--out', await out(), '--render', 'never', '--discover', 'index']);
  assert.doesNotMatch(clean.stdout, /retried/);
});

test('update names the changed posts; the summary says when --max-pages cut the walk', async () => {
  const served = await serveJekyll();
  servers.push(served);
  const dir = await out();
  const first = await runCli(['archive', `${served.url}/`, '--out', dir, '--render', 'never']);
  assert.equal(first.code, 0, first.stderr);
  assert.doesNotMatch(first.stdout, /14 new: /, 'a first run does not list every post');
  const page = join(served.root, '2015', '09', '18', 'sql-window-functions', 'index.html');
  await writeFile(page, (await readFile(page, 'utf8')).replace('rank rows without collapsing them.</p>', 'rank rows without collapsing them.</p><p>An added paragraph of the post.</p>'));
  const update: CliResult = await runCli(['update', dir]);
  assert.equal(update.code, 0, update.stderr);
  assert.match(update.stdout, /^ {2}1 changed: sql-window-functions\.md$/m);

  const cut = await runCli(['archive', `${served.url}/`, '--out', await out(), '--render', 'never', '--discover', 'index', '--max-pages', '2']);
  assert.match(cut.stdout, /the index walk stopped at --max-pages \(2 pages\)/);
  const whole = await runCli(['archive', `${served.url}/`, '--out', await out(), '--render', 'never', '--discover', 'index', '--max-pages', '3']);
  assert.doesNotMatch(whole.stdout, /--max-pages/, 'a walk that read every page was not cut');
});
