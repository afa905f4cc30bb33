import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import { analysisOf, failedAnalysis, type Analysis, type ProjectScan } from './index.js';
import type { MiddlewareNames } from './middleware.js';

/** What the worker is given. */
export interface ScanRequest {
  readonly root: string;
  readonly middleware: Partial<MiddlewareNames>;
  /** Set to 1 by the worker once its answer is on `port`. */
  readonly done: Int32Array;
  readonly port: MessagePort;
}

/**
 * What the worker answers: the scan; or why the scan stopped (it ran out of memory, crashed); or
 * nothing when the worker could not run the scan at all (the caller then analyses in process).
 */
export interface ScanAnswer {
  readonly scan?: ProjectScan;
  readonly failure?: string;
}

const WORKER = fileURLToPath(new URL('./analysis-thread-worker.js', import.meta.url));
/** Far longer than any analysis measured (Ghost, 1,700 files: 4 s); past it the scan is taken for stuck. */
const WAIT_LIMIT_MS = 10 * 60 * 1000;

/**
 * The analysis of a project, scanned on a worker thread while the caller waits. A rule must report
 * in the file being linted, so ESLint cannot go on meanwhile; what the thread buys is memory: the
 * loaded project and everything the scan allocates live in the worker's heap, freed at once when
 * it ends, instead of raising how far the linting thread's heap grows for the rest of the run.
 * A scan that stops (out of memory, a crash) or never ends gives an analysis with no finding and the
 * failure. Undefined when no worker can run the scan (the sources run by the tests, where it is not
 * built): the caller then analyses the project itself.
 */
export function analyzeOnThread(root: string, middleware: Partial<MiddlewareNames>): Analysis | undefined {
  if (!existsSync(WORKER)) return undefined;
  const done = new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT));
  const { port1, port2 } = new MessageChannel();
  try {
    // Without the process's own flags: under `node -e`, a worker given them would run that script, not its file.
    const worker = new Worker(WORKER, { workerData: { root, middleware, done, port: port2 } satisfies ScanRequest, transferList: [port2], execArgv: [] });
    worker.unref();
    // A worker that dies must not take the lint down with it: its scan's death is answered for by the worker itself.
    worker.on('error', () => undefined);
    const woken = Atomics.wait(done, 0, 0, WAIT_LIMIT_MS);
    const answer = receiveMessageOnPort(port1)?.message as ScanAnswer | undefined;
    void worker.terminate();
    if (woken === 'timed-out') return failedAnalysis(root, `the analysis did not end within ${WAIT_LIMIT_MS / 60_000} minutes`);
    if (answer?.failure !== undefined) return failedAnalysis(root, answer.failure);
    return answer?.scan && analysisOf(answer.scan);
  } catch {
    return undefined;
  } finally {
    port1.close();
  }
}
