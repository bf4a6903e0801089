import { parentPort } from 'node:worker_threads';
import { processPost } from './process-post.js';
import type { WorkerRequest, WorkerResponse } from './worker-pool.js';

parentPort?.on('message', (req: WorkerRequest) => {
  let res: WorkerResponse;
  try {
    res = { id: req.id, ok: true, post: processPost(req.html, req.url, req.overrides) };
  } catch (err) {
    res = { id: req.id, ok: false, error: err instanceof Error ? err.message : String(err) };
  }
  parentPort?.postMessage(res);
});
