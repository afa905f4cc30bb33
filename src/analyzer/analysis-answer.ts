import type { MessagePort, Worker } from 'node:worker_threads';

/**
 * How the analysis worker answers: it posts what `compute` gives, or an empty answer when `compute`
 * throws or its answer cannot be posted, and then wakes the thread that waits on `done`, whatever
 * happened. A worker that posted nothing and never woke it would keep the lint waiting for minutes.
 */
export async function postAnswer(port: MessagePort, done: Int32Array, compute: () => Promise<object>): Promise<void> {
  try {
    let answer: object = {};
    try {
      answer = await compute();
    } catch {
      // Answered empty: the waiting thread analyses in process, where the failure shows again.
    }
    try {
      port.postMessage(answer);
    } catch {
      // An answer that cannot be copied to the other thread (a function, a class instance with private state).
      port.postMessage({});
    }
  } finally {
    Atomics.store(done, 0, 1);
    Atomics.notify(done, 0);
  }
}

/**
 * A worker's first message, or what `stopped` makes of how it ended without one: an error it threw,
 * running out of memory, an exit. Whoever waits for the worker always hears back.
 */
export function workerAnswer<T>(worker: Worker, stopped: (why: string) => T): Promise<T> {
  return new Promise((resolve) => {
    worker.once('message', resolve);
    worker.once('error', (error) => resolve(stopped(error.message)));
    worker.once('exit', (code) => resolve(stopped(`exit code ${code}`)));
  });
}
