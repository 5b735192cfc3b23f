// Reads one revocation list for one certificate in a worker thread: a MOICA CRL is 5–20 MB from
// outside the bank, and walking and verifying it takes the best part of a second that the desk's
// main thread must not stop for.
import { parentPort, workerData } from 'node:worker_threads';
import { parseCertificate } from './certificate';
import { crlVerdict } from './revocation';

export interface CrlJob {
  source: string;
  der: Uint8Array;
  cert: Uint8Array;
  issuer: Uint8Array;
  now: number;
}

const job = workerData as CrlJob;
try {
  const verdict = crlVerdict(
    job.source,
    Buffer.from(job.der),
    parseCertificate(Buffer.from(job.cert)),
    parseCertificate(Buffer.from(job.issuer)),
    new Date(job.now),
  );
  parentPort!.postMessage({ verdict });
} catch (e) {
  parentPort!.postMessage({ error: String((e as Error)?.message ?? e) });
}
