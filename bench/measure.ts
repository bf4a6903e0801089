// How `npm run bench` runs a command and what it keeps of it: wall time, peak memory, CPU time, output,
// and for the CLI the JSON report of the run.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { memorySampler } from './process-memory.js';

export const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const BIN = join(ROOT, 'bin', 'blogvault.js');
const TIME = '/usr/bin/time';

export interface Measured {
  code: number | null;
  seconds: number;
  /** Peak resident set size of the command's own process in MB, when it could be measured. */
  peakMb?: number;
  /** Peak memory of the process and everything it started (PSS), with `tree`. */
  treePeakMb?: number;
  /** User + system CPU seconds (GNU time only): less sensitive to a busy machine than wall time. */
  cpuSeconds?: number;
  stdout: string;
  stderr: string;
}

/** The fields of the CLI's `--report` JSON that the bench prints. */
export interface RunReport {
  postsFound: number;
  new: string[];
  changed: string[];
  unchanged: string[];
  failed: { url: string; reason: string }[];
  checked: 'all' | 'sitemap';
  requests: number;
  elapsedMs: number;
}

/**
 * Runs a command as a child process. Peak RSS comes from GNU time (`%M`, in KB) when it is installed;
 * otherwise from polling /proc/<pid>/status VmHWM (the kernel's own high-water mark) until exit. With
 * `tree`, the memory of every process the command starts is sampled too (Chromium's are not its own).
 */
export function measure(command: string, args: string[], options: { tree?: boolean } = {}): Promise<Measured> {
  const useTime = existsSync(TIME);
  const marker = '__blogvault_bench__';
  const [cmd, argv] = useTime ? [TIME, ['-f', `${marker} %e %M %U %S`, command, ...args]] : [command, args];
  const started = performance.now();
  return new Promise((resolvePromise, reject) => {
    const child = spawn(cmd, argv, { cwd: ROOT, env: { ...process.env, NO_COLOR: '1' } });
    child.on('error', (err) => reject(new Error(`${command}: ${err.message}`)));
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d));
    child.stderr.on('data', (d: Buffer) => (stderr += d));
    const tree = options.tree && child.pid !== undefined ? memorySampler(child.pid) : undefined;
    let polledKb = 0;
    const poll = useTime
      ? undefined
      : setInterval(async () => {
          const status = await readFile(`/proc/${child.pid}/status`, 'utf8').catch(() => '');
          const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
          polledKb = Math.max(polledKb, kb);
        }, 50);
    child.on('close', (code) => {
      if (poll) clearInterval(poll);
      const treePeakMb = tree?.stop();
      const wall = (performance.now() - started) / 1000;
      const timeLine = new RegExp(`${marker} ([\\d.]+) (\\d+) ([\\d.]+) ([\\d.]+)`).exec(stderr);
      stderr = stderr.replace(new RegExp(`^.*${marker}.*$\\n?`, 'm'), '');
      resolvePromise({
        code,
        seconds: timeLine ? Number(timeLine[1]) : wall,
        peakMb: timeLine ? Number(timeLine[2]) / 1024 : polledKb ? polledKb / 1024 : undefined,
        treePeakMb,
        cpuSeconds: timeLine ? Number(timeLine[3]) + Number(timeLine[4]) : undefined,
        stdout,
        stderr,
      });
    });
  });
}

/** Runs the built CLI with `--report` and reads the report (undefined when the run wrote none). */
export async function runCli(args: string[], reportFile: string, options: { tree?: boolean } = {}): Promise<Measured & { report?: RunReport }> {
  await rm(reportFile, { force: true });
  // The CLI refuses a --report path whose folder does not exist before it fetches anything.
  await mkdir(dirname(reportFile), { recursive: true });
  // Started as a user's shell starts it, so that the V8 settings on its first line apply.
  const measured = await measure(BIN, [...args, '--report', reportFile], options);
  const report = await readFile(reportFile, 'utf8').then((text) => JSON.parse(text) as RunReport, () => undefined);
  return { ...measured, report };
}
