import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Overrides } from '../types.js';
import { processPost, type ProcessedPost } from './process-post.js';

export interface WorkerRequest {
  id: number;
  html: string;
  url: string;
  overrides?: Overrides;
}

export type WorkerResponse = { id: number; ok: true; post: ProcessedPost } | { id: number; ok: false; error: string };

/** Runs `processPost` off the main thread, so parsing and conversion use every core while the main thread fetches and writes. */
export interface PostProcessor {
  process(html: string, url: string, overrides?: Overrides): Promise<ProcessedPost>;
  close(): Promise<void>;
}

const WORKER_FILE = new URL('./post-worker.js', import.meta.url);

/**
 * A pool of `size` worker threads, each taking the next post when it is free. With size 0, or when
 * running from TypeScript sources (no compiled worker file), posts are processed on the calling thread.
 */
export function createPostProcessor(size = defaultPoolSize()): PostProcessor {
  if (size <= 0 || !existsSync(fileURLToPath(WORKER_FILE))) {
    let closed = false;
    return {
      process: async (html, url, overrides) => {
        if (closed) throw new Error('post processor closed');
        return processPost(html, url, overrides);
      },
      close: async () => {
        closed = true;
      },
    };
  }
  const idle: Worker[] = [];
  const waiting: { req: WorkerRequest; resolve: (p: ProcessedPost) => void; reject: (e: Error) => void }[] = [];
  const inFlight = new Map<number, { worker: Worker; resolve: (p: ProcessedPost) => void; reject: (e: Error) => void }>();
  const workers = new Set<Worker>();
  let nextId = 0;
  let closed = false;

  const dispatch = () => {
    while (idle.length && waiting.length) {
      const worker = idle.pop()!;
      const job = waiting.shift()!;
      inFlight.set(job.req.id, { worker, resolve: job.resolve, reject: job.reject });
      worker.postMessage(job.req);
    }
  };
  const spawn = (): Worker => {
    // V8 grows an idle-looking heap lazily; a cap keeps each worker's garbage collected early, so the
    // whole run stays within a few hundred MB even on 1,000-post blogs.
    const worker = new Worker(WORKER_FILE, { resourceLimits: { maxOldGenerationSizeMb: 128, maxYoungGenerationSizeMb: 8 } });
    workers.add(worker);
    worker.unref();
    worker.on('message', (res: WorkerResponse) => {
      const job = inFlight.get(res.id);
      inFlight.delete(res.id);
      idle.push(worker);
      if (job) {
        if (res.ok) job.resolve(res.post);
        else job.reject(new Error(res.error));
      }
      dispatch();
    });
    worker.on('error', (err) => {
      // A crashed worker fails only the post it held; a fresh worker takes its place.
      workers.delete(worker);
      for (const [id, job] of inFlight) {
        if (job.worker !== worker) continue;
        inFlight.delete(id);
        job.reject(err);
      }
      if (!closed) {
        idle.push(spawn());
        dispatch();
      }
    });
    return worker;
  };
  for (let i = 0; i < size; i++) idle.push(spawn());

  return {
    process(html, url, overrides) {
      if (closed) return Promise.reject(new Error('post processor closed'));
      return new Promise((resolve, reject) => {
        waiting.push({ req: { id: nextId++, html, url, overrides }, resolve, reject });
        dispatch();
      });
    },
    async close() {
      closed = true;
      await Promise.all([...workers].map((w) => w.terminate()));
    },
  };
}

/** One worker per core: the main thread's share (HTTP, writing files) is small. */
function defaultPoolSize(): number {
  return Math.max(1, Math.min(4, availableParallelism()));
}
