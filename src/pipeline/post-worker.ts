import { parentPort } from 'node:worker_threads';
import { runJob, type WorkerRequest, type WorkerResponse } from './jobs.js';

parentPort?.on('message', (req: WorkerRequest) => {
  let res: WorkerResponse;
  try {
    res = { id: req.id, ok: true, result: runJob(req) };
  } catch (err) {
    res = { id: req.id, ok: false, error: err instanceof Error ? err.message : String(err) };
  }
  parentPort?.postMessage(res);
});
