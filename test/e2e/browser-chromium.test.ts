// Finding a Chromium: BLOGVAULT_CHROMIUM, a Playwright-managed browser, then PATH; a one-line error otherwise.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { accessSync, constants } from 'node:fs';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ChromiumNotFoundError, findChromium } from '../../src/fetch/chromium.js';
import { createBrowserFetcher, type BrowserEvent } from '../../src/fetch/browser-fetcher.js';
import { createFetchLayer } from '../../src/fetch/layer.js';

let dir: string;
const noPlaywright = () => join(dir, 'no-such-playwright-chrome');

async function executable(name: string, mode = 0o755): Promise<string> {
  const file = join(dir, name);
  await writeFile(file, '#!/bin/sh\nexit 0\n');
  await chmod(file, mode);
  return file;
}

/** Never asked for anything: these tests only launch browsers. */
const unusedLayer = createFetchLayer();

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bv-chromium-'));
});

after(async () => {
  await rm(dir, { recursive: true, force: true });
});

test('BLOGVAULT_CHROMIUM wins over everything else', async () => {
  const chosen = await executable('my-chrome');
  const onPath = await executable('chromium');
  const found = findChromium({ env: { BLOGVAULT_CHROMIUM: chosen, PATH: dir }, playwrightPath: () => onPath });
  assert.deepEqual(found, { path: chosen, source: 'env' });
});

test('a BLOGVAULT_CHROMIUM that does not exist is a clear one-line error, not a silent fallback', async () => {
  await executable('chromium');
  const missing = join(dir, 'nowhere', 'chrome');
  assert.throws(
    () => findChromium({ env: { BLOGVAULT_CHROMIUM: missing, PATH: dir }, playwrightPath: noPlaywright }),
    (err: unknown) => {
      assert.ok(err instanceof ChromiumNotFoundError);
      assert.ok(err.message.includes(`BLOGVAULT_CHROMIUM=${missing}`), err.message);
      assert.doesNotMatch(err.message, /\n/);
      return true;
    },
  );
});

test('a BLOGVAULT_CHROMIUM that is not executable is refused', async () => {
  const plain = await executable('not-executable', 0o644);
  assert.throws(() => findChromium({ env: { BLOGVAULT_CHROMIUM: plain, PATH: '' }, playwrightPath: noPlaywright }), /is not an executable file/);
});

test('a Playwright-managed browser is preferred to the system one', async () => {
  const managed = await executable('playwright-chrome');
  await executable('chromium');
  assert.deepEqual(findChromium({ env: { PATH: dir }, playwrightPath: () => managed }), { path: managed, source: 'playwright' });
});

test('on PATH, chromium comes before chromium-browser, google-chrome and google-chrome-stable', async () => {
  const pathDir = await mkdtemp(join(dir, 'bin-'));
  const second = await mkdtemp(join(dir, 'bin-'));
  for (const name of ['google-chrome-stable', 'google-chrome']) {
    await writeFile(join(pathDir, name), '#!/bin/sh\n');
    await chmod(join(pathDir, name), 0o755);
  }
  // Not executable: must be skipped.
  await writeFile(join(pathDir, 'chromium'), '');
  await writeFile(join(second, 'chromium-browser'), '#!/bin/sh\n');
  await chmod(join(second, 'chromium-browser'), 0o755);
  const env = { PATH: `${pathDir}:${second}` };
  assert.deepEqual(findChromium({ env, playwrightPath: noPlaywright }), { path: join(second, 'chromium-browser'), source: 'path' });
  await rm(join(second, 'chromium-browser'));
  assert.deepEqual(findChromium({ env, playwrightPath: noPlaywright }), { path: join(pathDir, 'google-chrome'), source: 'path' });
});

test('no browser anywhere: one line that says how to install one', () => {
  assert.throws(
    () => findChromium({ env: { PATH: join(dir, 'empty') }, playwrightPath: noPlaywright }),
    (err: unknown) => {
      assert.ok(err instanceof ChromiumNotFoundError);
      assert.match(err.message, /^No Chromium found for JavaScript rendering: /);
      assert.match(err.message, /apt-get install chromium/);
      assert.match(err.message, /playwright-core install chromium/);
      assert.match(err.message, /BLOGVAULT_CHROMIUM=/);
      assert.doesNotMatch(err.message, /\n/);
      return true;
    },
  );
});

test('this machine has a usable Chromium (installed by scripts/install-chromium.sh)', () => {
  const found = findChromium();
  accessSync(found.path, constants.X_OK);
});

test('createBrowserFetcher launches the browser BLOGVAULT_CHROMIUM names, and fails cleanly for a bad one', async (t) => {
  const real = findChromium({ env: { PATH: process.env.PATH } }).path;
  const saved = process.env.BLOGVAULT_CHROMIUM;
  t.after(() => {
    if (saved === undefined) delete process.env.BLOGVAULT_CHROMIUM;
    else process.env.BLOGVAULT_CHROMIUM = saved;
  });

  process.env.BLOGVAULT_CHROMIUM = real;
  const events: BrowserEvent[] = [];
  const fetcher = await createBrowserFetcher({ layer: unusedLayer, concurrency: 1, onEvent: (e) => events.push(e) });
  await fetcher.close();
  const launch = events.find((e) => e.type === 'launch');
  assert.deepEqual(launch && { path: launch.executablePath, source: launch.source }, { path: real, source: 'env' });
  assert.match(launch?.version ?? '', /^\d+\.\d+\./);

  process.env.BLOGVAULT_CHROMIUM = join(dir, 'missing-chrome');
  await assert.rejects(createBrowserFetcher({ layer: unusedLayer, concurrency: 1 }), (err: unknown) => {
    assert.ok(err instanceof ChromiumNotFoundError);
    assert.match(err.message, /missing-chrome is not an executable file/);
    return true;
  });
});
