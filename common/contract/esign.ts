// Electronic authorization with the customer's MOICA card: the reader's state for the screen, the
// document the customer reads before the PIN, and the signature. The PIN travels once, in
// esign.sign, and is in no answer.
import * as z from '../zod';
import { call } from './call';
import { C3Identity, CaseDetail, CaseId, IsoDate } from './cases';

const Bilingual = z.object({ 'zh-TW': z.string(), en: z.string() });

export const CardReaderView = z.object({
  name: z.string(),
  state: z.enum(['no_card', 'reading', 'ready', 'unsupported', 'card_error']),
  kind: z.enum(['moica1', 'moica2', 'nhi', 'bank', 'unknown']).nullable(),
  /** Changes whenever a card goes in or out: the signature is refused if it changed since the screen showed it. */
  insertion: z.string().nullable(),
  cardNumberMasked: z.string().nullable(),
  /** The signing certificate's holder, as the card says (compared with the customer when signing). */
  holder: z
    .object({ name: z.string().nullable(), idLastFour: z.string().nullable(), validUntil: z.string() })
    .nullable(),
  /** Why a card could not be read (card_error only), each with its own words: another program holds
   * it, reading failed, or it stopped answering (it is not read again until it is put in again). */
  problem: z.enum(['busy', 'comm', 'not_answering']).nullable(),
});

export const CardStateView = z.object({
  /** Why electronic authorization cannot be used on this desk now, or null. */
  unavailable: z.enum(['no_trust_anchors', 'no_signing_module']).nullable(),
  service: z.enum(['starting', 'unavailable', 'running']),
  readers: z.array(CardReaderView),
  /** A training desk's simulated card (訓練環境), with the PIN the trainee types; null on a real desk. */
  training: z.object({ pin: z.string() }).nullable(),
});

export const PinStateView = z.object({
  /** The token says a wrong PIN was typed since the last right one. */
  countLow: z.boolean(),
  /** One try left: the next wrong PIN blocks the card. */
  finalTry: z.boolean(),
  locked: z.boolean(),
});

export const AuthorizationDocumentView = z.object({
  issuedAt: z.string(),
  /** SHA-256 of the exact bytes to be signed; esign.sign is refused if the document differs. */
  sha256: z.string(),
  text: Bilingual,
});

const EsignInput = z
  .object({
    caseId: CaseId,
    validUntil: IsoDate,
    issuedAt: z.string().max(40),
    documentSha256: z.string().regex(/^[0-9a-f]{64}$/, 'sha256'),
    insertion: z.string().max(200),
    pin: z.string().max(16),
    confirmFinalTry: z.boolean().default(false),
  })
  .strict();

/** For IT: the state of each part electronic authorization needs on this PC (as `desk doctor`). */
export const CardDiagnosticsView = z.object({
  checks: z.array(
    z.object({
      name: z.enum(['pcsc', 'pkcs11', 'trust', 'revocation', 'training', 'jcic']),
      state: z.enum(['ok', 'warn', 'broken']),
      /** Technical detail for IT (reader names, ATRs, file paths, addresses), in English. */
      detail: z.string(),
    }),
  ),
});

export const esignCalls = {
  'card.state': call(z.object({}).strict(), CardStateView, ['officer'], { passive: true }),
  'esign.document': call(z.object({ caseId: CaseId, validUntil: IsoDate }).strict(), AuthorizationDocumentView, [
    'officer',
  ]),
  'esign.pinState': call(z.object({ insertion: z.string().max(200) }).strict(), PinStateView, ['officer']),
  'esign.sign': call(EsignInput, CaseDetail, ['officer']),
  'card.trainingInsert': call(z.object({ caseId: CaseId }).strict(), z.object({}), ['officer']),
  'card.trainingRemove': call(z.object({}).strict(), z.object({}), ['officer']),
  'esign.diagnostics': call(z.object({}).strict(), CardDiagnosticsView, ['it_admin']),
  /** A C3 authorization file (CMS, at most 512 KiB) signed in the online channel. */
  'esign.importC3': call(
    z
      .object({
        caseId: CaseId,
        fileName: z.string().max(260),
        dataBase64: z.string().max(700_000),
        identity: C3Identity,
      })
      .strict(),
    CaseDetail,
    ['officer'],
  ),
};
