// The worker thread of analyzeOnThread (analysis-thread.ts). Whatever happens, it answers and
// wakes the waiting thread: the analyzer is imported inside the answer, so that even a failure to load it does.
import { workerData } from 'node:worker_threads';
import { postAnswer } from './analysis-answer.js';
import type { ScanAnswer, ScanRequest } from './analysis-thread.js';

const { root, middleware, done, port } = workerData as ScanRequest;
await postAnswer(port, done, async (): Promise<ScanAnswer> => {
  const { scanProject } = await import('./index.js');
  return { scan: scanProject(root, { middleware }) };
});
