import { closeSync, createReadStream, openSync, readSync, statSync, truncateSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { WARCParser } from 'warcio';

/** The bytes [start, end) of `file`. */
function slice(file: string, start: number, end: number): Buffer {
  const buf = Buffer.alloc(end - start);
  const fd = openSync(file, 'r');
  try {
    let read = 0;
    while (read < buf.length) {
      const n = readSync(fd, buf, read, buf.length - read, start + read);
      if (n === 0) break;
      read += n;
    }
    return buf.subarray(0, read);
  } finally {
    closeSync(fd);
  }
}

/**
 * Cuts a WARC file that was being written when its writer died back to its last whole record. The writer
 * gzips each record on its own, so a record is whole when its gzip member unpacks with a good checksum.
 * Returns how many bytes were cut.
 */
export async function recoverWarcFile(file: string): Promise<number> {
  const size = statSync(file).size;
  let end = 0;
  const parser = new WARCParser(createReadStream(file));
  try {
    for await (const record of parser) {
      await record.readFully(false);
      const start = parser.offset;
      const stop = start + parser.recordLength;
      if (start !== end || stop > size) break;
      gunzipSync(slice(file, start, stop));
      end = stop;
    }
  } catch {
    // A torn member: everything before it stays.
  }
  if (end < size) truncateSync(file, end);
  return size - end;
}
