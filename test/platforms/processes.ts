// Starting and stopping the servers the platform tests run (MariaDB, PHP, Ghost, nginx): each on
// 127.0.0.1 on a free port, awaited with a bounded wait, and stopped (SIGTERM, then SIGKILL) by the test
// that started it. Output goes to a log file that failures quote.
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:net';

export interface Service {
  name: string;
  child: ChildProcess;
  log: string;
  stop(): Promise<void>;
}

/** A port nothing listens on right now (the OS picks it), for a server that takes its port as a flag. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Process groups of the servers still running: killed if the test process exits without stopping them. */
const running = new Set<number>();
process.once('exit', () => {
  for (const group of running) {
    try {
      process.kill(-group, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
});

export function startService(name: string, command: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; log: string }): Service {
  const out = createWriteStream(options.log);
  // Its own process group: servers that fork workers (php -S) are stopped with all their workers.
  const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  child.stdout!.pipe(out);
  child.stderr!.pipe(out);
  running.add(child.pid!);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    name,
    child,
    log: options.log,
    async stop() {
      const signal = (name: NodeJS.Signals) => {
        try {
          process.kill(-child.pid!, name);
        } catch {
          // The group is gone already.
        }
      };
      if (child.exitCode === null && child.signalCode === null) {
        signal('SIGTERM');
        const ended = await Promise.race([exited.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), 20_000))]);
        if (!ended) {
          signal('SIGKILL');
          await exited;
        }
      }
      // Workers that outlived their parent would keep the pipes, and the test process, open.
      signal('SIGKILL');
      running.delete(child.pid!);
      out.end();
    },
  };
}

export async function tail(file: string, chars = 3000): Promise<string> {
  return existsSync(file) ? (await readFile(file, 'utf8')).slice(-chars) : '(no log)';
}

/** Polls `ready` until it is true, failing with the service's log when the service exits or time runs out. */
export async function waitFor(service: Service, ready: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (service.child.exitCode !== null) throw new Error(`${service.name} exited with ${service.child.exitCode}:\n${await tail(service.log)}`);
    if (await ready().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${service.name} was not ready after ${timeoutMs / 1000} s:\n${await tail(service.log)}`);
}

/** True once the URL answers anything but a 5xx. */
export async function answers(url: string): Promise<boolean> {
  const response = await fetch(url, { redirect: 'manual', signal: AbortSignal.timeout(5000) });
  await response.arrayBuffer();
  return response.status < 500;
}

export function run(command: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(command, args, { cwd: options.cwd, env: options.env ?? process.env, timeout: options.timeoutMs ?? 120_000, maxBuffer: 32 * 1024 * 1024 }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout: String(stdout), stderr: String(stderr) });
    });
  });
}
