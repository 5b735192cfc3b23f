// The desk's CRL reading: each list judged in a worker thread with a memory limit and a deadline
// (crl-worker.ts); a list that cannot be read in time is "unknown", never a stalled desk.
import { startWorker } from '../workers/start-worker';
import type { ParsedCertificate } from './certificate';
import type { Revocation } from './revocation';
import type { CrlJob } from './crl-worker';

const DEADLINE_MS = 15_000;

export function crlInWorker(
  source: string,
  der: Buffer,
  cert: ParsedCertificate,
  issuer: ParsedCertificate,
  now: Date,
): Promise<Revocation> {
  const job: CrlJob = {
    source,
    der: new Uint8Array(der),
    cert: new Uint8Array(cert.der),
    issuer: new Uint8Array(issuer.der),
    now: now.getTime(),
  };
  return new Promise((resolve) => {
    const unknown = (detail: string): Revocation => ({
      status: 'unknown',
      why: 'bad_answer',
      detail: `${source}: ${detail}`,
    });
    const worker = startWorker(__filename, 'crl-worker', {
      workerData: job,
      resourceLimits: { maxOldGenerationSizeMb: 512 },
    });
    const timer = setTimeout(() => {
      void worker.terminate();
      resolve(unknown(`not read within ${DEADLINE_MS / 1000} s`));
    }, DEADLINE_MS);
    worker.once('message', (m: { verdict?: Revocation; error?: string }) => {
      clearTimeout(timer);
      void worker.terminate();
      resolve(m.verdict ?? unknown(m.error ?? 'unreadable'));
    });
    worker.once('error', (e) => {
      clearTimeout(timer);
      resolve(unknown(e.message));
    });
  });
}
