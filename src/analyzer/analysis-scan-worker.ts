// The worker that scans the project for analyzeOnThread (analysis-thread.ts), started and watched by analysis-thread-worker.ts.
import { parentPort, workerData } from 'node:worker_threads';
import type { ScanAnswer, ScanRequest } from './analysis-thread.js';
import { scanProject } from './index.js';

const { root, middleware } = workerData as Pick<ScanRequest, 'root' | 'middleware'>;
parentPort?.postMessage({ scan: scanProject(root, { middleware }) } satisfies ScanAnswer);
