/**
 * Writes what the fetcher exchanged with servers as WARC 1.1 records (warcio builds and serializes
 * them): a request and a response record per response, a revisit record (server-not-modified) for a
 * 304. Files are gzipped record by record, named `blogvault-<UTC time>-<serial>.warc.gz`, and rotated
 * once they pass a size. The file being written ends in `.open`; each request/response pair goes to
 * disk in one write, so a killed run leaves whole records only, and the next writer closes such a file.
 */
import { appendFileSync, closeSync, existsSync, ftruncateSync, mkdirSync, openSync, readFileSync, readdirSync, renameSync, writeSync } from 'node:fs';
import { STATUS_CODES } from 'node:http';
import { join } from 'node:path';
import { WARCRecord, WARCSerializer, WARC_1_1 } from 'warcio';
import type { Exchange } from '../fetch/exchange.js';
import { recoverWarcFile } from './recover.js';

export const WARC_DIR = 'warc';
export const OPEN_SUFFIX = '.open';
/** Earlier captures (URL, date, record id, payload digest), so that a revisit record can name what it revisits. */
const CAPTURES_FILE = 'captures.jsonl';
const SERVER_NOT_MODIFIED = 'http://netpreserve.org/warc/1.1/revisit/server-not-modified';
/** Undone by the transport before the body reaches the recorder: the stored payload is the decoded one. */
const DECODED_HEADERS = new Set(['content-encoding', 'transfer-encoding']);

export interface WarcWriterOptions {
  /** Start a new file before a record would take the current one past this many bytes. */
  maxFileBytes: number;
  /** warcinfo fields written at the start of each file (software, description...). */
  info: Record<string, string>;
}

export interface WarcTotals {
  /** Files written by this writer, relative to the archive (posix). */
  files: string[];
  records: number;
  /** The first write that failed; later responses were not recorded. */
  error?: string;
}

interface Capture {
  url: string;
  date: string;
  id: string;
  digest?: string;
}

async function* bytes(body?: Uint8Array): AsyncGenerator<Uint8Array> {
  if (body?.length) yield body;
}

function timestamp(date: Date): string {
  return date.toISOString().replace(/[-:.TZ]/g, '');
}

export class WarcWriter {
  private fd: number | undefined;
  private file: string | undefined;
  private size = 0;
  /** Bytes of the current file's warcinfo record: a file holding only that is never rotated. */
  private infoSize = 0;
  private serial = 0;
  private tail: Promise<void> = Promise.resolve();
  private readonly totals: WarcTotals = { files: [], records: 0 };
  private readonly captures = new Map<string, Capture>();

  private constructor(
    /** The archive folder; files go to its `warc/` folder. */
    private readonly archive: string,
    private readonly options: WarcWriterOptions,
  ) {}

  /** Opens the archive's WARC folder: closes files a killed run left open and reads the earlier captures. */
  static async open(archive: string, options: WarcWriterOptions): Promise<WarcWriter> {
    const writer = new WarcWriter(archive, options);
    const dir = join(archive, WARC_DIR);
    mkdirSync(dir, { recursive: true });
    for (const name of readdirSync(dir)) {
      if (!name.endsWith(OPEN_SUFFIX)) continue;
      const file = join(dir, name);
      await recoverWarcFile(file);
      renameSync(file, file.slice(0, -OPEN_SUFFIX.length));
    }
    let lines: string[] = [];
    try {
      lines = readFileSync(join(dir, CAPTURES_FILE), 'utf8').split('\n');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    for (const line of lines) {
      try {
        const capture = JSON.parse(line) as Capture;
        if (typeof capture.url === 'string') writer.captures.set(capture.url, capture);
      } catch {
        // A line cut short by a crash names no capture.
      }
    }
    return writer;
  }

  /** Queues the records of one exchange; they are written in the order exchanges arrive. */
  record(exchange: Exchange): void {
    this.tail = this.tail.then(async () => {
      if (this.totals.error) return;
      try {
        await this.write(exchange);
      } catch (error) {
        this.totals.error = `${this.file ?? join(this.archive, WARC_DIR)}: ${(error as Error).message}`;
      }
    });
  }

  /** Writes what is queued, closes the current file (dropping its `.open`) and tells what was written. */
  async close(): Promise<WarcTotals> {
    await this.tail;
    try {
      this.closeFile();
    } catch (error) {
      // The records are written; the next writer closes the file it could not rename.
      this.totals.error ??= `${this.file}: ${(error as Error).message}`;
      this.fd = undefined;
      this.file = undefined;
    }
    return this.totals;
  }

  private async write(exchange: Exchange): Promise<void> {
    const { url, status, requestedAt } = exchange;
    const date = requestedAt.toISOString();
    const notModified = status === 304 && exchange.body === undefined;
    const previous = notModified ? this.captures.get(url) : undefined;
    const responseHeaders: [string, string][] = Object.entries(exchange.responseHeaders).filter(([name]) => !DECODED_HEADERS.has(name));
    const warcHeaders: Record<string, string> = {};
    if (exchange.body !== undefined) {
      const length = String(exchange.body.length);
      const at = responseHeaders.findIndex(([name]) => name === 'content-length');
      if (at >= 0) responseHeaders[at] = ['content-length', length];
      else responseHeaders.push(['content-length', length]);
    } else if (!notModified && exchange.responseHeaders['content-length'] !== '0') {
      // The fetcher dropped the body of a redirect or an error page: the record holds its headers only.
      warcHeaders['WARC-Truncated'] = 'unspecified';
    }
    if (previous?.digest) warcHeaders['WARC-Payload-Digest'] = previous.digest;
    const response = WARCRecord.create(
      {
        url,
        date,
        type: notModified ? 'revisit' : 'response',
        warcVersion: WARC_1_1,
        statusline: `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}`.trimEnd(),
        httpHeaders: responseHeaders,
        warcHeaders,
        refersToUrl: previous?.url,
        refersToDate: previous?.date,
      },
      bytes(exchange.body),
    );
    if (notModified) response.warcHeaders.headers.set('WARC-Profile', SERVER_NOT_MODIFIED);
    const responseId = response.warcHeaders.headers.get('WARC-Record-ID') ?? '';
    const target = new URL(url);
    const request = WARCRecord.create(
      {
        url,
        date,
        type: 'request',
        warcVersion: WARC_1_1,
        statusline: `GET ${target.pathname}${target.search} HTTP/1.1`,
        httpHeaders: [['host', target.host], ...Object.entries(exchange.requestHeaders)],
        warcHeaders: { 'WARC-Concurrent-To': responseId },
      },
      bytes(),
    );
    const data = Buffer.concat([await WARCSerializer.serialize(request, { gzip: true }), await WARCSerializer.serialize(response, { gzip: true })]);
    await this.makeRoom(data.length, requestedAt);
    this.append(data);
    this.totals.records += 2;
    if (!notModified && status === 200 && exchange.body !== undefined) {
      const capture: Capture = { url, date, id: responseId, digest: response.warcHeaders.headers.get('WARC-Payload-Digest') ?? undefined };
      this.captures.set(url, capture);
      appendFileSync(join(this.archive, WARC_DIR, CAPTURES_FILE), `${JSON.stringify(capture)}\n`);
    }
  }

  /** Opens a file (warcinfo first) unless the current one has room for `length` more bytes. */
  private async makeRoom(length: number, now: Date): Promise<void> {
    if (this.fd !== undefined && this.size + length > this.options.maxFileBytes && this.size > this.infoSize) this.closeFile();
    if (this.fd !== undefined) return;
    const dir = join(this.archive, WARC_DIR);
    for (;;) {
      const name = `blogvault-${timestamp(now)}-${String(this.serial++).padStart(5, '0')}.warc.gz`;
      // The closed file of an earlier run with the same time (a clock set back) is never replaced.
      if (existsSync(join(dir, name))) continue;
      try {
        this.fd = openSync(join(dir, `${name}${OPEN_SUFFIX}`), 'wx');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'EEXIST') continue;
        throw error;
      }
      this.file = join(dir, name);
      break;
    }
    this.size = 0;
    const info = WARCRecord.createWARCInfo({ filename: this.file.slice(dir.length + 1), warcVersion: WARC_1_1 }, this.options.info);
    this.append(Buffer.from(await WARCSerializer.serialize(info, { gzip: true })));
    this.infoSize = this.size;
    this.totals.records++;
  }

  /** One write per record pair: a kill cannot leave half of it. A failed write is cut off again. */
  private append(data: Buffer): void {
    const fd = this.fd!;
    const before = this.size;
    try {
      let written = 0;
      while (written < data.length) written += writeSync(fd, data, written);
      this.size += data.length;
    } catch (error) {
      ftruncateSync(fd, before);
      throw error;
    }
  }

  private closeFile(): void {
    if (this.fd === undefined || !this.file) return;
    closeSync(this.fd);
    this.fd = undefined;
    renameSync(`${this.file}${OPEN_SUFFIX}`, this.file);
    this.totals.files.push(`${WARC_DIR}/${this.file.slice(join(this.archive, WARC_DIR).length + 1)}`);
    this.file = undefined;
  }
}
