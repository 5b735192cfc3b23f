// Revocation by OCSP (RFC 6960): ask the responder the certificate names (or IT's mirror) about one
// certificate, and believe the answer only if the issuing CA signed it, or a responder certificate
// that CA issued for OCSP signing; it must be about this certificate and current.
import { createHash, createVerify, randomBytes, X509Certificate } from 'node:crypto';
import { AsnConvert, OctetString } from '@peculiar/asn1-schema';
import * as x509 from '@peculiar/asn1-x509';
import * as ocsp from '@peculiar/asn1-ocsp';
import { children, readTlv } from './der';
import type { ParsedCertificate } from './certificate';
import type { Revocation, RevocationChecker } from './revocation';
import { fetchLimited } from './fetch-limited';

const SHA1 = new x509.AlgorithmIdentifier({ algorithm: '1.3.14.3.2.26', parameters: null });
const HASH_OF_SIGNATURE: Record<string, string> = {
  '1.2.840.113549.1.1.11': 'sha256',
  '1.2.840.113549.1.1.12': 'sha384',
  '1.2.840.113549.1.1.13': 'sha512',
  '1.2.840.113549.1.1.5': 'sha1',
};
const CLOCK_SKEW_MS = 5 * 60_000;
/** Without a nextUpdate, an answer is current for an hour. */
const DEFAULT_LIFETIME_MS = 3600_000;
/** An answer that does not echo our nonce must have been made within this long. */
const MAX_AGE_WITHOUT_NONCE_MS = 12 * 3600_000;

const sha1 = (b: Buffer | ArrayBuffer) =>
  createHash('sha1')
    .update(Buffer.from(b as ArrayBuffer))
    .digest();

/** The issuer's public key bits (the BIT STRING's content), which the CertID hashes. */
function issuerKeyBits(issuer: ParsedCertificate): ArrayBuffer {
  return AsnConvert.parse(issuer.der, x509.Certificate).tbsCertificate.subjectPublicKeyInfo.subjectPublicKey;
}

export function certId(cert: ParsedCertificate, issuer: ParsedCertificate): ocsp.CertID {
  return new ocsp.CertID({
    hashAlgorithm: SHA1,
    issuerNameHash: new OctetString(sha1(issuer.subjectDer)),
    issuerKeyHash: new OctetString(sha1(issuerKeyBits(issuer))),
    // The serial exactly as the certificate encodes it (a leading 00 keeps a high bit positive).
    serialNumber: AsnConvert.parse(cert.der, x509.Certificate).tbsCertificate.serialNumber,
  });
}

/** The request, and the nonce extension's value the answer must echo if it carries one. */
export function ocspRequest(cert: ParsedCertificate, issuer: ParsedCertificate): { der: Buffer; nonce: Buffer } {
  const nonce = new OctetString(randomBytes(16));
  const nonceValue = Buffer.from(AsnConvert.serialize(nonce));
  const request = new ocsp.OCSPRequest({
    tbsRequest: new ocsp.TBSRequest({
      requestList: [new ocsp.Request({ reqCert: certId(cert, issuer) })],
      requestExtensions: [
        new x509.Extension({
          extnID: ocsp.id_pkix_ocsp_nonce,
          extnValue: new OctetString(nonceValue),
        }),
      ],
    }),
  });
  return { der: Buffer.from(AsnConvert.serialize(request)), nonce: nonceValue };
}

const sameBytes = (a: ArrayBuffer | OctetString, b: ArrayBuffer | OctetString) =>
  Buffer.from((a instanceof OctetString ? a.buffer : a) as ArrayBuffer).equals(
    Buffer.from((b instanceof OctetString ? b.buffer : b) as ArrayBuffer),
  );
const serialHex = (b: ArrayBuffer) =>
  Buffer.from(b)
    .toString('hex')
    .replace(/^0+(?=.)/, '');

/** Reads a responder's answer about `cert`; `nonce`: what the request sent. Never throws: an
 * answer that cannot be read is "unknown". */
export function readOcspResponse(
  answer: Buffer,
  cert: ParsedCertificate,
  issuer: ParsedCertificate,
  now: Date,
  source: string,
  nonce: Buffer | null = null,
): Revocation {
  try {
    return readAnswer(answer, cert, issuer, now, source, nonce);
  } catch (e) {
    return { status: 'unknown', why: 'bad_answer', detail: `${source}: unreadable (${(e as Error).message})` };
  }
}

function readAnswer(
  answer: Buffer,
  cert: ParsedCertificate,
  issuer: ParsedCertificate,
  now: Date,
  source: string,
  nonce: Buffer | null,
): Revocation {
  const unknown = (why: 'bad_answer' | 'stale' | 'responder_unknown', detail: string): Revocation => ({
    status: 'unknown',
    why,
    detail: `${source}: ${detail}`,
  });
  let basic: ocsp.BasicOCSPResponse;
  let tbs: Buffer;
  try {
    const response = AsnConvert.parse(answer, ocsp.OCSPResponse);
    if (response.responseStatus !== ocsp.OCSPResponseStatus.successful || !response.responseBytes)
      return unknown('bad_answer', `status ${ocsp.OCSPResponseStatus[response.responseStatus]}`);
    if (response.responseBytes.responseType !== ocsp.id_pkix_ocsp_basic)
      return unknown('bad_answer', 'not a basic response');
    const basicDer = Buffer.from(response.responseBytes.response.buffer);
    basic = AsnConvert.parse(basicDer, ocsp.BasicOCSPResponse);
    // The signed bytes exactly as the responder sent them (never re-encoded).
    const first = children(basicDer, readTlv(basicDer, 0)).next().value!;
    tbs = basicDer.subarray(first.start, first.end);
  } catch (e) {
    return unknown('bad_answer', `unreadable (${(e as Error).message})`);
  }
  const hash = HASH_OF_SIGNATURE[basic.signatureAlgorithm.algorithm];
  if (!hash) return unknown('bad_answer', `signature algorithm ${basic.signatureAlgorithm.algorithm}`);
  const signers = [issuer.x509, ...delegatedSigners(basic, issuer, now)];
  const signed = signers.some((s) => createVerify(hash).update(tbs).verify(s.publicKey, Buffer.from(basic.signature)));
  if (!signed) return unknown('bad_answer', 'not signed by the issuer or its OCSP responder');
  const expected = certId(cert, issuer);
  const single = basic.tbsResponseData.responses.find(
    (r) =>
      serialHex(r.certID.serialNumber) === serialHex(expected.serialNumber) &&
      sameBytes(r.certID.issuerKeyHash, expected.issuerKeyHash) &&
      sameBytes(r.certID.issuerNameHash, expected.issuerNameHash),
  );
  if (!single) return unknown('bad_answer', 'the answer is about another certificate');
  // Current: an echoed nonce must be ours; without one (a pre-produced answer) the answer must be
  // recent, whatever its nextUpdate says, so an old "good" recorded before a revocation is not replayed.
  const echoed = basic.tbsResponseData.responseExtensions?.find((e) => e.extnID === ocsp.id_pkix_ocsp_nonce);
  if (echoed && (!nonce || !Buffer.from(echoed.extnValue.buffer).equals(nonce)))
    return unknown('bad_answer', 'the answer is for another request (nonce)');
  const until = single.nextUpdate ?? new Date(single.thisUpdate.getTime() + DEFAULT_LIFETIME_MS);
  const tooOld = !echoed && single.thisUpdate.getTime() < now.getTime() - MAX_AGE_WITHOUT_NONCE_MS;
  if (single.thisUpdate.getTime() > now.getTime() + CLOCK_SKEW_MS || until < now || tooOld)
    return unknown('stale', `answer of ${single.thisUpdate.toISOString()}`);
  if (single.certStatus.revoked)
    return { status: 'revoked', at: single.certStatus.revoked.revocationTime, source, until };
  if (single.certStatus.good !== undefined) return { status: 'valid', source, until };
  return unknown('responder_unknown', 'certificate unknown to the responder');
}

/** Responder certificates in the answer that the issuer signed for OCSP signing and are valid now. */
function delegatedSigners(basic: ocsp.BasicOCSPResponse, issuer: ParsedCertificate, now: Date): X509Certificate[] {
  return (basic.certs ?? []).flatMap((c) => {
    try {
      const cert = new X509Certificate(Buffer.from(AsnConvert.serialize(c)));
      const eku = c.tbsCertificate.extensions?.find((e) => e.extnID === x509.id_ce_extKeyUsage);
      const forOcsp = eku && AsnConvert.parse(eku.extnValue, x509.ExtendedKeyUsage).includes(ocsp.id_kp_OCSPSigning);
      const current = new Date(cert.validFrom) <= now && now <= new Date(cert.validTo);
      return forOcsp && current && cert.checkIssued(issuer.x509) && cert.verify(issuer.x509.publicKey) ? [cert] : [];
    } catch {
      return []; // an unreadable certificate in the answer signs nothing
    }
  });
}

/** OCSP at the certificate's own responder, or at `override` (IT's mirror). */
export function ocspChecker(options: { override?: string; timeoutMs?: number } = {}): RevocationChecker {
  return {
    async check(cert, issuer, now) {
      const url = options.override ?? cert.ocspUrls[0];
      if (!url) return { status: 'unknown', why: 'no_source', detail: 'no OCSP address' };
      let answer: Buffer;
      const request = ocspRequest(cert, issuer);
      try {
        answer = await fetchLimited(url, {
          body: request.der,
          contentType: 'application/ocsp-request',
          timeoutMs: options.timeoutMs ?? 5000,
          maxBytes: 1 << 20,
        });
      } catch (e) {
        return { status: 'unknown', why: 'unreachable', detail: `${url}: ${(e as Error).message}` };
      }
      return readOcspResponse(answer, cert, issuer, now, url, request.nonce);
    },
  };
}
