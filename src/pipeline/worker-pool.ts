import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { IndexReadRequest, IndexReading } from '../discover/index-walk.js';
import type { ExtractContext } from '../types.js';
import type { WorkerJob, WorkerRequest, WorkerResponse } from './jobs.js';
import { PageError } from './errors.js';
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
  /** Jobs the processor holds at once: workers times the jobs each has queued (1 on the calling thread). */
  readonly capacity: number;
  process(html: string, url: string, context?: ExtractContext): Promise<ProcessedPost>;
  /** Index pages go ahead of queued posts: the walk finds the posts that keep the workers busy. */
  readIndex(request: IndexReadRequest): Promise<IndexReading>;
  /** Starts the threads now rather than with the first job, when the caller knows pages will be read. */
  warm(): void;
  close(): Promise<void>;
}

const WORKER_FILE = new URL('./post-worker.js', import.meta.url);

/**
 * Jobs each worker holds at once. A worker that finishes a post starts the next one from its own queue
 * instead of waiting until the main thread, busy with HTTP and file writes, answers its message: with
 * one job at a time the single worker of the 1,000-post bench was idle for 12% of the run, with two 4%.
 */
const JOBS_PER_WORKER = 2;

/**
 * A pool of `size` worker threads, each taking the next post when it has room. With size 0, or when
 * running from TypeScript sources (no compiled worker file), posts are processed on the calling thread.
 */
export function createPostProcessor(size = defaultPoolSize(), workerFile: URL = WORKER_FILE): PostProcessor {
  if (size <= 0 || !existsSync(fileURLToPath(workerFile))) {
    let closed = false;
    return {
      capacity: 1,
      process: async (html, url, context) => {
        if (closed) throw new Error('post processor closed');
        return (await runHere({ kind: 'post', html, url, context })) as ProcessedPost;
      },
      readIndex: async (request) => {
        if (closed) throw new Error('post processor closed');
        return (await runHere({ kind: 'index', ...request })) as IndexReading;
      },
      warm: () => undefined,
      close: async () => {
        closed = true;
      },
    };
  }
  type Job = { req: WorkerRequest; resolve: (result: ProcessedPost | IndexReading) => void; reject: (e: Error) => void };
  const workers = new Set<Worker>();
  const waiting: Job[] = [];
  /** Jobs sent to a worker and not answered yet, oldest first. */
  const inFlight = new Map<number, Job & { worker: Worker }>();
  const held = (worker: Worker) => [...inFlight.values()].filter((job) => job.worker === worker);
  const hasRoom = (worker: Worker) => held(worker).length < JOBS_PER_WORKER;
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
    while (waiting.length) {
      const freest = [...workers].sort((a, b) => held(a).length - held(b).length)[0];
      if (!freest || !hasRoom(freest)) break;
      const readerFree = reader !== undefined && hasRoom(reader);
      const next = waiting.findIndex((job) => job.req.kind !== 'index' || readerFree);
      if (next < 0) break;
      const job = waiting.splice(next, 1)[0]!;
      const worker = job.req.kind === 'index' ? reader! : freest;
      inFlight.set(job.req.id, { ...job, worker });
      worker.postMessage(job.req);
    }
  };
  /**
   * A worker that errs or exits fails only the post it was running, the oldest it held (it takes its
   * jobs in order); the ones queued behind it go back to the front of the queue, and a fresh worker
   * takes its place.
   */
  const retire = (worker: Worker, err: Error) => {
    if (!workers.delete(worker)) return;
    const jobs = held(worker);
    for (const job of jobs) inFlight.delete(job.req.id);
    if (closed) {
      for (const job of jobs) job.reject(err);
      return;
    }
    jobs[0]?.reject(err);
    waiting.unshift(...jobs.slice(1).map(({ req, resolve, reject }) => ({ req, resolve, reject })));
    deaths++;
    if (deaths <= maxDeaths) spawn();
    dispatch();
  };
  const spawn = (): Worker => {
    // V8 lets a heap grow between full collections by a factor that rises with its cap: about 1.3 under
    // 256 MB, 1.6 at 1 GB, 4 past 2 GB; a 96 MB cap cost the workers a full collection every few dozen
    // posts. An 8 MB young generation (4 MB semi-spaces, as bin/blogvault.js sets for every thread)
    // against 32 MB: the 1,000 posts of the bench, twice through one worker, took the same CPU (7.8
    // against 7.8 ms per post, 3 interleaved runs each), for about 30 MB less peak RSS.
    const worker = new Worker(workerFile, { resourceLimits: { maxOldGenerationSizeMb: 1024, maxYoungGenerationSizeMb: 8 } });
    workers.add(worker);
    worker.on('message', (res: WorkerResponse) => {
      const job = inFlight.get(res.id);
      inFlight.delete(res.id);
      if (job) {
        if (res.ok) job.resolve(res.result);
        else job.reject(PageError.fromData(res.error));
      }
      dispatch();
    });
    worker.on('error', (err) => retire(worker, err));
    worker.on('exit', (code) => retire(worker, new Error(`post worker stopped (exit code ${code})`)));
    return worker;
  };
  let started = false;
  // Workers start with the first job, or when warmed: a run where every page is unchanged never pays for them.
  const warm = () => {
    if (started || closed) return;
    started = true;
    for (let i = 0; i < size; i++) spawn();
  };

  const submit = <T extends ProcessedPost | IndexReading>(job: WorkerJob, urgent: boolean): Promise<T> => {
    if (closed) return Promise.reject(new Error('post processor closed'));
    warm();
    return new Promise<T>((resolve, reject) => {
      const queued: Job = { req: { id: nextId++, ...job }, resolve: resolve as Job['resolve'], reject };
      if (urgent) waiting.unshift(queued);
      else waiting.push(queued);
      dispatch();
    });
  };

  return {
    capacity: size * JOBS_PER_WORKER,
    process: (html, url, context) => submit<ProcessedPost>({ kind: 'post', html, url, context }, false),
    readIndex: (request) => submit<IndexReading>({ kind: 'index', ...request }, true),
    warm,
    async close() {
      closed = true;
      await Promise.all([...workers].map((w) => w.terminate()));
    },
  };
}

/**
 * One worker per core but one: the rest of a run needs about a core of its own. Over the 1,000-post
 * bench on 2 cores, the main thread (HTTP, files) used 3.0 s of CPU and V8's compiler and GC threads
 * 3.6 s, against 3.2 s for each of two workers. With one worker (holding two jobs) the run took 13% less
 * CPU and 50 MB less memory, and ran 10% faster (140 against 127 posts/s, 4 interleaved runs each).
 */
function defaultPoolSize(): number {
  return Math.max(1, Math.min(4, availableParallelism() - 1));
}
