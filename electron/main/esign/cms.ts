// The signed authorization as CMS SignedData (RFC 5652): the document's exact bytes inside, the
// card's certificate, one signer with contentType, signingTime, messageDigest and the signing
// certificate's hash (ESSCertIDv2) as signed attributes, RSA PKCS#1 v1.5 over SHA-256. The desk
// builds it around a signature the card made, and verifies it (its own, or a C3 file) from the
// received bytes: signed attributes are checked as they were sent, never re-encoded.
import { createHash, verify as verifySignature } from 'node:crypto';
import { AsnConvert, OctetString } from '@peculiar/asn1-schema';
import * as x509 from '@peculiar/asn1-x509';
import * as cms from '@peculiar/asn1-cms';
import { children, derOctets, derOid, derSequence, derSet, derUtcTime, readTime, readTlv } from '../cardcheck/der';
import { parseCertificate, type ParsedCertificate } from '../cardcheck/certificate';

const OID = {
  sha256: '2.16.840.1.101.3.4.2.1',
  rsaEncryption: '1.2.840.113549.1.1.1',
  sha256WithRsa: '1.2.840.113549.1.1.11',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
} as const;
/** DER of DigestInfo{sha256} before the 32-byte hash: what CKM_RSA_PKCS signs. */
const SHA256_DIGEST_INFO_PREFIX = Buffer.from('3031300d060960864801650304020105000420', 'hex');

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest();

export const digestInfoSha256 = (data: Buffer) => Buffer.concat([SHA256_DIGEST_INFO_PREFIX, sha256(data)]);

export class CmsError extends Error {
  constructor(
    readonly problem:
      | 'unreadable'
      | 'not_signed_data'
      | 'signer_count'
      | 'no_content'
      | 'no_signer_certificate'
      | 'digest_mismatch'
      | 'content_type'
      | 'no_signing_time'
      | 'certificate_hash'
      | 'bad_signature'
      | 'unsupported_algorithm',
    detail = '',
  ) {
    super(`CMS: ${problem}${detail ? ` (${detail})` : ''}`);
  }
}

/** The signed attributes, sorted as DER sorts a SET OF: these exact bytes are what gets signed. */
function signedAttributes(content: Buffer, cert: ParsedCertificate, signingTime: Date): Buffer[] {
  const attribute = (type: string, value: Buffer) => derSequence(derOid(type), derSet(value));
  return [
    attribute(cms.id_contentType, derOid(cms.id_data)),
    attribute(cms.id_signingTime, derUtcTime(signingTime)),
    attribute(cms.id_messageDigest, derOctets(sha256(content))),
    attribute(OID.signingCertificateV2, derSequence(derSequence(derSequence(derOctets(sha256(cert.der)))))),
  ].sort(Buffer.compare);
}

/** Builds SignedData around a signature `sign` makes over the DigestInfo of the signed attributes. */
export async function buildSignedData(input: {
  content: Buffer;
  cert: ParsedCertificate;
  signingTime: Date;
  sign: (digestInfo: Buffer) => Promise<Buffer>;
}): Promise<Buffer> {
  const attributes = signedAttributes(input.content, input.cert, input.signingTime);
  const toSign = derSet(...attributes);
  const signature = await input.sign(digestInfoSha256(toSign));
  const certificate = AsnConvert.parse(input.cert.der, x509.Certificate);
  const signer = new cms.SignerInfo({
    version: cms.CMSVersion.v1,
    sid: new cms.SignerIdentifier({
      issuerAndSerialNumber: new cms.IssuerAndSerialNumber({
        issuer: certificate.tbsCertificate.issuer,
        serialNumber: certificate.tbsCertificate.serialNumber,
      }),
    }),
    digestAlgorithm: new x509.AlgorithmIdentifier({ algorithm: OID.sha256 }),
    signedAttrs: attributes.map((a) => AsnConvert.parse(a, cms.Attribute)),
    signatureAlgorithm: new x509.AlgorithmIdentifier({ algorithm: OID.rsaEncryption, parameters: null }),
    signature: new OctetString(signature),
  });
  const signedData = new cms.SignedData({
    version: cms.CMSVersion.v1,
    digestAlgorithms: new cms.DigestAlgorithmIdentifiers([new x509.AlgorithmIdentifier({ algorithm: OID.sha256 })]),
    encapContentInfo: new cms.EncapsulatedContentInfo({
      eContentType: cms.id_data,
      eContent: new cms.EncapsulatedContent({ single: new OctetString(input.content) }),
    }),
    certificates: new cms.CertificateSet([new cms.CertificateChoices({ certificate })]),
    signerInfos: new cms.SignerInfos([signer]),
  });
  const contentInfo = new cms.ContentInfo({
    contentType: cms.id_signedData,
    content: AsnConvert.serialize(signedData),
  });
  const der = Buffer.from(AsnConvert.serialize(contentInfo));
  // What went out must be what was signed: the library encodes the attributes as given.
  if (!strictLayout(der).signedAttrs.equals(toSign)) throw new Error('the signed attributes changed on encoding');
  return der;
}

export interface VerifiedSignedData {
  content: Buffer;
  signer: ParsedCertificate;
  /** Every certificate the file carried (intermediates for the chain). */
  certificates: ParsedCertificate[];
  signingTime: Date;
}

/** Verifies one-signer SignedData from its bytes; throws CmsError saying what failed (hostile
 * input included: anything unreadable is CmsError 'unreadable', never another exception). */
export function verifySignedData(der: Buffer): VerifiedSignedData {
  try {
    return verifyStrict(der);
  } catch (e) {
    if (e instanceof CmsError) throw e;
    throw new CmsError('unreadable', (e as Error).message);
  }
}

function verifyStrict(der: Buffer): VerifiedSignedData {
  // One raw walk decides which SignerInfo is checked: its signature, attributes and digest all come
  // from these bytes, and nothing may follow them (a second SET of signers the parser would ignore).
  const layout = strictLayout(der);
  const signedData = AsnConvert.parse(layout.signedData, cms.SignedData);
  const signer = AsnConvert.parse(layout.signerInfo, cms.SignerInfo);
  const content = signedData.encapContentInfo.eContent?.single?.buffer;
  if (signedData.encapContentInfo.eContentType !== cms.id_data || !content) throw new CmsError('no_content');
  const certificates = [...(signedData.certificates ?? [])].flatMap((c) =>
    c.certificate ? [parseCertificate(Buffer.from(AsnConvert.serialize(c.certificate)))] : [],
  );
  const sid = signer.sid.issuerAndSerialNumber;
  const signerCert = certificates.find(
    (c) =>
      sid &&
      c.issuerDer.equals(Buffer.from(AsnConvert.serialize(sid.issuer))) &&
      c.serialHex ===
        Buffer.from(sid.serialNumber)
          .toString('hex')
          .replace(/^0+(?=.)/, ''),
  );
  if (!signerCert) throw new CmsError('no_signer_certificate');
  if (signer.digestAlgorithm.algorithm !== OID.sha256)
    throw new CmsError('unsupported_algorithm', signer.digestAlgorithm.algorithm);
  const attrs = signer.signedAttrs ?? [];
  const values = (type: string) => attrs.filter((a) => a.attrType === type).flatMap((a) => a.attrValues);
  const one = (type: string) => {
    const found = values(type);
    return found.length === 1 ? Buffer.from(found[0]!) : null;
  };
  const contentBytes = Buffer.from(content);
  const digest = one(cms.id_messageDigest);
  if (!digest || !Buffer.from(AsnConvert.parse(digest, OctetString).buffer).equals(sha256(contentBytes)))
    throw new CmsError('digest_mismatch');
  const type = one(cms.id_contentType);
  if (!type || !type.equals(derOid(cms.id_data))) throw new CmsError('content_type');
  const time = one(cms.id_signingTime);
  if (!time) throw new CmsError('no_signing_time');
  const signingTime = readTime(time, readTlv(time, 0));
  const certHash = one(OID.signingCertificateV2);
  if (!certHash || !essCertHash(certHash).equals(sha256(signerCert.der))) throw new CmsError('certificate_hash');
  const algorithm = signer.signatureAlgorithm.algorithm;
  if (algorithm !== OID.rsaEncryption && algorithm !== OID.sha256WithRsa)
    throw new CmsError('unsupported_algorithm', algorithm);
  const ok = verifySignature(
    'sha256',
    layout.signedAttrs,
    signerCert.x509.publicKey,
    Buffer.from(signer.signature.buffer),
  );
  if (!ok) throw new CmsError('bad_signature');
  return { content: contentBytes, signer: signerCert, certificates, signingTime };
}

/** The first ESSCertIDv2's certHash (SHA-256, the default algorithm, or named as SHA-256). */
function essCertHash(value: Buffer): Buffer {
  const certs = children(value, readTlv(value, 0)).next().value;
  const first = certs && children(value, certs).next().value;
  if (!first) throw new CmsError('certificate_hash');
  const parts = [...children(value, first)];
  let i = 0;
  if (parts[0]?.tag === 0x30) {
    const oid = readTlv(value, parts[0].contentStart, parts[0].end);
    if (!value.subarray(oid.start, oid.end).equals(derOid(OID.sha256))) throw new CmsError('certificate_hash');
    i = 1;
  }
  const hash = parts[i];
  if (!hash || hash.tag !== 0x04) throw new CmsError('certificate_hash');
  return value.subarray(hash.contentStart, hash.end);
}

/** ContentInfo { id-signedData, [0] SignedData { version, digestAlgorithms, encapContentInfo,
 * [0] certificates?, [1] crls?, signerInfos } } with exactly one SignerInfo whose fourth element
 * is [0] signedAttrs, nothing after any of it. */
function strictLayout(der: Buffer): { signedData: Buffer; signerInfo: Buffer; signedAttrs: Buffer } {
  const contentInfo = readTlv(der, 0);
  if (contentInfo.tag !== 0x30 || contentInfo.end !== der.length) throw new CmsError('unreadable', 'trailing bytes');
  const [type, explicit, ...extra] = [...children(der, contentInfo)];
  if (!type || !explicit || explicit.tag !== 0xa0 || extra.length) throw new CmsError('not_signed_data');
  if (!der.subarray(type.start, type.end).equals(derOid(cms.id_signedData))) throw new CmsError('not_signed_data');
  const signedData = readTlv(der, explicit.contentStart, explicit.end);
  if (signedData.tag !== 0x30 || signedData.end !== explicit.end) throw new CmsError('not_signed_data');
  const parts = [...children(der, signedData)];
  const tags = parts.map((p) => p.tag);
  const optional = tags.slice(3, -1);
  const shapeOk =
    parts.length >= 4 &&
    tags[0] === 0x02 &&
    tags[1] === 0x31 &&
    tags[2] === 0x30 &&
    tags.at(-1) === 0x31 &&
    optional.every((t, i) => (t === 0xa0 || t === 0xa1) && (i === 0 || t > optional[i - 1]!));
  if (!shapeOk) throw new CmsError('not_signed_data', 'unexpected structure');
  const signerInfos = [...children(der, parts.at(-1)!)];
  if (signerInfos.length !== 1) throw new CmsError('signer_count', String(signerInfos.length));
  const signerInfo = signerInfos[0]!;
  const fields = [...children(der, signerInfo)];
  const attrs = fields[3];
  if (!attrs || attrs.tag !== 0xa0) throw new CmsError('digest_mismatch', 'no signed attributes');
  return {
    signedData: der.subarray(signedData.start, signedData.end),
    signerInfo: der.subarray(signerInfo.start, signerInfo.end),
    // Signed under the SET OF tag, as received.
    signedAttrs: Buffer.concat([Buffer.from([0x31]), der.subarray(attrs.start + 1, attrs.end)]),
  };
}
