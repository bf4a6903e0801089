// The round trip of issue 7: archive the Jekyll fixture blog with the built CLI, export the archive to
// Hexo, Hugo and Jekyll and build each with the real engine (every post, image and internal link
// checked), then serve the Hexo-built site and archive it again: the bodies must match the first
// archive's (text F1 >= 0.99).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { startStaticServer } from '../helpers/static-server.js';
import { ROOT, readArchive, requireBuild, runCli, serveFixture, tempOut, type ArchivedPost } from './archive-harness.js';
import { tokenF1 } from '../engines/engines.js';
import { archiveImages, exportBuildAndCheck, readerText } from '../engines/site-checks.js';

const SITE = join(ROOT, 'fixtures', 'jekyll-blog', 'site');
const sites: string[] = [];
const outs: string[] = [];
let first: string;

before(async () => {
  requireBuild();
  const served = await serveFixture(SITE);
  try {
    first = await tempOut();
    outs.push(first);
    const result = await runCli(['archive', `${served.url}/`, '--out', first]);
    assert.equal(result.code, 0, `archiving the fixture blog failed:\n${result.stdout}\n${result.stderr}`);
  } finally {
    await served.close();
  }
});

after(async () => {
  for (const dir of [...sites, ...outs]) await rm(dir, { recursive: true, force: true });
});

for (const engine of ['jekyll', 'hugo'] as const) {
  test(`round trip: the archived fixture blog exported to ${engine} builds with every post, image and link`, async () => {
    await exportBuildAndCheck(first, engine, false, sites);
  });
}

for (const engine of ['jekyll', 'hugo', 'hexo'] as const) {
  test(`round trip: with --keep-urls the ${engine} site answers every old URL of the fixture blog`, async () => {
    await exportBuildAndCheck(first, engine, true, sites);
  });
}

test('round trip: archived -> Hexo -> built -> archived again keeps every post body (F1 >= 0.99)', async () => {
  const { built, archived } = await exportBuildAndCheck(first, 'hexo', false, sites);
  const server = await startStaticServer(built);
  const second = await tempOut();
  outs.push(second);
  try {
    const result = await runCli(['archive', `${server.url}/`, '--out', second]);
    assert.equal(result.code, 0, `archiving the Hexo site failed:\n${result.stdout}\n${result.stderr}`);
  } finally {
    await server.close();
  }
  const again = await readArchive(second);
  assert.equal(again.length, archived.length, `first archive ${archived.length} posts, second ${again.length}`);
  const byTitle = new Map<string, ArchivedPost>(again.map((p) => [String(p.fm.title), p]));
  for (const post of archived) {
    const twin = byTitle.get(String(post.fm.title));
    assert.ok(twin, `${post.file}: "${post.fm.title}" missing from the second archive`);
    const f1 = tokenF1(readerText(post.body), readerText(twin.body));
    assert.ok(f1 >= 0.99, `${post.file}: body F1 ${f1.toFixed(4)} < 0.99 after the Hexo round trip`);
    assert.equal(archiveImages(twin.body).length, archiveImages(post.body).length, `${post.file}: images`);
    assert.equal(String(twin.fm.date).slice(0, 10), String(post.fm.date).slice(0, 10), `${post.file}: day`);
  }
});
