// The exit code and line of an error that ends a command (issue 20): input and machine problems exit 2
// naming what they concern, an unwritable archive 3, and anything else is a bug: exit 70, one line
// asking for a report, no stack unless BLOGVAULT_DEBUG is set (the CLI adds it then).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readNumber } from '../../src/cli-messages.js';
import { topLevelError } from '../../src/cli/exit.js';
import { EXIT } from '../../src/pipeline/errors.js';
import { InputError } from '../../src/pipeline/errors.js';
import { ArchiveWriteError } from '../../src/store/atomic-write.js';

test('an internal error exits 70 with one line asking for a report', () => {
  const { line, code } = topLevelError(new TypeError("Cannot read properties of undefined (reading 'x')\n    at somewhere"));
  assert.equal(code, EXIT.internal);
  assert.equal(code, 70);
  assert.doesNotMatch(line, /\n/);
  assert.match(line, /^internal error \(TypeError\): Cannot read properties of undefined \(reading 'x'\)\. This is a bug in blogvault: please report it/);
});

test('input, file system and write errors keep their codes and name what they concern', () => {
  assert.deepEqual(topLevelError(new InputError('--out must name a folder')), { line: '--out must name a folder', code: 2 });
  const enoent = Object.assign(new Error("ENOENT: no such file or directory, open '/x/y'"), { code: 'ENOENT', syscall: 'open', path: '/x/y' });
  assert.deepEqual(topLevelError(enoent), { line: '/x/y: no such file or folder (ENOENT)', code: 2 });
  const full = new ArchiveWriteError('/a/post.md', 'ENOSPC', new Error('ENOSPC'));
  const written = topLevelError(full);
  assert.equal(written.code, 3);
  assert.match(written.line, /post\.md.*what was archived before is kept/);
});

test('numbers and sizes: the option and the value as typed in every refusal', () => {
  assert.equal(readNumber('max-bytes', '20M', { min: 1, max: 2 ** 31, whole: true, size: true }), 20 * 1024 * 1024);
  assert.equal(readNumber('max-bytes', '512k', { min: 1, max: 2 ** 31, whole: true, size: true }), 512 * 1024);
  assert.equal(readNumber('max-bytes', '1GiB', { min: 1, max: 2 ** 31, whole: true, size: true }), 1024 ** 3);
  assert.equal(readNumber('concurrency', 8, { min: 1, max: 64, whole: true }), 8);
  assert.throws(() => readNumber('concurrency', 'abc', { min: 1, max: 64, whole: true }), /^InputError: --concurrency abc: not a number$/);
  assert.throws(() => readNumber('rate', '0', { min: 0, max: 1000, aboveMin: true }), /--rate 0: must be above 0 and at most 1000$/);
  assert.throws(() => readNumber('max-pages', '', { min: 1, max: 10, whole: true }), /--max-pages: not a number$/);
});
