// The certificate checks, one module for the desk's electronic authorization and for `desk
// verify-cert`: a chain to an installed anchor by key identifiers, validity of every certificate at
// the time that matters (signing), CA constraints, a signing key, the citizen policy, a natural
// person, the holder bound to the case's customer (the ID's last four and the name, each reported
// on its own), and revocation. Each check is reported; the verdict is valid only if none failed.
import type { ParsedCertificate } from './certificate';
import { MOICA_OIDS } from './certificate';
import { buildChain, type TrustStore } from './chain';
import type { Revocation, RevocationChecker } from './revocation';
import type { CertCheckId, CertCheckOutcome, CertCheckWord } from '../../../common/domain/cert-checks';

export interface CertCheck {
  id: CertCheckId;
  outcome: CertCheckOutcome;
  word: CertCheckWord;
  params: Record<string, string>;
}

export interface CertReport {
  verdict: 'valid' | 'invalid';
  checks: CertCheck[];
  /** The chain built, from the certificate up to its anchor (as far as it got when it failed). */
  chain: { subject: string; sha256: string; notAfter: string; anchor: boolean }[];
  holder: { name: string | null; idLastFour: string | null; subjectSerial: string | null; ca: boolean };
  revocation: Revocation | null;
}

export interface CertCheckInput {
  cert: ParsedCertificate;
  trust: TrustStore;
  /** When the certificate must have been valid: the signing time. */
  at: Date;
  /** Now, for the freshness of revocation answers. */
  now: Date;
  /** The case's customer; without it the holder is shown, not compared. */
  subject?: { idNumber: string; name: string };
  revocation?: RevocationChecker;
  /** For the CA certificates between the certificate and its anchor (their issuers' lists, e.g.
   * GRCA's authority revocation list): a CA revoked makes everything it issued untrusted. */
  caRevocation?: RevocationChecker;
  /** Policy: whether "could not check" blocks (default) or only warns. */
  revocationUnknown?: 'block' | 'warn';
  /** moica (default): a citizen certificate, bound by the ID's last four; c3: a commercial class-3
   * software certificate, bound by the full ID number in the subject's serialNumber. */
  profile?: 'moica' | 'c3';
}

const day = (d: Date) => d.toISOString().slice(0, 10);
/** Names compare as the customer would write them: NFC, no spaces (full-width ones included). */
const normalName = (s: string) => s.normalize('NFC').replace(/[\s\u3000]/g, '');
/** Whether two names are the same as the customer would write them (C3 documents use it too). */
export const sameName = (a: string, b: string) => normalName(a) === normalName(b);
const label = (c: ParsedCertificate) => c.commonName ?? c.subjectText;

export async function checkCertificate(input: CertCheckInput): Promise<CertReport> {
  const { cert, trust, at, subject } = input;
  const checks: CertCheck[] = [];
  const add = (id: CertCheckId, outcome: CertCheckOutcome, word: CertCheckWord, params: Record<string, string> = {}) =>
    checks.push({ id, outcome, word, params });

  const chain = buildChain(cert, trust, at);
  const path = chain.path;
  if (trust.anchors.length === 0) add('chain', 'fail', 'no_anchors');
  else if (chain.ok) add('chain', 'pass', 'chain_ok', { path: path.map(label).join(' → ') });
  else if (chain.reason === 'no_issuer')
    add('chain', 'fail', 'chain_no_issuer', { issuer: cert.x509.issuer.split('\n').join(', ') });
  else if (chain.reason === 'signature') add('chain', 'fail', 'chain_signature');
  else add('chain', 'fail', 'chain_untrusted', { root: label(path.at(-1)!) });

  const expired = path.find((c) => c.notAfter < at);
  const early = path.find((c) => c.notBefore > at);
  if (expired) add('validity', 'fail', 'expired', { subject: label(expired), until: day(expired.notAfter) });
  else if (early) add('validity', 'fail', 'not_yet_valid', { subject: label(early), from: day(early.notBefore) });
  else add('validity', 'pass', 'valid_at', { at: at.toISOString() });

  checks.push(caConstraints(path));

  if (cert.ca) {
    // A CA's certificate is checked as such; offered as a customer's, it is no one's signature.
    const binding = input.profile === 'c3' ? 'id_number' : 'id_last_four';
    for (const id of ['key_usage', 'policy', 'holder_type', binding, 'name'] as const)
      add(id, subject ? 'fail' : 'not_applicable', 'ca_certificate');
  } else {
    if (cert.keyUsage && !cert.keyUsage.digitalSignature) add('key_usage', 'fail', 'not_signing_key');
    else add('key_usage', 'pass', 'signing_key');
    if (input.profile === 'c3') {
      // A C3 certificate carries no MOICA policy or holder type; its binding is the whole ID number.
      add('policy', 'not_applicable', 'c3_certificate');
      add('holder_type', 'not_applicable', 'c3_certificate');
      c3HolderChecks(cert, subject, add);
    } else {
      if (cert.policies.includes(MOICA_OIDS.citizenPolicy)) add('policy', 'pass', 'citizen_policy');
      else add('policy', 'warn', 'other_policy', { policies: cert.policies.join(', ') || '—' });
      if (cert.holderType === MOICA_OIDS.naturalPerson) add('holder_type', 'pass', 'natural_person');
      else add('holder_type', 'fail', 'not_natural_person', { type: cert.holderType ?? '—' });
      holderChecks(cert, subject, add);
    }
  }

  let revocation: Revocation | null = null;
  if (cert.ca || !chain.ok || path.length < 2) {
    add('revocation', 'not_applicable', 'revocation_not_checked');
  } else {
    // No way to ask is "could not check", which the policy decides on: never a silent pass.
    revocation = input.revocation
      ? await input.revocation.check(cert, path[1]!, input.now)
      : { status: 'unknown', why: 'no_source', detail: 'no revocation source given' };
    if (revocation.status === 'valid') add('revocation', 'pass', 'revocation_valid', { source: revocation.source });
    else if (revocation.status === 'revoked')
      add('revocation', 'fail', 'revocation_revoked', { date: day(revocation.at) });
    else
      add('revocation', input.revocationUnknown === 'warn' ? 'warn' : 'fail', 'revocation_unknown', {
        why: revocation.why,
      });
  }

  checks.push(await caRevocation(input, cert.ca || !chain.ok ? [] : path));

  return {
    verdict: checks.some((c) => c.outcome === 'fail') ? 'invalid' : 'valid',
    checks,
    chain: path.map((c) => ({
      subject: c.subjectText,
      sha256: c.sha256,
      notAfter: c.notAfter.toISOString(),
      anchor: trust.anchors.some((a) => a.sha256 === c.sha256),
    })),
    holder: { name: cert.commonName, idLastFour: cert.idLastFour, subjectSerial: subjectSerial(cert), ca: cert.ca },
    revocation,
  };
}

/** Every certificate above the first must be a CA that may sign certificates, within its path length. */
function caConstraints(path: ParsedCertificate[]): CertCheck {
  for (let i = 1; i < path.length; i++) {
    const issuer = path[i]!;
    const subject = issuer.commonName ?? issuer.subjectText;
    if (!issuer.ca || (issuer.keyUsage && !issuer.keyUsage.keyCertSign))
      return { id: 'ca', outcome: 'fail', word: 'ca_not_ca', params: { subject } };
    // CAs between this one and the end certificate (a self-issued anchor counts none).
    const below = path.slice(1, i).filter((c) => !c.selfIssued).length;
    if (issuer.pathLength !== null && below > issuer.pathLength)
      return { id: 'ca', outcome: 'fail', word: 'ca_path_length', params: { subject } };
  }
  return { id: 'ca', outcome: 'pass', word: 'ca_ok', params: {} };
}

/** Each CA certificate in the chain below its anchor, against its issuer's list. A CA certificate
 * that names no list (and no mirror is set) is shown as not checked; real MOICA ones name GRCA's. */
async function caRevocation(input: CertCheckInput, path: ParsedCertificate[]): Promise<CertCheck> {
  const check = (outcome: CertCheckOutcome, word: CertCheckWord, params: Record<string, string> = {}): CertCheck => ({
    id: 'ca_revocation',
    outcome,
    word,
    params,
  });
  const anchored = (c: ParsedCertificate) => input.trust.anchors.some((a) => a.sha256 === c.sha256);
  const cas = path.slice(1, -1).filter((c) => !anchored(c));
  if (cas.length === 0 || !input.caRevocation) return check('not_applicable', 'revocation_not_checked');
  const sources: string[] = [];
  let unaddressed = 0;
  for (const ca of cas) {
    const issuer = path[path.indexOf(ca) + 1]!;
    const verdict = await input.caRevocation.check(ca, issuer, input.now);
    if (verdict.status === 'revoked')
      return check('fail', 'ca_revocation_revoked', { subject: label(ca), date: day(verdict.at) });
    if (verdict.status === 'valid') sources.push(verdict.source);
    else if (verdict.why === 'no_source') unaddressed++;
    else
      return check(input.revocationUnknown === 'warn' ? 'warn' : 'fail', 'ca_revocation_unknown', {
        subject: label(ca),
        why: verdict.why,
      });
  }
  if (unaddressed === cas.length) return check('not_applicable', 'ca_revocation_no_address');
  if (unaddressed > 0) return check('warn', 'ca_revocation_no_address');
  return check('pass', 'ca_revocation_valid', { source: [...new Set(sources)].join(', ') });
}

type AddCheck = (
  id: CertCheckId,
  outcome: CertCheckOutcome,
  word: CertCheckWord,
  params?: Record<string, string>,
) => void;

function holderChecks(cert: ParsedCertificate, subject: CertCheckInput['subject'], add: AddCheck): void {
  const lastFour = cert.idLastFour ?? '';
  if (!subject) {
    add(
      'id_last_four',
      cert.idLastFour ? 'not_applicable' : 'fail',
      cert.idLastFour ? 'no_subject' : 'last_four_missing',
    );
    add('name', 'not_applicable', 'no_subject');
    return;
  }
  if (!cert.idLastFour) add('id_last_four', 'fail', 'last_four_missing');
  else if (subject.idNumber.toUpperCase().slice(-4) === lastFour.toUpperCase())
    add('id_last_four', 'pass', 'last_four_ok', { lastFour });
  else add('id_last_four', 'fail', 'last_four_mismatch', { lastFour });
  nameCheck(cert, subject, add);
}

/** The certificate's CN against the customer's name (not compared without a customer). */
function nameCheck(cert: ParsedCertificate, subject: CertCheckInput['subject'], add: AddCheck): void {
  const name = cert.commonName ?? '';
  if (!subject) add('name', 'not_applicable', 'no_subject');
  else if (name && sameName(name, subject.name)) add('name', 'pass', 'name_ok', { name });
  else add('name', 'fail', 'name_mismatch', { name: name || '—' });
}

/** A C3 certificate names its holder by the whole ID number (subject serialNumber) and the name. */
function c3HolderChecks(cert: ParsedCertificate, subject: CertCheckInput['subject'], add: AddCheck): void {
  const id = subjectSerial(cert);
  if (!id) add('id_number', 'fail', 'id_number_missing');
  else if (!subject) add('id_number', 'not_applicable', 'no_subject');
  else if (id.toUpperCase() === subject.idNumber.toUpperCase()) add('id_number', 'pass', 'id_number_ok');
  else add('id_number', 'fail', 'id_number_mismatch');
  nameCheck(cert, subject, add);
}

/** The 16 digits MOICA puts in the subject's serialNumber (not the card number, which is on the chip). */
function subjectSerial(cert: ParsedCertificate): string | null {
  const m = /(?:^|, )serialNumber=([^,]+)/.exec(cert.subjectText);
  return m ? m[1]! : null;
}
