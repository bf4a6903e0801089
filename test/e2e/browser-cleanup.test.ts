// No Chromium process outlives its fetcher: not after close() with renders in flight, not when the
// Node process exits, throws or is killed without closing. Reads /proc (Linux).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startStaticServer, type TestServer } from '../helpers/static-server.js';
import { createBrowserFetcher, type BrowserEvent } from '../../src/fetch/browser-fetcher.js';
import { FetchError } from '../../src/fetch/fetcher.js';
import { createFetchLayer } from '../../src/fetch/layer.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SPA = join(ROOT, 'fixtures', 'spa-blog');

const layer = createFetchLayer({ allowPrivateAddresses: true, ignoreRobots: true });

interface Proc {
  pid: number;
  ppid: number;
  cmdline: string;
}

function processes(): Proc[] {
  const out: Proc[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      // The fields after the command name, which is in parentheses and may hold spaces.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (fields[0] === 'Z') continue;
      out.push({ pid: Number(name), ppid: Number(fields[1]), cmdline: readFileSync(`/proc/${name}/cmdline`, 'utf8').split('\0').join(' ') });
    } catch {
      // exited while being read
    }
  }
  return out;
}

/** The browsers `parent` launched and all they run; helpers that detach (crashpad) are found by profile dir. */
function browserProcesses(parent: number): number[] {
  const all = processes();
  const roots = all.filter((p) => p.ppid === parent && p.cmdline.includes('--remote-debugging-pipe'));
  const profiles = roots.map((p) => /--user-data-dir=(\S+)/.exec(p.cmdline)?.[1]).filter((d): d is string => !!d);
  const found = new Set(roots.map((p) => p.pid));
  for (let grew = true; grew; ) {
    grew = false;
    for (const p of all) {
      if (!found.has(p.pid) && (found.has(p.ppid) || profiles.some((dir) => p.cmdline.includes(dir)))) {
        found.add(p.pid);
        grew = true;
      }
    }
  }
  return [...found];
}

function linkCount(html: string): number {
  return new Set([...html.matchAll(/href="(\/posts\/[^"]+)"/g)].map((m) => m[1])).size;
}

function alive(pids: number[]): number[] {
  const live = new Set(processes().map((p) => p.pid));
  return pids.filter((pid) => live.has(pid));
}

/** Chromium notices its parent is gone when the DevTools pipe closes; give it a moment. */
async function eventuallyGone(pids: number[], ms = 10_000): Promise<number[]> {
  const deadline = Date.now() + ms;
  let left = alive(pids);
  while (left.length && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    left = alive(pids);
  }
  return left;
}

let spa: TestServer;
let scratch: string;

before(async () => {
  spa = await startStaticServer(SPA);
  scratch = await mkdtemp(join(tmpdir(), 'bv-cleanup-'));
});

after(async () => {
  await layer.close();
  await spa?.close();
  await rm(scratch, { recursive: true, force: true });
});

test('close() with renders in flight rejects them with FetchErrors and ends every Chromium process', async () => {
  const own = await createBrowserFetcher({ layer, concurrency: 2 });
  const settled = Promise.allSettled([own.fetch(`${spa.url}/posts/zh-typography/`), own.fetch(`${spa.url}/`, { expand: true })]);
  await new Promise((resolve) => setTimeout(resolve, 300));
  const pids = browserProcesses(process.pid);
  assert.ok(pids.length >= 2, `expected the browser and its helpers, found ${pids.length} processes`);
  await own.close();
  for (const outcome of await settled) {
    if (outcome.status === 'rejected') assert.ok(outcome.reason instanceof FetchError, `not a FetchError: ${String(outcome.reason)}`);
  }
  assert.deepEqual(alive(pids), [], 'Chromium processes left after close()');
});

test('a browser that dies is replaced: the next page launches a new one', async () => {
  const before = new Set(browserProcesses(process.pid));
  const events: BrowserEvent[] = [];
  const own = await createBrowserFetcher({ layer, concurrency: 1, onEvent: (e) => events.push(e) });
  try {
    const first = await own.fetch(`${spa.url}/posts/zh-typography/`);
    assert.match(first.text ?? '', /中文网页排版笔记/);
    const victim = processes().find((p) => p.ppid === process.pid && p.cmdline.includes('--remote-debugging-pipe') && !before.has(p.pid));
    assert.ok(victim, 'the browser process was not found');
    process.kill(victim.pid, 'SIGKILL');
    for (let i = 0; i < 100 && !events.some((e) => e.type === 'browser-lost'); i++) await new Promise((resolve) => setTimeout(resolve, 50));
    assert.ok(events.some((e) => e.type === 'browser-lost'), 'the death of the browser went unnoticed');
    const second = await own.fetch(`${spa.url}/posts/json-api-pagination/`);
    assert.match(second.text ?? '', /Designing JSON API Pagination/);
    assert.equal(events.filter((e) => e.type === 'launch').length, 2);

    // Dying in the middle of a render: the page is retried in a new browser.
    const pending = own.fetch(`${spa.url}/`, { expand: true });
    await new Promise((resolve) => setTimeout(resolve, 400));
    const current = processes().find((p) => p.ppid === process.pid && p.cmdline.includes('--remote-debugging-pipe') && !before.has(p.pid) && p.pid !== victim.pid);
    assert.ok(current, 'the second browser process was not found');
    process.kill(current.pid, 'SIGKILL');
    const index = await pending;
    assert.equal(linkCount(index.text ?? ''), 12);
    assert.equal(events.filter((e) => e.type === 'launch').length, 3);
    assert.ok(events.some((e) => e.type === 'retry' && /crashed/.test(e.reason)), 'no retry after the crash');
  } finally {
    await own.close();
  }
  const left = browserProcesses(process.pid).filter((pid) => !before.has(pid));
  assert.deepEqual(await eventuallyGone(left), [], 'Chromium processes left after close()');
});

/** Runs a Node process that opens a browser fetcher, starts a render, then ends as `how` says without close(). */
async function childLeavesNothing(how: 'exit' | 'throw' | 'sigkill' | 'sigterm'): Promise<void> {
  const script = join(scratch, `child-${how}.mts`);
  const module = new URL('../../src/fetch/browser-fetcher.ts', import.meta.url).href;
  const layerModule = new URL('../../src/fetch/layer.ts', import.meta.url).href;
  await writeFile(
    script,
    `import { createBrowserFetcher } from ${JSON.stringify(module)};
import { createFetchLayer } from ${JSON.stringify(layerModule)};
const layer = createFetchLayer({ allowPrivateAddresses: true, ignoreRobots: true });
const fetcher = await createBrowserFetcher({ layer, concurrency: 1 });
fetcher.fetch(${JSON.stringify(`${spa.url}/`)}, { expand: true }).catch(() => {});
console.log('ready');
setTimeout(() => {
  if (${JSON.stringify(how)} === 'exit') process.exit(3);
  if (${JSON.stringify(how)} === 'throw') throw new Error('crash');
}, 300);
setInterval(() => {}, 1000);
`,
  );
  const child = spawn(process.execPath, ['--import', 'tsx', script], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (d) => String(d).includes('ready') && resolve());
    child.on('exit', (code) => reject(new Error(`child exited (${code}) before launching:\n${stderr}`)));
  });
  const pids = browserProcesses(child.pid!);
  assert.ok(pids.length >= 2, `expected the child's browser and its helpers, found ${pids.length} processes`);
  if (how === 'sigkill') child.kill('SIGKILL');
  if (how === 'sigterm') child.kill('SIGTERM');
  await exited;
  assert.deepEqual(await eventuallyGone(pids), [], `Chromium processes outlived a child that ended by ${how}`);
}

test('a process that exits without close() leaves no Chromium behind', () => childLeavesNothing('exit'));
test('a process that crashes on an uncaught error leaves no Chromium behind', () => childLeavesNothing('throw'));
test('a process killed by SIGTERM leaves no Chromium behind', () => childLeavesNothing('sigterm'));
test('a process killed by SIGKILL leaves no Chromium behind', () => childLeavesNothing('sigkill'));
