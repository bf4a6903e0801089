import { readIndexPage, type IndexReadRequest, type IndexReading } from '../discover/index-walk.js';
import type { ExtractContext } from '../types.js';
import { processPost, type ProcessedPost } from './process-post.js';
import { PageError, type PageErrorData } from './errors.js';

/** The two kinds of CPU-bound work: a post page to extract and convert, an index page to read. */
export type WorkerJob = { kind: 'post'; html: string; url: string; context?: ExtractContext } | ({ kind: 'index' } & IndexReadRequest);

export type WorkerRequest = { id: number } & WorkerJob;

export type WorkerResponse = { id: number; ok: true; result: ProcessedPost | IndexReading } | { id: number; ok: false; error: PageErrorData };

/** Runs one job on the current thread: what a worker does with each message. */
export function runJob(job: WorkerJob): ProcessedPost | IndexReading {
  return job.kind === 'post' ? processPost(job.html, job.url, job.context) : PageError.during('index', job.url, () => readIndexPage(job));
}
