// The worker thread of analyzeOnThread (analysis-thread.ts). It scans on a worker of its own and
// watches it: a scan that dies (out of memory, a crash) cannot wake the thread waiting on `done`,
// whose event loop is blocked and never hears of the exit, but this thread can, and does.
import { Worker, workerData } from 'node:worker_threads';
import { postAnswer, workerAnswer } from './analysis-answer.js';
import type { ScanAnswer, ScanRequest } from './analysis-thread.js';

const { root, middleware, done, port } = workerData as ScanRequest;
const SCAN_WORKER = new URL('./analysis-scan-worker.js', import.meta.url);
await postAnswer(port, done, () =>
  workerAnswer(new Worker(SCAN_WORKER, { workerData: { root, middleware }, execArgv: [] }), (why): ScanAnswer => ({ failure: `the analysis stopped (${why})` })),
);
