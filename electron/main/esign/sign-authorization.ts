// The desk's whole signing path for one authorization: the card's certificate checked against the
// case's customer first (nothing is signed for the wrong person), the token's PIN state before the
// PIN is used (locked stops; the final try needs the customer's explicit confirmation), one
// signature (never a retry), the CMS built and verified at once, and the signer certificate
// required to be the one read from the card.
import type { ParsedCertificate } from '../cardcheck/certificate';
import { checkCertificate, type CertCheckInput, type CertReport } from '../cardcheck/cert-check';
import { DeskError } from '../errors';
import { buildSignedData, verifySignedData } from './cms';
import type { Signer } from './signer';
import { CERT_CHECK_NAMES, certCheckText } from '../../../common/domain/cert-checks';
import type { Bilingual } from '../../../common/contract/errors';

export interface SignRequest extends Omit<CertCheckInput, 'cert' | 'at' | 'subject'> {
  document: Buffer;
  /** The signing certificate as read from the card in the reader. */
  cardCert: ParsedCertificate;
  subject: { idNumber: string; name: string };
  pin: string;
  /** The customer confirmed they know this is the last try. */
  confirmFinalTry: boolean;
}

export interface SignedAuthorization {
  cms: Buffer;
  report: CertReport;
  signingTime: Date;
}

const PIN = /^.{6,8}$/u;

export async function signAuthorization(signer: Signer, request: SignRequest): Promise<SignedAuthorization> {
  if (!PIN.test(request.pin)) throw new DeskError('PIN_FORMAT').about('pin');
  const { pin: _pin, document: _document, confirmFinalTry: _confirm, cardCert, ...checks } = request;
  const report = await checkCertificate({ ...checks, cert: cardCert, at: request.now });
  if (report.verdict !== 'valid') throw new DeskError('CERTIFICATE_REFUSED', { detail: failedChecks(report) });
  const before = await signer.tokenState(request.cardCert.der);
  if (!before) throw new DeskError('TOKEN_NOT_FOUND');
  if (before.pinLocked) throw new DeskError('PIN_LOCKED');
  if (before.pinFinalTry && !request.confirmFinalTry) throw new DeskError('PIN_FINAL_TRY').about('pin');
  const signingTime = request.now;
  let cms: Buffer;
  try {
    cms = await buildSignedData({
      content: request.document,
      cert: request.cardCert,
      signingTime,
      sign: (digestInfo) => signer.sign(request.cardCert.der, request.pin, digestInfo),
    });
  } catch (e) {
    if (e instanceof DeskError && e.code === 'PIN_INCORRECT_NO_COUNT')
      throw await afterWrongPin(signer, request.cardCert);
    throw e;
  }
  const verified = verifySignedData(cms);
  if (verified.signer.sha256 !== request.cardCert.sha256 || !verified.content.equals(request.document))
    throw new DeskError('CARD_CHANGED');
  return { cms, report, signingTime };
}

/** A wrong PIN, said with what the token now reports: one try left, blocked, or fewer tries. */
async function afterWrongPin(signer: Signer, cert: ParsedCertificate): Promise<DeskError> {
  const after = await signer.tokenState(cert.der).catch(() => null);
  if (after?.pinLocked) return new DeskError('PIN_LOCKED');
  if (after?.pinFinalTry) return new DeskError('PIN_INCORRECT', { left: 1 }).about('pin');
  return new DeskError('PIN_INCORRECT_NO_COUNT').about('pin');
}

/** The failed checks in both languages, for the refusal's message. */
export function failedChecks(report: CertReport): Bilingual {
  const failed = report.checks.filter((c) => c.outcome === 'fail');
  const say = (lang: 'zh-TW' | 'en') =>
    failed.map((c) => `${CERT_CHECK_NAMES[c.id][lang]}: ${certCheckText(c, lang)}`).join('; ');
  return { 'zh-TW': say('zh-TW'), en: say('en') };
}
