import { writeFileSync } from 'node:fs';
import { stopOnSignals } from '../pipeline/archive-blog.js';
import { EXIT, InputError } from '../pipeline/errors.js';
import type { Verbosity } from '../pipeline/reporter.js';
import { loadBackupConfig } from './config.js';
import { checkGit } from './git.js';
import { formatBackupReport, runBackup } from './run-backup.js';

export interface BackupArgs {
  config: string;
  parallel: number;
  git: boolean;
  warc: boolean;
  since?: string;
  report?: string;
  json: boolean;
  quiet: boolean;
  verbose: boolean;
}

/** `blogvault backup <config>`: returns the exit code. */
export async function backupCommand(a: BackupArgs): Promise<number> {
  if (!(a.parallel >= 1)) throw new InputError(`--parallel must be at least 1, got ${a.parallel}`);
  // Given on the command line, these apply to every blog; the config's own values stand otherwise.
  const config = loadBackupConfig(a.config, { ...(a.warc ? { warc: true } : {}), ...(a.since !== undefined ? { since: a.since } : {}) });
  if (a.git) await checkGit().catch((err: Error) => {
    throw new InputError(err.message);
  });
  const verbosity: Verbosity = a.verbose ? 'verbose' : a.quiet ? 'quiet' : 'normal';
  const controller = new AbortController();
  const stopListening = stopOnSignals(controller, 'the blogs in flight, starting no other');
  let report;
  try {
    report = await runBackup(config, { parallel: Math.floor(a.parallel), git: a.git, verbosity, signal: controller.signal });
  } finally {
    stopListening();
  }
  const json = JSON.stringify(report, null, 2);
  if (a.report) writeFileSync(a.report, `${json}\n`);
  if (a.json) process.stdout.write(`${json}\n`);
  else if (verbosity !== 'quiet' || report.exitCode !== EXIT.ok || report.totals.new + report.totals.changed > 0) process.stdout.write(`${formatBackupReport(report)}\n`);
  return report.exitCode;
}
