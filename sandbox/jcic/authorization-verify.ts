// How the sandbox JCIC checks an authorization signed with a MOICA card or a C3 certificate, on its own (it shares no
// code with the desk, as JCIC would not): the CMS's signature over its signed attributes, the
// content's digest, the signer's chain to the sandbox's test anchors (by issuer and key), the signing
// time within the certificate's validity and the authorization's period, the certificate's last
// four ID characters (MOICA) or whole ID number (C3) against the subject the bank names, and the
// signed document against the request: the same person, role, purpose and bank, and every product
// asked for among those the customer authorized.
import { createHash, verify, X509Certificate } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AsnConvert, OctetString } from '@peculiar/asn1-schema';
import * as x509 from '@peculiar/asn1-x509';
import * as cms from '@peculiar/asn1-cms';

export type EsignRejection =
  'signature-invalid' | 'signer-untrusted' | 'signed-outside-validity' | 'subject-mismatch' | 'document-mismatch';

/** What the request says, to be found in the signed document. */
export interface RequestFacts {
  subjectId: string;
  role: string;
  purpose: string;
  products: string[];
  bankCode: string;
}

const LAST_FOUR = '2.16.886.1.100.2.51';
const SERIAL_NUMBER = '2.5.4.5';

/** Every certificate in the directories (roots and intermediates alike). */
export function loadTrust(dirs: string[]): X509Certificate[] {
  return dirs.flatMap((dir) =>
    readdirSync(dir)
      .filter((n) => /\.(pem|crt|cer)$/i.test(n))
      .flatMap((n) =>
        (
          readFileSync(join(dir, n), 'latin1').match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ??
          []
        ).map((pem) => new X509Certificate(pem)),
      ),
  );
}

export function verifySignedAuthorization(
  der: Buffer,
  expect: RequestFacts & { method: 'moica' | 'c3'; signedOn: string; validUntil: string; trust: X509Certificate[] },
): EsignRejection | null {
  let signedData: cms.SignedData;
  try {
    signedData = AsnConvert.parse(AsnConvert.parse(der, cms.ContentInfo).content, cms.SignedData);
  } catch {
    return 'signature-invalid';
  }
  const signer = signedData.signerInfos[0];
  const content = signedData.encapContentInfo.eContent?.single?.buffer;
  const certificate = signedData.certificates?.[0]?.certificate;
  if (signedData.signerInfos.length !== 1 || !signer || !content || !certificate || !signer.signedAttrs)
    return 'signature-invalid';
  const cert = new X509Certificate(Buffer.from(AsnConvert.serialize(certificate)));
  const attr = (type: string) => signer.signedAttrs!.find((a) => a.attrType === type)?.attrValues[0];
  const digest = attr(cms.id_messageDigest);
  const wanted = createHash('sha256').update(Buffer.from(content)).digest();
  if (!digest || !Buffer.from(AsnConvert.parse(digest, OctetString).buffer).equals(wanted)) return 'signature-invalid';
  // The signed attributes as a DER SET OF (what the card signed).
  const items = signer.signedAttrs.map((a) => Buffer.from(AsnConvert.serialize(a))).sort(Buffer.compare);
  const body = Buffer.concat(items);
  const n = body.length;
  const length = Buffer.from(n < 0x80 ? [n] : n < 0x100 ? [0x81, n] : [0x82, n >> 8, n & 0xff]);
  const signedBytes = Buffer.concat([Buffer.from([0x31]), length, body]);
  if (!verify('sha256', signedBytes, cert.publicKey, Buffer.from(signer.signature.buffer))) return 'signature-invalid';

  if (!chainsToTrust(cert, expect.trust)) return 'signer-untrusted';
  const time = attr(cms.id_signingTime);
  const signedAt = time ? AsnConvert.parse(time, x509.Time).getTime() : null;
  const day = signedAt ? new Date(signedAt.getTime() + 8 * 3600_000).toISOString().slice(0, 10) : null;
  if (
    !signedAt ||
    signedAt < new Date(cert.validFrom) ||
    signedAt > new Date(cert.validTo) ||
    day! < expect.signedOn ||
    day! > expect.validUntil
  )
    return 'signed-outside-validity';
  const tbs = AsnConvert.parse(cert.raw, x509.Certificate).tbsCertificate;
  // A C3 certificate names its holder by the whole ID number in the subject's serialNumber.
  if (expect.method === 'c3') {
    const serial = tbs.subject
      .flat()
      .find((a) => a.type === SERIAL_NUMBER)
      ?.value.toString();
    if (serial?.toUpperCase() !== expect.subjectId.toUpperCase()) return 'subject-mismatch';
    return documentMatches(Buffer.from(content), expect) ? null : 'document-mismatch';
  }
  const sda = tbs.extensions?.find((e) => e.extnID === x509.id_ce_subjectDirectoryAttributes);
  const lastFour = sda
    ? AsnConvert.parse(sda.extnValue, x509.SubjectDirectoryAttributes).find((a) => a.type === LAST_FOUR)?.values[0]
    : undefined;
  const digits = lastFour ? AsnConvert.parse(lastFour, x509.DirectoryString).toString() : null;
  if (!digits || digits.toUpperCase() !== expect.subjectId.slice(-4).toUpperCase()) return 'subject-mismatch';
  return documentMatches(Buffer.from(content), expect) ? null : 'document-mismatch';
}

/** The signed document (UTF-8 JSON, docs/jcic-message-contract.md) names what the request asks. */
function documentMatches(content: Buffer, expect: RequestFacts): boolean {
  let doc: {
    subject?: { idNumber?: unknown };
    role?: unknown;
    purpose?: unknown;
    products?: unknown;
    bank?: { bankCode?: unknown };
  };
  try {
    doc = JSON.parse(content.toString('utf8')) as typeof doc;
  } catch {
    return false;
  }
  const products = Array.isArray(doc.products) ? doc.products : [];
  return (
    typeof doc.subject?.idNumber === 'string' &&
    doc.subject.idNumber.toUpperCase() === expect.subjectId.toUpperCase() &&
    doc.role === expect.role &&
    doc.purpose === expect.purpose &&
    doc.bank?.bankCode === expect.bankCode &&
    expect.products.every((p) => products.includes(p))
  );
}

/** Up through issuers (name and key identifier, then signature) to a self-signed trusted root. */
function chainsToTrust(cert: X509Certificate, trust: X509Certificate[]): boolean {
  let current = cert;
  for (let depth = 0; depth < 5; depth++) {
    const issuer = trust.find((t) => current.checkIssued(t) && current.verify(t.publicKey));
    if (!issuer) return false;
    if (issuer.checkIssued(issuer) && issuer.verify(issuer.publicKey)) return true;
    current = issuer;
  }
  return false;
}
