// Exit codes come from the class of the error that ends a command, and a failure while reading one page
// says where it happened.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { exitCodeForError } from '../../src/cli/exit.js';
import { EXIT, InputError, PageError, reasonOf } from '../../src/pipeline/errors.js';
import { ArchiveWriteError } from '../../src/store/atomic-write.js';
import { LockError } from '../../src/store/lock.js';
import { FetchError } from '../../src/fetch/fetcher.js';

test('exit codes: bad input 2, an unwritable archive 3, anything else is a bug: 70', () => {
  assert.equal(exitCodeForError(new InputError('bad URL')), EXIT.input);
  assert.equal(exitCodeForError(new FetchError('http://b.test/', 'HTTP 404')), EXIT.input);
  assert.equal(exitCodeForError(Object.assign(new Error('no browser'), { name: 'ChromiumNotFoundError' })), EXIT.input);
  assert.equal(exitCodeForError(new LockError('/tmp/a', undefined, 'unreadable lock file')), EXIT.input);
  assert.equal(exitCodeForError(new ArchiveWriteError('/tmp/a/x.md', 'ENOSPC', 'no space left on device')), EXIT.write);
  assert.equal(exitCodeForError(new TypeError("Cannot read properties of undefined (reading 'x')")), EXIT.internal);
  assert.equal(exitCodeForError('a string thrown'), EXIT.internal);
  assert.equal(EXIT.internal, 70);
});

test('a failure while reading a page names its stage and the original class', () => {
  const err = (() => {
    try {
      PageError.during('convert', 'http://b.test/p/', () => {
        throw new RangeError('Maximum call stack size exceeded');
      });
    } catch (e) {
      return e;
    }
  })();
  assert.ok(err instanceof PageError);
  assert.equal(err.stage, 'convert');
  assert.equal(err.url, 'http://b.test/p/');
  assert.equal(reasonOf(err), 'convert failed: RangeError: Maximum call stack size exceeded');
  const copy = PageError.fromData(err.toData());
  assert.deepEqual([copy.stage, copy.url, copy.kind, copy.message, copy.stack], [err.stage, err.url, err.kind, err.message, err.stack]);
});
