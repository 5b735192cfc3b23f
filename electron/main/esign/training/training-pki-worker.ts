// Makes the training PKI (a root and a MOICA-named intermediate, kept in the desk's data directory)
// on first use, and issues a training citizen certificate with a fresh key. In a worker thread: an
// RSA key takes half a second to make and a certificate 50 ms to sign in JavaScript.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import forge from 'node-forge';
import {
  CA_EXTENSIONS,
  citizenExtensions,
  citizenSubject,
  DAY_MS,
  fromForge,
  INTERMEDIATE_SUBJECT,
  issueCertificate,
  rootSubject,
  rsaKeyPair,
  type Issued,
  type NameField,
} from './moica-like-certs';
import { TRAINING_PKI_FILES as FILES, type TrainingPkiAnswer, type TrainingPkiJob } from './training-pki';

function load(dir: string, cert: string, key: string, subject: NameField[]): Issued | null {
  if (!existsSync(join(dir, cert)) || !existsSync(join(dir, key))) return null;
  const keyPem = readFileSync(join(dir, key), 'utf8');
  return fromForge(forge.pki.certificateFromPem(readFileSync(join(dir, cert), 'utf8')), keyPem, subject);
}

const ROOT_SUBJECT = rootSubject('訓練用政府憑證總管理中心 Training GRCA (not for real customers)');

function save(dir: string, cert: string, key: string, issued: Issued): void {
  writeFileSync(join(dir, key), issued.keyPem, { mode: 0o600 });
  writeFileSync(join(dir, cert), issued.pem);
}

/** The root and the intermediate, made once (20 and 10 years from their first day). */
function authority(dir: string, now: Date): { root: Issued; intermediate: Issued } {
  for (const sub of [FILES.anchors, FILES.intermediates, FILES.private])
    mkdirSync(join(dir, sub), { recursive: true, mode: 0o700 });
  const years = (n: number) => new Date(now.getTime() + n * 365 * DAY_MS);
  let root = load(dir, FILES.root, FILES.rootKey, ROOT_SUBJECT);
  if (!root) {
    root = issueCertificate({
      subject: ROOT_SUBJECT,
      keys: rsaKeyPair(),
      issuer: null,
      notBefore: new Date(now.getTime() - DAY_MS),
      notAfter: years(20),
      extensions: CA_EXTENSIONS(),
    });
    save(dir, FILES.root, FILES.rootKey, root);
  }
  let intermediate = load(dir, FILES.intermediate, FILES.intermediateKey, INTERMEDIATE_SUBJECT);
  if (!intermediate) {
    intermediate = issueCertificate({
      subject: INTERMEDIATE_SUBJECT,
      keys: rsaKeyPair(),
      issuer: { issued: root, keyPem: root.keyPem },
      notBefore: new Date(now.getTime() - DAY_MS),
      notAfter: years(10),
      extensions: CA_EXTENSIONS(0),
    });
    save(dir, FILES.intermediate, FILES.intermediateKey, intermediate);
  }
  return { root, intermediate };
}

function run(job: TrainingPkiJob): TrainingPkiAnswer {
  const now = new Date(job.now);
  const { intermediate } = authority(job.dir, now);
  if (!job.citizen) return {};
  const fields = { ...job.citizen };
  const issued = issueCertificate({
    subject: citizenSubject(fields),
    keys: rsaKeyPair(),
    issuer: { issued: intermediate, keyPem: intermediate.keyPem },
    notBefore: new Date(now.getTime() - DAY_MS),
    notAfter: new Date(now.getTime() + 3 * 365 * DAY_MS),
    extensions: citizenExtensions(fields),
  });
  return { citizen: { der: new Uint8Array(issued.der), keyPem: issued.keyPem } };
}

try {
  parentPort!.postMessage(run(workerData as TrainingPkiJob));
} catch (e) {
  parentPort!.postMessage({ error: String((e as Error)?.message ?? e) });
}
