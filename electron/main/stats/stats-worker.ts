// Computes the usage figures on a read-only connection of its own (stats-runner.ts starts it): the
// queries read the whole audit trail, which on a busy branch's five years takes longer than the
// desk's main thread may stall.
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { usageStats } from './usage-stats';

const { dbPath, from, to } = workerData as { dbPath: string; from: string; to: string };
const db = new Database(dbPath, { readonly: true, fileMustExist: true });
try {
  db.pragma('busy_timeout = 5000');
  parentPort!.postMessage({ ok: true, stats: usageStats(db, from, to) });
} catch (e) {
  parentPort!.postMessage({ ok: false, error: String((e as Error)?.message ?? e) });
} finally {
  db.close();
}
