import { test } from 'node:test';
import assert from 'node:assert/strict';
import { notAnImage } from '../../src/fetch/image-check.js';

// A 1x1 PNG, and the start of an AVIF file (an ISO box 'ftyp' naming the 'avif' brand).
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
const AVIF = Buffer.concat([Buffer.from([0, 0, 0, 0x1c]), Buffer.from('ftypavif'), Buffer.alloc(4), Buffer.from('avifmif1miaf'), Buffer.alloc(64)]);

test('an image is an image content type with an image format\'s bytes', async () => {
  assert.equal(await notAnImage(PNG, 'image/png'), undefined);
  assert.match((await notAnImage(Buffer.from('<html>hello</html>'), 'image/png'))!, /the bytes of no image format/);
  assert.match((await notAnImage(PNG, 'text/html'))!, /content-type text\/html/);
});

test('a server that does not know the extension (application/octet-stream) serves an image when the bytes are one', async () => {
  assert.equal(await notAnImage(AVIF, 'application/octet-stream'), undefined);
  assert.equal(await notAnImage(PNG, 'binary/octet-stream'), undefined);
  assert.match((await notAnImage(Buffer.from('%PDF-1.4 not a picture'), 'application/octet-stream'))!, /the bytes of no image format, served as application\/octet-stream/);
});
