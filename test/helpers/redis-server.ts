// A throwaway redis-server (Debian's package, installed by scripts/install-redis.sh) on a free loopback
// port, with no persistence, for the queue tests.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import assert from 'node:assert/strict';

export interface TestRedis {
  url: string;
  port: number;
  process: ChildProcess;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Starts redis-server and resolves once it accepts connections; retries on another port if one was taken meanwhile. */
export async function startRedis(): Promise<TestRedis> {
  for (let attempt = 0; ; attempt++) {
    const port = await freePort();
    const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--protected-mode', 'yes'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let log = '';
    const ready = await new Promise<boolean>((resolve) => {
      const onData = (d: Buffer) => {
        log += d;
        if (/Ready to accept connections/.test(log)) resolve(true);
      };
      child.stdout!.on('data', onData);
      child.stderr!.on('data', onData);
      child.once('error', (err) => {
        log += String(err);
        resolve(false);
      });
      child.once('exit', () => resolve(false));
    });
    if (ready) {
      return {
        url: `redis://127.0.0.1:${port}`,
        port,
        process: child,
        stop: () =>
          new Promise((resolve) => {
            if (child.exitCode !== null) return resolve();
            child.once('exit', () => resolve());
            child.kill('SIGTERM');
          }),
      };
    }
    assert.ok(attempt < 3 && /Address already in use/.test(log), `redis-server did not start (is it installed? bash scripts/install-redis.sh):\n${log}`);
  }
}
