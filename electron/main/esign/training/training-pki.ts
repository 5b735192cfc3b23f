// The training PKI's files in the desk's data directory and the main side of its worker: the root
// is what a training desk (and the sandbox JCIC it starts) trusts for card signatures.
import { join } from 'node:path';
import { startWorker } from '../../workers/start-worker';

export const TRAINING_PKI_FILES = {
  anchors: 'anchors',
  intermediates: 'intermediates',
  private: 'private',
  root: 'anchors/training-root.pem',
  rootKey: 'private/training-root.key',
  intermediate: 'intermediates/training-moica.pem',
  intermediateKey: 'private/training-moica.key',
} as const;

export interface TrainingPkiJob {
  dir: string;
  now: number;
  citizen?: { name: string; idNumber: string; cardNumber: string };
}

export interface TrainingPkiAnswer {
  citizen?: { der: Uint8Array; keyPem: string };
  error?: string;
}

const DEADLINE_MS = 30_000;

export function trainingPkiDirs(dir: string): { anchors: string; intermediates: string } {
  return { anchors: join(dir, TRAINING_PKI_FILES.anchors), intermediates: join(dir, TRAINING_PKI_FILES.intermediates) };
}

/** Makes the authority if it is not there yet, and issues a citizen certificate when asked. */
export function runTrainingPki(job: TrainingPkiJob): Promise<TrainingPkiAnswer> {
  return new Promise((resolve, reject) => {
    const worker = startWorker(__filename, 'training-pki-worker', { workerData: job });
    const timer = setTimeout(() => {
      void worker.terminate();
      reject(new Error(`the training certificates were not made within ${DEADLINE_MS / 1000} s`));
    }, DEADLINE_MS);
    worker.once('message', (answer: TrainingPkiAnswer) => {
      clearTimeout(timer);
      void worker.terminate();
      if (answer.error) reject(new Error(answer.error));
      else resolve(answer);
    });
    worker.once('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
  });
}
