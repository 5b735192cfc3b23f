// The usage figures for a screen, off the desk's main thread: one worker per request (figures are
// asked for rarely), with a deadline.
import { join } from 'node:path';
import { startWorker } from '../workers/start-worker';
import { DB_FILE } from '../store/database';
import type { UsageStats } from './usage-stats';

const TIMEOUT_MS = 60_000;

export function statsInWorker(dataDir: string, from: string, to: string): Promise<UsageStats> {
  return new Promise((resolve, reject) => {
    const worker = startWorker(__filename, 'stats-worker', {
      workerData: { dbPath: join(dataDir, DB_FILE), from, to },
      resourceLimits: { maxOldGenerationSizeMb: 256 },
    });
    const deadline = setTimeout(() => {
      void worker.terminate();
      reject(new Error(`the figures took longer than ${TIMEOUT_MS / 1000} s`));
    }, TIMEOUT_MS);
    worker.once('message', (answer: { ok: true; stats: UsageStats } | { ok: false; error: string }) => {
      clearTimeout(deadline);
      void worker.terminate();
      if (answer.ok) resolve(answer.stats);
      else reject(new Error(answer.error));
    });
    worker.once('error', (e) => {
      clearTimeout(deadline);
      reject(e);
    });
  });
}
