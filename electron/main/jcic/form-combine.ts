// Makes a paper case's form items (page images stored as compact PDFs, imported PDFs, old PNG/JPEG
// rows) into the one PDF JCIC gets, in a worker thread (form-combine-worker.ts): pdf-lib's parsing
// would stall the desk's event loop past its 50 ms. The bytes are the desk's own, stored, sealed and
// checked against the approval before they come here, and were cleaned at import; the worker is
// bounded all the same (heap, wall clock), as the intake's is, so a page that somehow parses badly
// costs a stopped worker and an unsent case, never a stalled or crashed desk.
// Deterministic: pagesAsPdf writes no dates and no /ID, and the names pdf-lib gives drawn images come
// from each document's own generator seeded with 1 (pdf-lib 1.17), so the same pages give the same
// bytes on any try, and a resend after a crash (same submission id) is the body JCIC already has
// (JCIC answers 409 to the same id with another body; its single-use check compares these bytes too).
import type { Worker } from 'node:worker_threads';
import { startWorker } from '../workers/start-worker';
import { StandingWorker } from '../workers/standing-worker';
import type { CombineAnswer, CombineItem, CombineRequest } from './form-combine-worker';

export type { CombineItem } from './form-combine-worker';

export const COMBINE_LIMITS = {
  /** Wall-clock time for one case's form, the worker's start included (twenty compact pages take
   * well under a second; an imported 20 MB PDF a few). */
  timeoutMs: 30_000,
  /** The worker's JavaScript heap: pdf-lib holds every item parsed and the output at once. */
  heapMb: 384,
} as const;

export type CombineLimits = { readonly [K in keyof typeof COMBINE_LIMITS]: number };

/** The form could not be made into one PDF within the limits (`retryable`: a busy PC may manage it
 * next time), or pdf-lib could not read an item (it never will). */
export class FormCombineError extends Error {
  override name = 'FormCombineError';
  constructor(
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
  }
}

/** One form at a time (one core stays free for the desk on a two-core PC); the others wait their turn. */
let queue: Promise<unknown> = Promise.resolve();

/** Every page of every item, in the items' order, as one PDF. */
export function combineForm(items: readonly CombineItem[], limits: CombineLimits = COMBINE_LIMITS): Promise<Buffer> {
  const turn = queue.then(() => inWorker(items, limits));
  queue = turn.catch(() => undefined);
  return turn;
}

function startCombineWorker(limits: CombineLimits): Worker {
  return startWorker(__filename, 'form-combine-worker', {
    resourceLimits: { maxOldGenerationSizeMb: limits.heapMb, maxYoungGenerationSizeMb: 48, stackSizeMb: 4 },
    stdout: true,
    stderr: true,
  });
}

/** One worker stands ready for the desk's own limits (an outbox round after an outage sends many
 * forms, and a start loads pdf-lib); other limits (tests) get one of their own. */
const workers = new StandingWorker<CombineLimits>(COMBINE_LIMITS, startCombineWorker);

let nextId = 1;

function inWorker(items: readonly CombineItem[], limits: CombineLimits): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const worker = workers.acquire(limits);
    const id = nextId++;
    let settled = false;
    const finish = (outcome: Buffer | Error, healthy: boolean) => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
      workers.release(worker, healthy);
      if (outcome instanceof Error) reject(outcome);
      else resolve(outcome);
    };
    const deadline = setTimeout(
      () => finish(new FormCombineError(`not combined within ${Math.round(limits.timeoutMs / 1000)} s`, true), false),
      limits.timeoutMs,
    );
    const onMessage = (answer: CombineAnswer) => {
      if (answer.id !== id) return;
      if (!answer.ok) return finish(new FormCombineError(answer.error, false), true);
      finish(Buffer.from(answer.pdf.buffer, answer.pdf.byteOffset, answer.pdf.byteLength), true);
    };
    const onError = (e: Error & { code?: string }) =>
      finish(
        new FormCombineError(
          e.code === 'ERR_WORKER_OUT_OF_MEMORY' ? `more than ${limits.heapMb} MB of memory needed` : e.message,
          true,
        ),
        false,
      );
    const onExit = () => finish(new FormCombineError('the combining worker stopped', true), false);
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.on('exit', onExit);
    const request: CombineRequest = { id, items: [...items] };
    worker.postMessage(request);
  });
}
