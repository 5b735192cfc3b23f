// The signed authorization as CMS SignedData (RFC 5652): the document's exact bytes inside, the
// card's certificate, one signer with contentType, signingTime, messageDigest and the signing
// certificate's hash (ESSCertIDv2) as signed attributes, RSA PKCS#1 v1.5 over SHA-256. The desk
// builds it around a signature the card made, and verifies it (its own, or a C3 file) from the
// received bytes: signed attributes are checked as they were sent, never re-encoded.
import { createHash, verify as verifySignature } from 'node:crypto';
import { AsnConvert, OctetString } from '@peculiar/asn1-schema';
import * as x509 from '@peculiar/asn1-x509';
import * as cms from '@peculiar/asn1-cms';
import {
  children,
  derOctets,
  derOid,
  derSequence,
  derSet,
  derUtcTime,
  readTime,
  readTlv,
  type Tlv,
} from '../cardcheck/der';
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
  if (!rawSignedAttributes(der).equals(toSign)) throw new Error('the signed attributes changed on encoding');
  return der;
}

export interface VerifiedSignedData {
  content: Buffer;
  signer: ParsedCertificate;
  /** Every certificate the file carried (intermediates for the chain). */
  certificates: ParsedCertificate[];
  signingTime: Date;
}

/** Verifies one-signer SignedData from its bytes; throws CmsError saying what failed. */
export function verifySignedData(der: Buffer): VerifiedSignedData {
  let signedData: cms.SignedData;
  try {
    const info = AsnConvert.parse(der, cms.ContentInfo);
    if (info.contentType !== cms.id_signedData) throw new CmsError('not_signed_data');
    signedData = AsnConvert.parse(info.content, cms.SignedData);
  } catch (e) {
    if (e instanceof CmsError) throw e;
    throw new CmsError('unreadable', (e as Error).message);
  }
  if (signedData.signerInfos.length !== 1) throw new CmsError('signer_count', String(signedData.signerInfos.length));
  const signer = signedData.signerInfos[0]!;
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
  const value = (type: string) => attrs.find((a) => a.attrType === type)?.attrValues[0];
  const contentBytes = Buffer.from(content);
  const digest = value(cms.id_messageDigest);
  if (!digest || !Buffer.from(AsnConvert.parse(digest, OctetString).buffer).equals(sha256(contentBytes)))
    throw new CmsError('digest_mismatch');
  const type = value(cms.id_contentType);
  if (!type || !Buffer.from(type).equals(derOid(cms.id_data))) throw new CmsError('content_type');
  const time = value(cms.id_signingTime);
  if (!time) throw new CmsError('no_signing_time');
  const timeBytes = Buffer.from(time);
  const signingTime = readTime(timeBytes, readTlv(timeBytes, 0));
  const certHash = value(OID.signingCertificateV2);
  if (certHash && !Buffer.from(certHash).includes(sha256(signerCert.der))) throw new CmsError('certificate_hash');
  const algorithm = signer.signatureAlgorithm.algorithm;
  if (algorithm !== OID.rsaEncryption && algorithm !== OID.sha256WithRsa)
    throw new CmsError('unsupported_algorithm', algorithm);
  const ok = verifySignature(
    'sha256',
    rawSignedAttributes(der),
    signerCert.x509.publicKey,
    Buffer.from(signer.signature.buffer),
  );
  if (!ok) throw new CmsError('bad_signature');
  return { content: contentBytes, signer: signerCert, certificates, signingTime };
}

/** The signer's signed attributes exactly as received, with the SET OF tag they are signed under. */
function rawSignedAttributes(der: Buffer): Buffer {
  const nth = (parent: Tlv, test: (t: Tlv) => boolean) => [...children(der, parent)].find(test);
  const contentInfo = readTlv(der, 0);
  const explicit = nth(contentInfo, (t) => t.tag === 0xa0)!;
  const signedData = readTlv(der, explicit.contentStart, explicit.end);
  const signerInfos = [...children(der, signedData)].filter((t) => t.tag === 0x31).at(-1)!;
  const signerInfo = children(der, signerInfos).next().value!;
  const attrs = nth(signerInfo, (t) => t.tag === 0xa0);
  if (!attrs) throw new CmsError('digest_mismatch', 'no signed attributes');
  return Buffer.concat([Buffer.from([0x31]), der.subarray(attrs.start + 1, attrs.end)]);
}
