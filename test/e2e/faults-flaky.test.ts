// End to end (issue 5): the jekyll-blog fixture behind a flaky server (random 500 bursts, 429 and 503 with
// Retry-After, connection resets, stalled and truncated bodies), its two Chinese posts re-encoded to GBK /
// GB18030 and mis-declared (a Latin-1 header; a gbk header with a gb2312 <meta>). With retries the archive
// must be complete and byte-identical to the one the same server gives when healthy and all UTF-8;
// Retry-After and --timeout are obeyed.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import type { Fault, FaultRates, FaultServerOptions } from '../helpers/fault-server.js';
import { ROOT, loadExpected, requireBuild, runCli, tempOut } from './archive-harness.js';
import { archiveBytes, parseReport, readManifest, serveFaulty, type ServedFaulty } from './faults-harness.js';

const FIXTURE = join(ROOT, 'fixtures', 'jekyll-blog');
const cleanup: (() => Promise<void>)[] = [];
after(async () => {
  await Promise.all(cleanup.map((c) => c()));
});

interface Scenario {
  name: string;
  seed: number;
  rates: Required<FaultRates>;
  maxFaultsPerPath: number;
  retries: number;
}

const SCENARIOS: Scenario[] = [
  {
    name: 'every fault kind, about half of all first requests faulted',
    seed: 11,
    rates: { error500: 0.15, error429: 0.08, error503: 0.05, reset: 0.08, stall: 0.05, truncate: 0.08 },
    maxFaultsPerPath: 2,
    retries: 3,
  },
  {
    name: 'heavier: 60% of requests faulted, up to 3 faults in a row per URL',
    seed: 21,
    rates: { error500: 0.2, error429: 0.1, error503: 0.05, reset: 0.1, stall: 0.05, truncate: 0.1 },
    maxFaultsPerPath: 3,
    retries: 4,
  },
];

const TIMEOUT_S = 2;
/** Keyed by the request path as sent (percent-encoded). */
const CHARSETS: FaultServerOptions['charsets'] = {
  [encodeURI('/2015/08/01/中文标题/')]: { encoding: 'gbk', header: 'iso-8859-1' },
  [encodeURI('/2015/10/12/容器网络/')]: { encoding: 'gb18030', header: 'gbk', meta: 'gb2312' },
};
const RETRY_AFTER_S = 1;

test('flaky server: the charset rules really serve legacy bytes under the wrong labels', async () => {
  const served = await serveFaulty(join(FIXTURE, 'site'), { charsets: CHARSETS });
  cleanup.push(() => served.close());
  for (const [path, rule] of Object.entries(CHARSETS!)) {
    const res = await fetch(`${served.url}${path}`);
    const body = Buffer.from(await res.arrayBuffer());
    assert.equal(res.headers.get('content-type'), `text/html; charset=${rule.header}`, path);
    assert.throws(() => new TextDecoder('utf-8', { fatal: true }).decode(body), `${path} is still UTF-8`);
    assert.ok(iconv.decode(body, rule.encoding).includes(decodeURI(path).split('/')[4]), `${path} is not ${rule.encoding}`);
  }
});

// The scenarios mostly wait (backoffs, Retry-After, stalls), so they run side by side.
describe('flaky server', { concurrency: true }, () => {
  for (const sc of SCENARIOS) {
    test(`flaky server (${sc.name}): archive complete and byte-identical to a healthy run`, async (t) => {
      requireBuild();
      const expected = await loadExpected(FIXTURE);
      const options: FaultServerOptions = { seed: sc.seed, rates: sc.rates, burst: 2, maxFaultsPerPath: sc.maxFaultsPerPath, retryAfter: String(RETRY_AFTER_S), charsets: CHARSETS };
      const served: ServedFaulty = await serveFaulty(join(FIXTURE, 'site'), options);
      cleanup.push(() => served.close());
      const faultyOut = await tempOut();
      const healthyOut = await tempOut();
      cleanup.push(() => rm(faultyOut, { recursive: true, force: true }), () => rm(healthyOut, { recursive: true, force: true }));

      const started = Date.now();
      const faulty = await runCli(['archive', `${served.url}/`, '--out', faultyOut, '--timeout', String(TIMEOUT_S), '--retries', String(sc.retries), '--json'], 60_000);
      const faultyMs = Date.now() - started;
      const shown = `exit ${faulty.code}\nstdout:\n${faulty.stdout}\nstderr:\n${faulty.stderr}`;
      const faultLog = [...served.server.faults];
      const requestLog = [...served.server.log];

      const byKind = new Map<Fault | 'fail-path', number>();
      for (const f of faultLog) byKind.set(f.fault!, (byKind.get(f.fault!) ?? 0) + 1);
      t.diagnostic(
        `rates ${JSON.stringify(sc.rates)}, burst 2, max ${sc.maxFaultsPerPath} faults per URL, --retries ${sc.retries}: ` +
          `${faultLog.length} of ${requestLog.length} requests faulted ${JSON.stringify(Object.fromEntries(byKind))}, run took ${faultyMs} ms`,
      );
      assert.equal(faulty.code, 0, shown);
      for (const kind of Object.keys(sc.rates) as Fault[]) assert.ok(byKind.get(kind), `the seed injected no ${kind}: the scenario does not test it`);
      const report = parseReport(faulty.stdout);
      assert.deepEqual(report.failed, [], shown);
      assert.equal(report.postsFound, expected.posts.length, shown);
      assert.equal(report.new.length, expected.posts.length, shown);
      assert.equal(report.indexPages, 3, shown);
      assert.equal(report.imagesFailed, 0, shown);
      assert.ok((await readManifest(faultyOut)).every((e) => e.status === 'archived'), 'a manifest entry is not archived');

      // Retry-After is honoured: nothing re-asks a throttled URL sooner than the server said.
      for (const f of faultLog.filter((e) => e.fault === 'error429' || e.fault === 'error503')) {
        const next = requestLog.find((e) => e.path === f.path && e.time > f.time);
        assert.ok(next, `${f.path} was never asked again after its ${f.fault}`);
        assert.ok(next.time - f.time >= RETRY_AFTER_S * 1000 - 25, `${f.path} asked again ${next.time - f.time} ms after a Retry-After of ${RETRY_AFTER_S} s`);
      }
      // Throttling concerns the whole host: once the 429/503 is read, no request starts until the pause is over.
      // Requests that started before the client read it may still arrive shortly after (on a loaded machine,
      // a few hundred ms).
      for (const f of faultLog.filter((e) => e.fault === 'error429' || e.fault === 'error503')) {
        const early = requestLog.filter((e) => e.time > f.time + 300 && e.time < f.time + RETRY_AFTER_S * 1000 - 25);
        assert.deepEqual(early.map((e) => `${e.path} +${e.time - f.time} ms`), [], `requests during the Retry-After pause that followed ${f.fault} on ${f.path}`);
      }
      // A stalled body is abandoned after --timeout, not after the fetcher's own longer stall limit.
      for (const f of faultLog.filter((e) => e.fault === 'stall')) {
        const next = requestLog.find((e) => e.path === f.path && e.time > f.time);
        assert.ok(next, `${f.path} was never asked again after stalling`);
        const gap = next.time - f.time;
        assert.ok(gap >= TIMEOUT_S * 1000 - 25 && gap < TIMEOUT_S * 1000 + 4000, `stalled ${f.path} retried ${gap} ms later (--timeout ${TIMEOUT_S})`);
      }

      served.server.setHandler(undefined);
      const healthy = await runCli(['archive', `${served.url}/`, '--out', healthyOut]);
      assert.equal(healthy.code, 0, `healthy run: exit ${healthy.code}\n${healthy.stdout}\n${healthy.stderr}`);

      const got = await archiveBytes(faultyOut);
      const want = await archiveBytes(healthyOut);
      assert.ok(want.size >= expected.posts.length, `the healthy archive holds ${want.size} files`);
      assert.deepEqual([...got.keys()].sort(), [...want.keys()].sort(), 'the faulty run wrote other files than the healthy one');
      for (const [file, bytes] of want) assert.ok(got.get(file)!.equals(bytes), `${file} differs from the healthy run's`);
    });
  }
});
