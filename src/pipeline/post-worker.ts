import { parentPort } from 'node:worker_threads';
import { runJob, type WorkerRequest, type WorkerResponse } from './jobs.js';
import { PageError } from './errors.js';

parentPort?.on('message', (req: WorkerRequest) => {
  let res: WorkerResponse;
  try {
    res = { id: req.id, ok: true, result: runJob(req) };
  } catch (err) {
    const error = err instanceof PageError ? err : new PageError(req.kind === 'post' ? 'extract' : 'index', req.url, err instanceof Error ? err.message : String(err), err instanceof Error ? err.name : 'Error', err instanceof Error ? err.stack : undefined);
    res = { id: req.id, ok: false, error: error.toData() };
  }
  parentPort?.postMessage(res);
});
