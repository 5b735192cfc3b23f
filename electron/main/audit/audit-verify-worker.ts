// A full verification of the audit trail in its own thread: a million entries are seconds of
// hashing, and the desk keeps answering meanwhile. Reads the store read-only; reports progress.
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { verifyTrail } from './audit-verify';
import type { AnchorRead } from './audit-anchor';

export interface VerifyJob {
  dbPath: string;
  macKey: Uint8Array | null;
  anchorRead: AnchorRead;
}

const job = workerData as VerifyJob;
const db = new Database(job.dbPath, { readonly: true, fileMustExist: true });
void verifyTrail(db, job.macKey ? Buffer.from(job.macKey) : null, job.anchorRead, {
  full: true,
  sliceRows: 5_000,
  onProgress: (checked, total) => parentPort!.postMessage({ progress: { checked, total } }),
})
  .then((verdict) => parentPort!.postMessage({ verdict }))
  .catch((e: unknown) => parentPort!.postMessage({ error: String((e as Error)?.message ?? e) }))
  .finally(() => db.close());
