#!/usr/bin/env node
// Builds dist/: the CLI and the post worker as ES module bundles that share chunks.
//
// Why a bundle rather than tsc's one file per module: a run imports about 330 modules on the main
// thread and 240 in each worker, and Node's module loader took 0.25-0.3 s of CPU for each of the
// three before the first post could be read. Bundled, `blogvault --version` needs half the CPU and
// the 1,000-post bench writes its first post about 0.3 s sooner. esbuild does it in under a second;
// type checking stays with tsc (`npm run typecheck`).
//
// Every output file sits directly in dist/, one level below package.json, because the code finds
// files relative to its own module: version.ts reads ../package.json, worker-pool.ts starts
// ./post-worker.js.
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outdir = join(root, 'dist');

rmSync(outdir, { recursive: true, force: true });
try {
  await build({
    absWorkingDir: root,
    entryPoints: { cli: 'src/cli.ts', 'post-worker': 'src/pipeline/post-worker.ts' },
    outdir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    // Playwright is imported only when a blog needs a browser, and it finds its own files at run time.
    // BullMQ (and its Redis client) only by the queue commands; it picks among optional backends at run time.
    // Turndown requires domino only to parse a string, and it is always given the parsed tree
    // (html/dom-view.ts): leaving domino out keeps 0.5 MB of parser out of every worker.
    external: ['playwright-core', 'bullmq', 'ioredis', '@mixmark-io/domino'],
    // CommonJS packages in the bundle (yargs' helpers, iconv-lite, turndown) call require().
    banner: { js: "import { createRequire as __blogvaultRequire } from 'node:module';\nconst require = __blogvaultRequire(import.meta.url);" },
    sourcemap: 'linked',
    logLevel: 'warning',
  });
} catch {
  // esbuild has already printed what failed, with file and line.
  process.exit(1);
}
