import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createReadStream, readFileSync, readdirSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { WARCParser } from 'warcio';
import { WarcWriter, WARC_DIR } from '../../src/warc/writer.js';
import { recoverWarcFile } from '../../src/warc/recover.js';
import type { Exchange } from '../../src/fetch/exchange.js';
import { tempDir } from '../helpers/temp-dir.js';

const INFO = { software: 'blogvault/test' };

function exchange(path: string, status: number, body?: string, headers: Record<string, string> = {}): Exchange {
  return {
    url: `http://blog.example/${path}`,
    method: 'GET',
    requestHeaders: { 'user-agent': 'blogvault-test', accept: '*/*' },
    requestedAt: new Date('2024-05-01T10:00:00.123Z'),
    status,
    responseHeaders: { 'content-type': 'text/html; charset=utf-8', ...headers },
    ...(body === undefined ? {} : { body: Buffer.from(body) }),
  };
}

interface Read {
  type: string;
  uri: string | null;
  /** A WARC header; an HTTP header. */
  headers: { get(name: string): string | undefined };
  http?: { get(name: string): string | undefined };
  statusline?: string;
  payload: Buffer;
}

async function readAll(file: string): Promise<Read[]> {
  const out: Read[] = [];
  for await (const r of new WARCParser(createReadStream(file))) {
    const { httpHeaders, warcHeaders } = r;
    const http = httpHeaders ? { get: (name: string) => httpHeaders.headers.get(name) ?? undefined } : undefined;
    const headers = { get: (name: string) => warcHeaders.headers.get(name) ?? undefined };
    out.push({ type: r.warcType ?? '', uri: r.warcTargetURI ?? null, headers, http, statusline: httpHeaders?.statusline, payload: Buffer.from(await r.readFully(true)) });
  }
  return out;
}

const warcFiles = (dir: string) => readdirSync(join(dir, WARC_DIR)).filter((n) => n.endsWith('.warc.gz')).sort();

test('records: warcinfo, then request + response per exchange; the payload decoded, its headers made to match', async () => {
  const dir = tempDir('warc');
  const writer = await WarcWriter.open(dir, { maxFileBytes: 1 << 30, info: INFO });
  writer.record(exchange('post/', 200, '<p>héllo</p>', { 'content-encoding': 'gzip', 'content-length': '31', etag: '"v1"' }));
  writer.record(exchange('old/', 301, undefined, { location: '/post/', 'content-length': '120' }));
  writer.record(exchange('empty/', 302, undefined, { location: '/post/', 'content-length': '0' }));
  const totals = await writer.close();
  assert.equal(totals.records, 7);
  assert.equal(totals.error, undefined);
  assert.deepEqual(totals.files, warcFiles(dir).map((f) => `warc/${f}`));
  assert.match(totals.files[0], /^warc\/blogvault-\d{17}-00000\.warc\.gz$/);
  const records = await readAll(join(dir, WARC_DIR, warcFiles(dir)[0]));
  assert.deepEqual(records.map((r) => r.type), ['warcinfo', 'request', 'response', 'request', 'response', 'request', 'response']);
  assert.equal(records[0].headers.get('warc-filename'), warcFiles(dir)[0]);
  assert.match(records[0].payload.toString(), /software: blogvault\/test/);
  for (const r of records) assert.match(r.headers.get('warc-record-id') ?? '', /^<urn:uuid:[0-9a-f-]{36}>$/);

  const [, request, response] = records;
  assert.equal(request.statusline, 'GET /post/ HTTP/1.1');
  assert.equal(request.http?.get('host'), 'blog.example');
  assert.equal(request.http?.get('user-agent'), 'blogvault-test');
  assert.equal(request.headers.get('warc-concurrent-to'), response.headers.get('warc-record-id'));
  assert.equal(request.headers.get('warc-date'), '2024-05-01T10:00:00.123Z');
  assert.equal(response.statusline, 'HTTP/1.1 200 OK');
  assert.equal(response.payload.toString(), '<p>héllo</p>');
  assert.equal(response.http?.get('content-encoding'), undefined, 'the stored payload is not gzipped: its header must not say so');
  assert.equal(response.http?.get('content-length'), String(Buffer.byteLength('<p>héllo</p>')));
  assert.equal(response.http?.get('etag'), '"v1"');
  assert.equal(response.headers.get('warc-truncated'), undefined);

  const redirect = records[4];
  assert.equal(redirect.statusline, 'HTTP/1.1 301 Moved Permanently');
  assert.equal(redirect.http?.get('location'), '/post/');
  assert.equal(redirect.headers.get('warc-truncated'), 'unspecified', 'a dropped body is marked');
  assert.equal(records[6].headers.get('warc-truncated'), undefined, 'an empty body was not dropped');
});

test('a 304 is a server-not-modified revisit naming the earlier capture, also one from an earlier writer', async () => {
  const dir = tempDir('warc');
  const first = await WarcWriter.open(dir, { maxFileBytes: 1 << 30, info: INFO });
  first.record(exchange('post/', 200, 'body'));
  first.record(exchange('other/', 304));
  await first.close();
  const second = await WarcWriter.open(dir, { maxFileBytes: 1 << 30, info: INFO });
  second.record(exchange('post/', 304, undefined, { etag: '"v1"' }));
  await second.close();
  const [a, b] = warcFiles(dir).map((f) => join(dir, WARC_DIR, f));
  const original = (await readAll(a)).find((r) => r.type === 'response')!;
  const unknown = (await readAll(a)).find((r) => r.type === 'revisit')!;
  assert.equal(unknown.headers.get('warc-profile'), 'http://netpreserve.org/warc/1.1/revisit/server-not-modified');
  assert.equal(unknown.headers.get('warc-refers-to-target-uri'), undefined, 'no earlier capture of that URL');
  const revisit = (await readAll(b)).find((r) => r.type === 'revisit')!;
  assert.equal(revisit.statusline, 'HTTP/1.1 304 Not Modified');
  assert.equal(revisit.headers.get('warc-profile'), 'http://netpreserve.org/warc/1.1/revisit/server-not-modified');
  assert.equal(revisit.headers.get('warc-refers-to-target-uri'), 'http://blog.example/post/');
  assert.equal(revisit.headers.get('warc-refers-to-date'), original.headers.get('warc-date'));
  assert.equal(revisit.headers.get('warc-payload-digest'), original.headers.get('warc-payload-digest'));
  assert.equal(revisit.headers.get('warc-truncated'), undefined);
});

test('files rotate once the next record would pass the size; each starts with warcinfo', async () => {
  const dir = tempDir('warc');
  const writer = await WarcWriter.open(dir, { maxFileBytes: 4000, info: INFO });
  // Random bytes do not compress: each pair is over 1 KB in the file.
  for (let i = 0; i < 12; i++) writer.record({ ...exchange(`p${i}/`, 200), body: Buffer.from(Array.from({ length: 1200 }, () => Math.floor(Math.random() * 256))) });
  const { files, records } = await writer.close();
  assert.equal(records, 24 + files.length);
  assert.ok(files.length >= 3, `${files.length} files`);
  for (const file of warcFiles(dir)) {
    const size = statSync(join(dir, WARC_DIR, file)).size;
    const read = await readAll(join(dir, WARC_DIR, file));
    assert.equal(read[0].type, 'warcinfo', file);
    assert.ok(read.length >= 3, `${file} holds no record pair`);
    assert.ok(size <= 4000 || read.length === 3, `${file}: ${size} bytes for more than one pair`);
  }
  assert.deepEqual(files, warcFiles(dir).map((f) => `warc/${f}`));
});

test('a file a killed writer left open is cut back to its last whole record and closed by the next writer', async () => {
  const dir = tempDir('warc');
  const writer = await WarcWriter.open(dir, { maxFileBytes: 1 << 30, info: INFO });
  for (let i = 0; i < 3; i++) writer.record(exchange(`p${i}/`, 200, `post ${i} `.repeat(50)));
  await writer.close();
  const [name] = warcFiles(dir);
  const whole = readFileSync(join(dir, WARC_DIR, name));
  // What a kill during a write of the fourth pair could leave (a write is one call: a power cut, say).
  const torn = join(dir, WARC_DIR, `${name.replace('00000', '00009')}.open`);
  writeFileSync(torn, Buffer.concat([whole, whole.subarray(0, 200)]));
  renameSync(join(dir, WARC_DIR, name), join(dir, WARC_DIR, `${name}.keep`));
  const next = await WarcWriter.open(dir, { maxFileBytes: 1 << 30, info: INFO });
  await next.close();
  const closed = torn.replace(/\.open$/, '');
  assert.deepEqual(readFileSync(closed), whole, 'the torn tail is cut off, the whole records kept');
  assert.equal((await readAll(closed)).length, 7);

  const file = join(dir, 'garbage.warc.gz');
  writeFileSync(file, Buffer.concat([whole, Buffer.from([0x1f, 0x8b, 8, 0])]));
  assert.equal(await recoverWarcFile(file), 4);
  writeFileSync(file, whole);
  assert.equal(await recoverWarcFile(file), 0, 'a whole file is left as it is');
});

test('a failed write stops the recording and says where', async () => {
  const dir = tempDir('warc');
  const writer = await WarcWriter.open(dir, { maxFileBytes: 1 << 30, info: INFO });
  writer.record(exchange('a/', 200, 'a'));
  await new Promise((resolve) => setTimeout(resolve, 50));
  // The folder replaced by a file: the captures index can no longer be appended to.
  renameSync(join(dir, WARC_DIR), join(dir, 'moved'));
  writeFileSync(join(dir, WARC_DIR), 'not a folder');
  writer.record(exchange('b/', 200, 'b'));
  writer.record(exchange('c/', 200, 'c'));
  const totals = await writer.close();
  assert.match(totals.error ?? '', /^\/.+warc.*: ENOTDIR/, JSON.stringify(totals));
  assert.equal(totals.records, 5, 'the writes before the failure count, none after');
});
