// Issue 23: `--warc` records every response the run fetched as WARC 1.1 records, read back here with
// warcio (webrecorder's reader, the one ReplayWeb.page is built on): a request and a response record for
// every request the server logged, payloads equal to the bytes served, revisit records for the 304s of a
// later run, files rotated by size, and a run killed mid-write leaving files the next run closes.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import { readFile, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { CDXIndexer, WARCParser } from 'warcio';
import { requireBuild, runCli, tempOut, type ServedFixture } from './archive-harness.js';
import { JEKYLL_POSTS, output, postFileCount, serveJekyll, spawnCli, waitFor } from './incremental-harness.js';

interface Rec {
  file: string;
  type: string;
  id: string;
  uri?: string;
  date?: string;
  status?: number;
  concurrentTo?: string;
  profile?: string;
  refersToUri?: string;
  refersToDate?: string;
  payloadDigest?: string;
  truncated?: string;
  payload: Buffer;
}

/** Every record of every WARC file in `<out>/warc`, in file and record order, read with warcio. */
async function readWarcs(out: string): Promise<{ files: string[]; records: Rec[] }> {
  const dir = join(out, 'warc');
  const files = (await readdir(dir)).filter((f) => /\.warc\.gz$/.test(f)).sort();
  const records: Rec[] = [];
  for (const file of files) {
    for await (const r of new WARCParser(createReadStream(join(dir, file)))) {
      const h = (name: string) => r.warcHeader(name) ?? undefined;
      records.push({
        file,
        type: r.warcType ?? '',
        id: h('WARC-Record-ID') ?? '',
        uri: r.warcTargetURI ?? undefined,
        date: h('WARC-Date'),
        status: r.httpHeaders && r.warcType !== 'request' ? Number(r.httpHeaders.statusCode) : undefined,
        concurrentTo: h('WARC-Concurrent-To'),
        profile: h('WARC-Profile'),
        refersToUri: h('WARC-Refers-To-Target-URI'),
        refersToDate: h('WARC-Refers-To-Date'),
        payloadDigest: h('WARC-Payload-Digest'),
        truncated: h('WARC-Truncated'),
        payload: Buffer.from(await r.readFully(true)),
      });
    }
  }
  return { files, records };
}

let served: ServedFixture;
const outs: string[] = [];

before(async () => {
  requireBuild();
  served = await serveJekyll();
});

after(async () => {
  await served?.close();
  for (const out of outs) await rm(out, { recursive: true, force: true });
});

test('--warc: request and response records for every request, payloads as served, revisits for 304s, size rotation', async () => {
  const out = await tempOut();
  outs.push(out);
  const logStart = served.server.log.length;
  // 20 KiB files: the 14-post blog takes several.
  const r = await runCli(['archive', `${served.url}/`, '--out', out, '--warc', '--warc-size', String(20 / 1024)]);
  assert.equal(r.code, 0, output(r));
  const requests = served.server.log.slice(logStart);
  const { files, records } = await readWarcs(out);
  assert.ok(files.length >= 2, `expected several files at 20 KiB each, got ${files.join(', ')}`);
  assert.deepEqual(await readdir(join(out, 'warc')).then((names) => names.filter((n) => n.endsWith('.open'))), [], 'no file left open');
  assert.match(r.stdout, new RegExp(`WARC: ${records.length} records written to warc/`));

  // Each file opens with a warcinfo record naming itself and blogvault; no file outgrows the limit by more than one record pair.
  for (const file of files) {
    const first = records.find((x) => x.file === file)!;
    assert.equal(first.type, 'warcinfo', `${file} does not start with warcinfo`);
    assert.match(first.payload.toString(), /software: blogvault\/\d/);
  }

  // One response record and one request record per request the server saw, paired by WARC-Concurrent-To.
  const responses = records.filter((x) => x.type === 'response');
  const byId = new Map(responses.map((x) => [x.id, x]));
  const requestRecords = records.filter((x) => x.type === 'request');
  assert.equal(responses.length, requests.length, `responses recorded ${responses.length}, requests served ${requests.length}`);
  assert.equal(requestRecords.length, requests.length);
  for (const req of requestRecords) assert.equal(byId.get(req.concurrentTo ?? '')?.uri, req.uri, `request record ${req.uri} is not paired with its response`);
  const recorded = responses.map((x) => `${x.status} ${x.uri}`).sort();
  const logged = requests.map((e) => `${e.status} ${served.url}${e.path}`).sort();
  assert.deepEqual(recorded, logged, 'the responses recorded are those the server sent');

  // Payloads are the bytes served, and their digests say so.
  const post = responses.find((x) => x.uri === `${served.url}/2015/08/09/shell-tricks/`)!;
  assert.ok(post, 'no record of a post page');
  assert.ok(post.payload.equals(await readFile(join(served.root, '2015/08/09/shell-tricks/index.html'))), 'the post page\'s payload differs from the bytes served');
  const image = responses.find((x) => x.uri?.endsWith('.png') && x.status === 200)!;
  assert.ok(image, 'no record of an image');
  assert.ok(image.payload.equals(await readFile(join(served.root, new URL(image.uri!).pathname))), 'the image\'s payload differs from the file served');
  for (const x of responses.filter((x) => x.status === 200)) {
    assert.equal(x.payloadDigest, `sha256:${createHash('sha256').update(x.payload).digest('hex')}`, `${x.uri}: payload digest`);
  }
  // The 404 of robots.txt (body not read by blogvault) is kept, and marked truncated.
  const robots = responses.find((x) => x.uri === `${served.url}/robots.txt`);
  if (robots && robots.status !== 200) assert.equal(robots.truncated, 'unspecified');

  // A CDX indexer (as pywb and ReplayWeb.page build) finds every capture.
  const cdx: { url: string; status: string }[] = [];
  for (const file of files) {
    for await (const line of new CDXIndexer({ format: 'json' }).iterIndex([{ filename: file, reader: createReadStream(join(out, 'warc', file)) }])) cdx.push(line as { url: string; status: string });
  }
  assert.equal(cdx.length, responses.length, 'the CDX index has one line per response');

  // The next run: unchanged pages answer 304 and are recorded as revisits of the first capture.
  const firstCaptures = new Map(responses.filter((x) => x.status === 200).map((x) => [x.uri, x]));
  const second = served.server.log.length;
  const u = await runCli(['update', out]);
  assert.equal(u.code, 0, output(u));
  const notModified = served.server.log.slice(second).filter((e) => e.status === 304);
  assert.ok(notModified.length >= JEKYLL_POSTS, `only ${notModified.length} answers were 304`);
  const after = await readWarcs(out);
  assert.ok(after.files.length > files.length, 'the second run writes files of its own');
  const revisits = after.records.filter((x) => x.type === 'revisit');
  assert.deepEqual(revisits.map((x) => x.uri).sort(), notModified.map((e) => `${served.url}${e.path}`).sort(), 'one revisit record per 304');
  for (const v of revisits) {
    const original = firstCaptures.get(v.uri);
    assert.equal(v.status, 304);
    assert.equal(v.profile, 'http://netpreserve.org/warc/1.1/revisit/server-not-modified');
    assert.equal(v.refersToUri, v.uri);
    assert.equal(v.refersToDate, original?.date, `${v.uri}: the revisit names the first capture's date`);
    assert.equal(v.payloadDigest, original?.payloadDigest, `${v.uri}: the revisit carries the first capture's payload digest`);
  }
});

test('--warc: a run killed mid-write leaves whole records; the next run closes the file and goes on', async () => {
  const out = await tempOut();
  outs.push(out);
  served.server.setHandler(async (req) => {
    if (/^\/\d{4}\/\d{2}\/\d{2}\/[^/]+\/$/.test(new URL(req.url ?? '/', 'http://x').pathname)) await new Promise((resolve) => setTimeout(resolve, 100));
    return false;
  });
  try {
    const run = spawnCli(['archive', `${served.url}/`, '--out', out, '--warc']);
    await waitFor(async () => (await postFileCount(out)) >= 3 || run.child.exitCode !== null, 'three post files');
    run.child.kill('SIGKILL');
    assert.equal((await run.done).code, -1, 'the run ended before it could be killed');
  } finally {
    served.server.setHandler(undefined);
  }
  const left = (await readdir(join(out, 'warc'))).filter((n) => n.endsWith('.warc.gz.open'));
  assert.equal(left.length, 1, `the killed run left ${left.join(', ') || 'no'} open file`);
  const r = await runCli(['update', out]);
  assert.equal(r.code, 0, output(r));
  const names = await readdir(join(out, 'warc'));
  assert.deepEqual(names.filter((n) => n.endsWith('.open')), [], 'the open file was closed');
  assert.ok(existsSync(join(out, 'warc', left[0].replace(/\.open$/, ''))), 'the killed run\'s file is kept');
  const { records } = await readWarcs(out);
  const pairs = records.filter((x) => x.type === 'request').length;
  assert.equal(records.filter((x) => x.type === 'response' || x.type === 'revisit').length, pairs, 'every request record has its response');
  assert.ok(records.some((x) => x.uri === `${served.url}/2015/07/26/hello-jekyll/` && x.status === 200), 'the resumed run recorded the posts it fetched');
});
