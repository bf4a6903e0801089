import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { IndexReadRequest, IndexReading } from '../discover/index-walk.js';
import type { Overrides } from '../types.js';
import type { WorkerJob, WorkerRequest, WorkerResponse } from './jobs.js';
import type { ProcessedPost } from './process-post.js';

/**
 * The extraction and conversion code, loaded on this thread only when jobs run here: with workers the
 * main thread never needs it, and a nightly run where nothing changed starts faster without it.
 */
const runHere = async (job: WorkerJob): Promise<ProcessedPost | IndexReading> => (await import('./jobs.js')).runJob(job);

/**
 * Runs `processPost` and index-page reading off the main thread, so parsing and conversion use every
 * core while the main thread fetches and writes.
 */
export interface PostProcessor {
  /** Posts processed at once (worker threads; 1 when processing on the calling thread). */
  readonly size: number;
  process(html: string, url: string, overrides?: Overrides): Promise<ProcessedPost>;
  /** Index pages go ahead of queued posts: the walk finds the posts that keep the workers busy. */
  readIndex(request: IndexReadRequest): Promise<IndexReading>;
  close(): Promise<void>;
}

const WORKER_FILE = new URL('./post-worker.js', import.meta.url);

/**
 * A pool of `size` worker threads, each taking the next post when it is free. With size 0, or when
 * running from TypeScript sources (no compiled worker file), posts are processed on the calling thread.
 */
export function createPostProcessor(size = defaultPoolSize(), workerFile: URL = WORKER_FILE): PostProcessor {
  if (size <= 0 || !existsSync(fileURLToPath(workerFile))) {
    let closed = false;
    return {
      size: 1,
      process: async (html, url, overrides) => {
        if (closed) throw new Error('post processor closed');
        return (await runHere({ kind: 'post', html, url, overrides })) as ProcessedPost;
      },
      readIndex: async (request) => {
        if (closed) throw new Error('post processor closed');
        return (await runHere({ kind: 'index', ...request })) as IndexReading;
      },
      close: async () => {
        closed = true;
      },
    };
  }
  type Job = { req: WorkerRequest; resolve: (result: ProcessedPost | IndexReading) => void; reject: (e: Error) => void };
  const idle: Worker[] = [];
  const waiting: Job[] = [];
  const inFlight = new Map<number, Job & { worker: Worker }>();
  const workers = new Set<Worker>();
  let nextId = 0;
  let closed = false;
  let deaths = 0;
  // Workers that keep dying (a broken install, too little memory to start one) must not stall the run:
  // past this many deaths the posts are processed on the calling thread instead.
  const maxDeaths = size * 3;

  const runInline = (job: Job) => {
    runHere(job.req).then(job.resolve, (err: unknown) => job.reject(err instanceof Error ? err : new Error(String(err))));
  };
  const dispatch = () => {
    if (deaths > maxDeaths) {
      for (const job of waiting.splice(0)) setImmediate(() => runInline(job));
      return;
    }
    // Index pages all go to one worker (the oldest alive), posts to any: the index-reading code then
    // warms up and is optimised in one thread instead of in each. Read cold in two workers, the 100
    // index pages of the 1,000-post bench took 30 ms each, 17% of the workers' time.
    const reader = workers.values().next().value as Worker | undefined;
    while (idle.length && waiting.length) {
      const readerIdle = reader !== undefined && idle.includes(reader);
      const next = waiting.findIndex((job) => job.req.kind !== 'index' || readerIdle);
      if (next < 0) break;
      const job = waiting.splice(next, 1)[0]!;
      const worker = job.req.kind === 'index' ? reader! : idle[idle.length - 1]!;
      idle.splice(idle.indexOf(worker), 1);
      inFlight.set(job.req.id, { ...job, worker });
      worker.postMessage(job.req);
    }
  };
  /** A worker that errs or exits fails only the post it held; a fresh worker takes its place. */
  const retire = (worker: Worker, err: Error) => {
    if (!workers.delete(worker)) return;
    const i = idle.indexOf(worker);
    if (i >= 0) idle.splice(i, 1);
    for (const [id, job] of inFlight) {
      if (job.worker !== worker) continue;
      inFlight.delete(id);
      job.reject(err);
    }
    if (closed) return;
    deaths++;
    if (deaths <= maxDeaths) idle.push(spawn());
    dispatch();
  };
  const spawn = (): Worker => {
    // V8 lets a heap grow between full collections by a factor that rises with its cap: about 1.3 under
    // 256 MB, 1.6 at 1 GB, 4 past 2 GB; a 96 MB cap cost the workers a full collection every few dozen
    // posts. A young generation of 32 MB (16 MB semi-spaces) lets the trees of the post being read die
    // young: at 12 MB each worker of the 1,000-post bench promoted 220 MB and ran 26 full collections,
    // at 32 MB it promotes 6 MB and runs 2, for about a sixth less CPU and 235 MB peak RSS.
    const worker = new Worker(workerFile, { resourceLimits: { maxOldGenerationSizeMb: 1024, maxYoungGenerationSizeMb: 32 } });
    workers.add(worker);
    worker.on('message', (res: WorkerResponse) => {
      const job = inFlight.get(res.id);
      inFlight.delete(res.id);
      idle.push(worker);
      if (job) {
        if (res.ok) job.resolve(res.result);
        else job.reject(new Error(res.error));
      }
      dispatch();
    });
    worker.on('error', (err) => retire(worker, err));
    worker.on('exit', (code) => retire(worker, new Error(`post worker stopped (exit code ${code})`)));
    return worker;
  };
  let started = false;

  const submit = <T extends ProcessedPost | IndexReading>(job: WorkerJob, urgent: boolean): Promise<T> => {
    if (closed) return Promise.reject(new Error('post processor closed'));
    // Workers start with the first job: a run where every page is unchanged never pays for them.
    if (!started) {
      started = true;
      for (let i = 0; i < size; i++) idle.push(spawn());
    }
    return new Promise<T>((resolve, reject) => {
      const queued: Job = { req: { id: nextId++, ...job }, resolve: resolve as Job['resolve'], reject };
      if (urgent) waiting.unshift(queued);
      else waiting.push(queued);
      dispatch();
    });
  };

  return {
    size,
    process: (html, url, overrides) => submit<ProcessedPost>({ kind: 'post', html, url, overrides }, false),
    readIndex: (request) => submit<IndexReading>({ kind: 'index', ...request }, true),
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
