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
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outdir = join(root, 'dist');

/**
 * Turndown parses with domino only when given a string, and blogvault always gives it the parsed tree
 * (html/dom-view.ts); but turndown requires domino when it loads, and so every thread that converted
 * posts held domino's 0.5 MB of sources and their compiled code. It gets a module that says so instead.
 */
const withoutDomino = {
  name: 'without-domino',
  setup(b) {
    b.onResolve({ filter: /^@mixmark-io\/domino$/ }, () => ({ path: 'domino', namespace: 'without-domino' }));
    b.onLoad({ filter: /.*/, namespace: 'without-domino' }, () => ({
      contents: "module.exports = { createDocument() { throw new Error('turndown was given an HTML string: blogvault hands it parsed trees'); } };",
      loader: 'js',
    }));
  },
};

/**
 * V8 keeps the source of every module it loaded, as one string per file, and a file holding a single
 * non-ASCII character is held at two bytes per character: the vocabularies' words (阅读全文, ¶) in regular
 * expression literals and dependencies' comments, which esbuild's `charset: 'ascii'` leaves as they
 * are, doubled 1.4 MB of sources on the main thread and 1 MB in each worker. Written as \u escapes they
 * mean the same in strings, regular expressions (a surrogate pair is one code point under /u too),
 * identifiers and comments.
 */
function asciiOnly(dir) {
  for (const name of readdirSync(dir).filter((f) => f.endsWith('.js'))) {
    const text = readFileSync(join(dir, name), 'utf8');
    if (!/[^\x00-\x7f]/.test(text)) continue;
    const escaped = text.replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
    writeFileSync(join(dir, name), escaped);
  }
}

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
    external: ['playwright-core', 'bullmq', 'ioredis'],
    plugins: [withoutDomino],
    // CommonJS packages in the bundle (yargs' helpers, iconv-lite, turndown) call require().
    banner: { js: "import { createRequire as __blogvaultRequire } from 'node:module';\nconst require = __blogvaultRequire(import.meta.url);" },
    sourcemap: 'linked',
    logLevel: 'warning',
  });
} catch {
  // esbuild has already printed what failed, with file and line.
  process.exit(1);
}
asciiOnly(outdir);
