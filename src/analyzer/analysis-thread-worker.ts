// The worker thread of analyzeOnThread (analysis-thread.ts). Whatever happens, it answers and
// wakes the waiting thread: the analyzer is imported here, so that even a failure to load it does.
import { workerData } from 'node:worker_threads';
import type { ScanAnswer, ScanRequest } from './analysis-thread.js';

const { root, middleware, done, port } = workerData as ScanRequest;
let answer: ScanAnswer = {};
try {
  const { scanProject } = await import('./index.js');
  answer = { scan: scanProject(root, { middleware }) };
} catch {
  // Answered empty: the waiting thread analyses in process.
}
port.postMessage(answer);
Atomics.store(done, 0, 1);
Atomics.notify(done, 0);
