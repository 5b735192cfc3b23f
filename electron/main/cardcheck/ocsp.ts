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

const arrayBuffer = (b: Buffer) => b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
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
    serialNumber: arrayBuffer(Buffer.from(cert.x509.serialNumber, 'hex')),
  });
}

export function ocspRequest(cert: ParsedCertificate, issuer: ParsedCertificate): Buffer {
  const nonce = new OctetString(randomBytes(16));
  const request = new ocsp.OCSPRequest({
    tbsRequest: new ocsp.TBSRequest({
      requestList: [new ocsp.Request({ reqCert: certId(cert, issuer) })],
      requestExtensions: [
        new x509.Extension({
          extnID: ocsp.id_pkix_ocsp_nonce,
          extnValue: new OctetString(AsnConvert.serialize(nonce)),
        }),
      ],
    }),
  });
  return Buffer.from(AsnConvert.serialize(request));
}

const sameBytes = (a: ArrayBuffer | OctetString, b: ArrayBuffer | OctetString) =>
  Buffer.from((a instanceof OctetString ? a.buffer : a) as ArrayBuffer).equals(
    Buffer.from((b instanceof OctetString ? b.buffer : b) as ArrayBuffer),
  );
const serialHex = (b: ArrayBuffer) =>
  Buffer.from(b)
    .toString('hex')
    .replace(/^0+(?=.)/, '');

/** Reads a responder's answer about `cert`. */
export function readOcspResponse(
  answer: Buffer,
  cert: ParsedCertificate,
  issuer: ParsedCertificate,
  now: Date,
  source: string,
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
  const until = single.nextUpdate ?? new Date(single.thisUpdate.getTime() + DEFAULT_LIFETIME_MS);
  if (single.thisUpdate.getTime() > now.getTime() + CLOCK_SKEW_MS || until < now)
    return unknown('stale', `answer of ${single.thisUpdate.toISOString()}`);
  if (single.certStatus.revoked)
    return { status: 'revoked', at: single.certStatus.revoked.revocationTime, source, until };
  if (single.certStatus.good !== undefined) return { status: 'valid', source, until };
  return unknown('responder_unknown', 'certificate unknown to the responder');
}

/** Responder certificates in the answer that the issuer signed for OCSP signing and are valid now. */
function delegatedSigners(basic: ocsp.BasicOCSPResponse, issuer: ParsedCertificate, now: Date): X509Certificate[] {
  return (basic.certs ?? []).flatMap((c) => {
    const cert = new X509Certificate(Buffer.from(AsnConvert.serialize(c)));
    const eku = c.tbsCertificate.extensions?.find((e) => e.extnID === x509.id_ce_extKeyUsage);
    const forOcsp = eku && AsnConvert.parse(eku.extnValue, x509.ExtendedKeyUsage).includes(ocsp.id_kp_OCSPSigning);
    const current = new Date(cert.validFrom) <= now && now <= new Date(cert.validTo);
    return forOcsp && current && cert.checkIssued(issuer.x509) && cert.verify(issuer.x509.publicKey) ? [cert] : [];
  });
}

/** OCSP at the certificate's own responder, or at `override` (IT's mirror). */
export function ocspChecker(options: { override?: string; timeoutMs?: number } = {}): RevocationChecker {
  return {
    async check(cert, issuer, now) {
      const url = options.override ?? cert.ocspUrls[0];
      if (!url) return { status: 'unknown', why: 'no_source', detail: 'no OCSP address' };
      let answer: Buffer;
      try {
        answer = await fetchLimited(url, {
          body: ocspRequest(cert, issuer),
          contentType: 'application/ocsp-request',
          timeoutMs: options.timeoutMs ?? 5000,
          maxBytes: 1 << 20,
        });
      } catch (e) {
        return { status: 'unknown', why: 'unreachable', detail: `${url}: ${(e as Error).message}` };
      }
      return readOcspResponse(answer, cert, issuer, now, url);
    },
  };
}
