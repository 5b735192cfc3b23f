// The electronic-authorization parts a desk runs with: the card service (started on first use),
// the signer process for the policy's PKCS#11 module, and revocation by OCSP at the certificate's
// responder or IT's mirror, then the CRL (read in a worker thread: lists are many megabytes),
// answers kept while current. A training desk with none of these configured gets the training card.
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { Db } from '../store/database';
import type { Policy } from '../policy/policy';
import { CardServiceClient } from '../card/card-service-client';
import { SignerClient } from './signer-client';
import { ocspChecker } from '../cardcheck/ocsp';
import { cachedRevocation } from '../cardcheck/revocation-cache';
import { crlByAddress, firstKnown } from '../cardcheck/revocation';
import { crlInWorker } from '../cardcheck/crl-in-worker';
import type { EsignParts } from './esign-service';
import type { Clock } from '../clock';
import { TrainingCard } from './training/training-card';

export interface EsignOptions {
  /** Added to the card and signer processes' environment (tests: a SoftHSM2 token's config). */
  env?: Record<string, string>;
}

/** A training desk (no JCIC endpoint) with no card parts configured gets the training card. */
export function usesTrainingCard(policy: Policy): boolean {
  return policy.jcicEndpoint === '' && !policy.pkcs11Module && !policy.trustAnchorDir;
}

export function esignParts(policy: Policy, dataDir: string, clock: Clock, options: EsignOptions = {}): EsignParts {
  const revocation = cachedRevocation(
    firstKnown(
      ocspChecker({ override: policy.ocspUrl || undefined }),
      crlByAddress({ override: policy.crlUrl || undefined, judge: crlInWorker }),
    ),
  );
  // C3 certificates come from other CAs than MOICA: IT's MOICA mirrors would be the wrong services,
  // so they are asked at the addresses they name.
  const c3Revocation = cachedRevocation(firstKnown(ocspChecker(), crlByAddress({ judge: crlInWorker })));
  // CA certificates by their issuers' lists only: GRCA's list is small and changes rarely.
  const caRevocation = cachedRevocation(crlByAddress({ override: policy.caCrlUrl || undefined, judge: crlInWorker }));
  const c3CaRevocation = cachedRevocation(crlByAddress({ judge: crlInWorker }));
  if (usesTrainingCard(policy)) {
    const training = new TrainingCard(join(dataDir, 'esign-training'), clock);
    return {
      cards: training,
      signer: training,
      revocation: training.revocation(),
      c3Revocation,
      caRevocation: training.revocation(),
      c3CaRevocation,
      trustDirs: () => training.trustDirs(),
      training,
    };
  }
  return {
    cards: new CardServiceClient({ env: options.env }),
    signer: policy.pkcs11Module ? new SignerClient({ modulePath: policy.pkcs11Module, env: options.env }) : null,
    revocation,
    c3Revocation,
    caRevocation,
    c3CaRevocation,
    trustDirs: () => ({ anchors: policy.trustAnchorDir, intermediates: policy.trustIntermediateDir }),
    training: null,
  };
}

/** This desk's own id, made once: it goes into every document its customers sign. */
export function deskId(db: Db): string {
  db.prepare("INSERT OR IGNORE INTO meta (key, value) VALUES ('desk_id', ?)").run(randomUUID());
  return (db.prepare("SELECT value FROM meta WHERE key = 'desk_id'").get() as { value: string }).value;
}
