// End to end (issue 5): posts that fail for good (500 forever, a reset on every attempt, a 404). The rest
// of the archive is completed, the run exits 1, every failure is in the summary, the JSON report and the
// manifest with its reason, nothing is lost silently, and the next run against the healed server
// archives the failed posts.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ROOT, loadExpected, readArchive, requireBuild, runCli, tempOut, type CliResult, type ExpectedSite } from './archive-harness.js';
import { parseReport, readManifest, serveFaulty, type JsonReport, type ServedFaulty } from './faults-harness.js';

const FIXTURE = join(ROOT, 'fixtures', 'jekyll-blog');
const BROKEN = '/2015/09/18/sql-window-functions/';
const RESETTING = '/2015/07/30/python-generators/';
const GONE = '/2015/08/09/shell-tricks/';
const RETRIES = 2;

let served: ServedFaulty;
let out: string;
let reportFile: string;
let expected: ExpectedSite;
let first: CliResult;
let report: JsonReport;
let goneHtml: Buffer;

before(async () => {
  requireBuild();
  expected = await loadExpected(FIXTURE);
  served = await serveFaulty(join(FIXTURE, 'site'), { failPaths: { [BROKEN]: 500, [RESETTING]: 'reset' } });
  const goneFile = join(served.root, GONE, 'index.html');
  goneHtml = await readFile(goneFile);
  await rm(goneFile);
  out = await tempOut();
  reportFile = join(out, '..', `${out.split(/[\\/]/).pop()}-report.json`);
  first = await runCli(['archive', `${served.url}/`, '--out', out, '--retries', String(RETRIES), '--report', reportFile]);
  report = JSON.parse(await readFile(reportFile, 'utf8')) as JsonReport;
});

after(async () => {
  await served?.close();
  if (out) await rm(out, { recursive: true, force: true });
  if (reportFile) await rm(reportFile, { force: true });
});

const shown = () => `exit ${first.code}\nstdout:\n${first.stdout}\nstderr:\n${first.stderr}`;
const urlOf = (path: string) => new URL(path, served.url).href;

test('permanent failures: exit code 1, and everything else is archived', async () => {
  assert.equal(first.code, 1, shown());
  const archived = new Set((await readArchive(out)).map((p) => new URL(p.fm.url as string).pathname));
  const want = expected.posts.map((p) => new URL(p.path, served.url).pathname).filter((p) => ![BROKEN, RESETTING, GONE].includes(decodeURI(p)));
  assert.deepEqual([...archived].sort(), want.sort(), shown());
});

test('permanent failures: each is in the printed summary with its reason', () => {
  const lines = first.stdout.split('\n');
  const line = (path: string) => lines.find((l) => /failed/i.test(l) && l.includes(urlOf(path)));
  assert.match(line(BROKEN) ?? '', /HTTP 500/, `no summary line gives HTTP 500 for ${BROKEN}\n${shown()}`);
  assert.match(line(BROKEN) ?? '', new RegExp(`after ${RETRIES + 1} attempts`), `the summary does not say the 500 was retried\n${shown()}`);
  assert.match(line(RESETTING) ?? '', /reset/i, `no summary line gives the reset for ${RESETTING}\n${shown()}`);
  assert.match(line(GONE) ?? '', /HTTP 404/, `no summary line gives HTTP 404 for ${GONE}\n${shown()}`);
});

test('permanent failures: a 404 is not retried, a 500 is retried --retries times', () => {
  const hits = (path: string) => served.server.log.filter((e) => decodeURI(e.path) === path).length;
  assert.equal(hits(GONE), 1, 'the 404 was asked more than once');
  assert.equal(hits(BROKEN), RETRIES + 1, 'the 500 was not asked 1 + --retries times');
  assert.equal(hits(RESETTING), RETRIES + 1, 'the reset was not asked 1 + --retries times');
});

test('permanent failures: the manifest lists them as failed with the reason', async () => {
  const entries = await readManifest(out);
  const entry = (path: string) => entries.find((e) => new URL(e.url).pathname === new URL(path, served.url).pathname);
  for (const [path, reason] of [[BROKEN, /HTTP 500/], [RESETTING, /reset/i], [GONE, /HTTP 404/]] as const) {
    const e = entry(path);
    assert.ok(e, `no manifest entry for ${path}`);
    assert.equal(e.status, 'failed', `${path}: ${JSON.stringify(e)}`);
    assert.match(e.error ?? '', reason, `${path}: ${JSON.stringify(e)}`);
    assert.equal(e.file, undefined, `${path} failed but names a file: ${JSON.stringify(e)}`);
  }
  assert.equal(entries.filter((e) => e.status === 'archived').length, expected.posts.length - 3);
});

test('no silent loss: archived + failed == posts found in the JSON report', () => {
  const archived = report.new.length + report.changed.length + report.unchanged.length;
  assert.equal(report.postsFound, expected.posts.length);
  assert.equal(archived + report.failed.length, report.postsFound, JSON.stringify(report, null, 2));
  assert.deepEqual(report.failed.map((f) => decodeURI(new URL(f.url).pathname)).sort(), [BROKEN, GONE, RESETTING].sort());
  for (const f of report.failed) assert.ok(f.reason.length > 5, `no reason given for ${f.url}`);
});

test('permanent failures: the next run against the healed server archives them', async () => {
  served.server.setHandler(undefined);
  await writeFile(join(served.root, GONE, 'index.html'), goneHtml);
  const second = await runCli(['archive', `${served.url}/`, '--out', out, '--json']);
  assert.equal(second.code, 0, `exit ${second.code}\n${second.stdout}\n${second.stderr}`);
  const r = parseReport(second.stdout);
  assert.deepEqual(r.new.map((u) => decodeURI(new URL(u).pathname)).sort(), [BROKEN, GONE, RESETTING].sort(), second.stdout);
  assert.equal(r.unchanged.length, expected.posts.length - 3, second.stdout);
  assert.deepEqual(r.failed, []);
  const entries = await readManifest(out);
  assert.ok(entries.every((e) => e.status === 'archived' && !e.error), JSON.stringify(entries.filter((e) => e.status !== 'archived' || e.error)));
  assert.equal((await readArchive(out)).length, expected.posts.length);
});
