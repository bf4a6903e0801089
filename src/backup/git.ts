/**
 * `--git`: after a blog's run, its output folder's changes become one commit, in the repository that holds
 * the folder (the folder becomes a repository of its own when none does). Only that folder's paths go
 * into the commit, so blogs sharing one repository each get theirs.
 */
import { execFile } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join, relative } from 'node:path';
import { META_DIR } from '../store/archive-store.js';
import type { RunSummary } from '../pipeline/summary.js';

/** Run files that change on every run or only exist during one: committing them would make every run a commit. */
const META_IGNORED = ['lock', 'lock.stale-*', 'journal.jsonl', 'last-run.json', '*.bvtmp'];
/** A WARC file being written; it is committed once closed. */
const WARC_IGNORED = ['*.open'];

/** Attempts for a command that meets another git process's index.lock (a worker on another machine, a person). */
const LOCK_ATTEMPTS = 10;

interface GitResult {
  code: number;
  stdout: string;
  stderr: string;
}

function git(args: string[], cwd: string, env?: NodeJS.ProcessEnv): Promise<GitResult> {
  return new Promise((resolve) => {
    execFile('git', args, { cwd, env: env ?? process.env, maxBuffer: 16 * 1024 * 1024 }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : 127) : 0;
      resolve({ code, stdout: String(stdout), stderr: String(stderr || (err && code === 127 ? err.message : '')) });
    });
  });
}

/** A git command that waits out another process's index.lock; throws with git's own words otherwise. */
async function gitOrThrow(args: string[], cwd: string, env?: NodeJS.ProcessEnv, ok: number[] = [0]): Promise<GitResult> {
  for (let attempt = 1; ; attempt++) {
    const r = await git(args, cwd, env);
    if (ok.includes(r.code)) return r;
    if (attempt < LOCK_ATTEMPTS && /index\.lock/.test(r.stderr)) {
      await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
      continue;
    }
    throw new Error(`git ${args[0]}: ${r.stderr.trim().split('\n').pop() || `exit ${r.code}`}`);
  }
}

/** Throws when no git can be run, so that `--git` fails before any blog is archived. */
export async function checkGit(): Promise<void> {
  const r = await git(['--version'], process.cwd());
  if (r.code !== 0) throw new Error(`--git: cannot run git (${r.stderr.trim() || `exit ${r.code}`}); install it (apt-get install git)`);
}

export function commitMessage(summary: RunSummary): string {
  const counts = [`${summary.new.length} new`, `${summary.changed.length} changed`, `${summary.vanished.length} missing`];
  const lines = [`blogvault: ${summary.startUrl} (${counts.join(', ')})`];
  for (const [title, urls] of [
    ['new', summary.new],
    ['changed', summary.changed],
    ['missing', summary.vanished],
  ] as const) {
    if (!urls.length) continue;
    lines.push('', `${title}:`, ...urls.map((u) => `  ${u}`));
  }
  return `${lines.join('\n')}\n`;
}

/** Commits what changed under `out` (whose archive is `archiveDir`); returns the commit, or nothing when nothing changed. */
export async function commitBlog(out: string, archiveDir: string, message: string): Promise<string | undefined> {
  let top = (await git(['rev-parse', '--show-toplevel'], out)).stdout.trim();
  if (!top) {
    await gitOrThrow(['init', '-q'], out);
    top = (await gitOrThrow(['rev-parse', '--show-toplevel'], out)).stdout.trim();
  }
  const metaIgnore = join(archiveDir, META_DIR, '.gitignore');
  if (!existsSync(metaIgnore)) writeFileSync(metaIgnore, `${META_IGNORED.join('\n')}\n`);
  const warcDir = join(archiveDir, 'warc');
  if (existsSync(warcDir) && !existsSync(join(warcDir, '.gitignore'))) writeFileSync(join(warcDir, '.gitignore'), `${WARC_IGNORED.join('\n')}\n`);
  const path = relative(top, out) || '.';
  await gitOrThrow(['add', '-A', '--', path], top);
  // Exit 1: something is staged under the folder.
  if ((await gitOrThrow(['diff', '--cached', '--quiet', '--', path], top, undefined, [0, 1])).code === 0) return undefined;
  const named = (await git(['config', 'user.email'], top)).stdout.trim();
  const who = `blogvault@${hostname()}`;
  // A server or CI machine often has no git identity: commits then name blogvault on this host.
  const env = named ? process.env : { GIT_AUTHOR_NAME: 'blogvault', GIT_AUTHOR_EMAIL: who, GIT_COMMITTER_NAME: 'blogvault', GIT_COMMITTER_EMAIL: who, ...process.env };
  await gitOrThrow(['commit', '-q', '-m', message, '--', path], top, env);
  return (await gitOrThrow(['rev-parse', 'HEAD'], top)).stdout.trim();
}
