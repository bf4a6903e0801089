#!/usr/bin/env node
// `npm test`: builds dist/ first (the end-to-end tests run the built CLI, which would otherwise be tested
// stale after a change to src/), then runs node:test over the unit and end-to-end tests, or over the
// files or folders given (`npm test -- test/unit/x.test.ts`, `npm test -- test/unit`). The terminal gets the spec reporter, one line per
// test and the failures in full at the end; the TAP stream goes to .tmp/test-results.tap; node's closing
// counts are printed last.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);

const build = spawnSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const testsIn = (dir) => readdirSync(dir).filter((f) => f.endsWith('.test.ts')).sort().map((f) => `${dir}/${f}`);
// A folder given stands for its test files: node 20's runner takes a folder for a file and runs nothing.
const given = process.argv.slice(2).flatMap((arg) => (existsSync(arg) && statSync(arg).isDirectory() ? testsIn(arg.replace(/\/+$/, '')) : [arg]));
const files = given.length ? given : ['test/unit', 'test/e2e'].flatMap(testsIn);
mkdirSync('.tmp', { recursive: true });
const tap = join('.tmp', 'test-results.tap');

const child = spawn(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-concurrency=2', '--test-reporter=spec', '--test-reporter-destination=stdout', '--test-reporter=tap', `--test-reporter-destination=${tap}`, ...files],
  { stdio: 'inherit' },
);
// Ctrl-C reaches the runner through the terminal; this process only waits for it to end.
process.on('SIGINT', () => {});
child.on('close', (code, signal) => {
  // The runner's own closing lines, from the TAP stream: the last thing a reader (or CI) sees.
  let counts = [];
  try {
    counts = readFileSync(tap, 'utf8').split('\n').filter((line) => /^# (tests|suites|pass|fail|cancelled|skipped|todo|duration_ms) /.test(line)).slice(-8);
  } catch {
    // No TAP written: the runner did not start; its own error is above.
  }
  if (counts.length) process.stdout.write(`\n${counts.join('\n')}\n`);
  process.exit(code ?? (signal ? 1 : 0));
});
