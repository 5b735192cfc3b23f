// Runs the intake worker for one file, off the desk's event loop, with limits the file cannot talk
// its way past: a heap limit on the worker, a wall-clock limit, and a cap on how much the desk
// process may grow while the file is checked (libvips decodes outside the JavaScript heap). A file
// that hits a limit is refused and the worker is stopped; the desk keeps answering throughout.
// Files are checked one at a time in one standing worker, replaced whenever a limit stopped it.
import type { Worker } from 'node:worker_threads';
import { startWorker } from '../workers/start-worker';
import { StandingWorker } from '../workers/standing-worker';
import type { CleanPage } from './clean-form';
import { INTAKE_LIMITS, type IntakeLimits } from './intake-limits';
import type { IntakeAnswer, IntakeProgress, IntakeRequest } from './intake-protocol';
import type { PageEdits, Suggested } from '../capture/page-geometry';
import type { RefusalCode, RefusalParams } from './refusals';

export type IntakeOutcome =
  | { ok: true; pages: CleanPage[]; pdf: Buffer | null; suggested?: Suggested }
  | { ok: false; code: RefusalCode; params: RefusalParams; unexpected?: string };

const MB = 1024 * 1024;
let running = 0;
const waiting: (() => void)[] = [];

/** Checks and cleans one file; `room` is how many pages the case can still take. */
export async function runIntake(
  bytes: Buffer,
  room: number,
  /** today: the Taiwan day, for which ID formats a form may still bear. */
  options: {
    today: string;
    asPdf?: boolean;
    limits?: IntakeLimits;
    capture?: IntakeRequest['capture'];
    edits?: PageEdits;
    /** Only the page editor's suggestion for a kept original (`suggested` in the outcome). */
    suggest?: boolean;
    onStep?: (step: 'checking' | 'reading_id', page: number, of: number) => void;
  },
): Promise<IntakeOutcome> {
  const limits = options.limits ?? INTAKE_LIMITS;
  if (running >= limits.concurrent) await new Promise<void>((go) => waiting.push(go));
  running++;
  try {
    const request: IntakeRequest = {
      bytes,
      room,
      asPdf: options.asPdf === true,
      today: options.today,
      capture: options.capture ?? 'file',
      ...(options.edits ? { edits: options.edits } : {}),
      ...(options.suggest ? { suggest: true } : {}),
    };
    return await inWorker(request, limits, options.onStep);
  } finally {
    running--;
    waiting.shift()?.();
  }
}

function startIntakeWorker(limits: IntakeLimits): Worker {
  return startWorker(__filename, 'intake-worker', {
    resourceLimits: { maxOldGenerationSizeMb: limits.heapMb, maxYoungGenerationSizeMb: 48, stackSizeMb: 4 },
    stdout: true,
    stderr: true,
  });
}

/** One worker stands ready for the desk's own limits; other limits (tests) get one for one file. */
const workers = new StandingWorker<IntakeLimits>(INTAKE_LIMITS, startIntakeWorker);

function inWorker(
  request: IntakeRequest,
  limits: IntakeLimits,
  onStep: (step: 'checking' | 'reading_id', page: number, of: number) => void = () => undefined,
): Promise<IntakeOutcome> {
  return new Promise((resolve) => {
    const worker = workers.acquire(limits);
    const baseline = process.memoryUsage.rss();
    let settled = false;
    const finish = (outcome: IntakeOutcome, healthy: boolean) => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      clearInterval(watch);
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
      workers.release(worker, healthy);
      resolve(outcome);
    };
    let allowedMs = limits.timeoutMs;
    const tooSlow = () =>
      finish({ ok: false, code: 'too-slow', params: { seconds: Math.round(allowedMs / 1000) } }, false);
    const started = performance.now();
    let deadline = setTimeout(tooSlow, allowedMs);
    const watch = setInterval(() => {
      if (process.memoryUsage.rss() - baseline > limits.rssGrowthMb * MB)
        finish({ ok: false, code: 'too-much-memory', params: {} }, false);
    }, 25);
    const onMessage = (answer: IntakeAnswer | IntakeProgress) => {
      if ('t' in answer && answer.t === 'step') return onStep(answer.step, answer.page, answer.of);
      if ('t' in answer) {
        // Declared after the headers were checked (so at most the case's room): time per page.
        allowedMs = limits.timeoutMs + Math.max(0, answer.count) * limits.capturePageMs;
        clearTimeout(deadline);
        deadline = setTimeout(tooSlow, Math.max(0, allowedMs - (performance.now() - started)));
        return;
      }
      finish(fromWire(answer), true);
    };
    const onError = (e: Error & { code?: string }) =>
      finish(
        e.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? { ok: false, code: 'too-much-memory', params: {} }
          : { ok: false, code: 'unreadable', params: {}, unexpected: e.message },
        false,
      );
    const onExit = () =>
      finish({ ok: false, code: 'unreadable', params: {}, unexpected: 'the intake worker stopped' }, false);
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.on('exit', onExit);
    worker.postMessage(request);
  });
}

const asBuffer = (data: Uint8Array) => Buffer.from(data.buffer, data.byteOffset, data.byteLength);

function fromWire(answer: IntakeAnswer): IntakeOutcome {
  if (!answer.ok) return answer;
  return {
    ok: true,
    pages: answer.pages.map((p) => ({
      ...p,
      data: asBuffer(p.data),
      original: p.original && { ...p.original, data: asBuffer(p.original.data) },
    })),
    pdf: answer.pdf ? asBuffer(answer.pdf) : null,
    ...(answer.suggested ? { suggested: answer.suggested } : {}),
  };
}
