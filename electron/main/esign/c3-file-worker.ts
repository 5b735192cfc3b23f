// Reads a C3 authorization file in a worker thread (untrusted bytes from a file the officer chose):
// the CMS verified from its own bytes, its content read as the authorization document's JSON. The
// main side gets plain values back, or what was wrong.
import { createHash } from 'node:crypto';
import { parentPort, workerData } from 'node:worker_threads';
import { CmsError, verifySignedData } from './cms';

export interface C3FileJob {
  der: Uint8Array;
}

export type C3FileAnswer =
  | {
      ok: true;
      document: unknown;
      contentSha256: string;
      signerDer: Uint8Array;
      extraDer: Uint8Array[];
      signingTime: number;
    }
  | { ok: false; problem: string };

function read(job: C3FileJob): C3FileAnswer {
  try {
    const verified = verifySignedData(Buffer.from(job.der));
    let document: unknown;
    try {
      document = JSON.parse(verified.content.toString('utf8'));
    } catch {
      return { ok: false, problem: 'content_not_json' };
    }
    return {
      ok: true,
      document,
      contentSha256: createHash('sha256').update(verified.content).digest('hex'),
      signerDer: new Uint8Array(verified.signer.der),
      extraDer: verified.certificates
        .filter((c) => c.sha256 !== verified.signer.sha256)
        .map((c) => new Uint8Array(c.der)),
      signingTime: verified.signingTime.getTime(),
    };
  } catch (e) {
    return { ok: false, problem: e instanceof CmsError ? e.problem : 'unreadable' };
  }
}

parentPort!.postMessage(read(workerData as C3FileJob));
