// One X.509 certificate as the checks need it: node:crypto for the signature, validity and key;
// @peculiar/asn1-x509 for what Node does not expose (key identifiers, constraints, key usage,
// policies, the MOICA holder attributes, revocation addresses). Never trusts a name to find an
// issuer: every MOICA generation has the same subject, so chains go by key identifiers.
import { X509Certificate } from 'node:crypto';
import { AsnConvert } from '@peculiar/asn1-schema';
import * as x509 from '@peculiar/asn1-x509';

/** MOICA's own attributes (domain.md): holder type, and the last four characters of the holder's ID. */
export const MOICA_OIDS = {
  holderType: '2.16.886.1.100.2.1',
  naturalPerson: '2.16.886.1.100.3.1.1',
  idLastFour: '2.16.886.1.100.2.51',
  /** The certificate policy of MOICA citizen certificates. */
  citizenPolicy: '2.16.886.101.0.3.3',
} as const;

const OID = {
  cn: '2.5.4.3',
  serialNumber: '2.5.4.5',
  ocsp: '1.3.6.1.5.5.7.48.1',
} as const;

export interface ParsedCertificate {
  x509: X509Certificate;
  der: Buffer;
  sha256: string;
  serialHex: string;
  subjectDer: Buffer;
  issuerDer: Buffer;
  /** One line for people: the subject's attributes, as Node prints them. */
  subjectText: string;
  commonName: string | null;
  notBefore: Date;
  notAfter: Date;
  selfIssued: boolean;
  subjectKeyId: string | null;
  authorityKeyId: string | null;
  /** basicConstraints: a CA, and how many CAs may follow it (null: no limit). */
  ca: boolean;
  pathLength: number | null;
  /** keyUsage bits by name; null when the certificate has none. */
  keyUsage: { digitalSignature: boolean; keyCertSign: boolean; cRLSign: boolean } | null;
  policies: string[];
  /** MOICA holder attributes (subjectDirectoryAttributes). */
  holderType: string | null;
  idLastFour: string | null;
  crlUrls: string[];
  ocspUrls: string[];
}

export class CertificateFormatError extends Error {}

/** A certificate from PEM or DER bytes. */
export function parseCertificate(bytes: Buffer | string): ParsedCertificate {
  let cert: X509Certificate;
  try {
    cert = new X509Certificate(bytes);
  } catch (e) {
    throw new CertificateFormatError(`not an X.509 certificate (${(e as Error).message})`);
  }
  const der = cert.raw;
  const tbs = AsnConvert.parse(der, x509.Certificate).tbsCertificate;
  const ext = <T>(oid: string, type: new () => T): T | null => {
    const found = tbs.extensions?.find((e) => e.extnID === oid);
    return found ? AsnConvert.parse(found.extnValue, type) : null;
  };
  const basic = ext(x509.id_ce_basicConstraints, x509.BasicConstraints);
  const usage = ext(x509.id_ce_keyUsage, x509.KeyUsage);
  const subjectDer = Buffer.from(AsnConvert.serialize(tbs.subject));
  const issuerDer = Buffer.from(AsnConvert.serialize(tbs.issuer));
  const attributes = ext(x509.id_ce_subjectDirectoryAttributes, x509.SubjectDirectoryAttributes) ?? [];
  const attribute = (oid: string) => attributes.find((a) => a.type === oid)?.values[0];
  const holderType = attribute(MOICA_OIDS.holderType);
  const lastFour = attribute(MOICA_OIDS.idLastFour);
  const keyId = (bytes: ArrayBuffer | undefined | null) => (bytes ? Buffer.from(bytes).toString('hex') : null);
  return {
    x509: cert,
    der,
    sha256: cert.fingerprint256.replaceAll(':', '').toLowerCase(),
    serialHex: cert.serialNumber.toLowerCase().replace(/^0+(?=.)/, ''),
    subjectDer,
    issuerDer,
    subjectText: cert.subject.split('\n').join(', '),
    commonName: nameAttribute(tbs.subject, OID.cn),
    notBefore: new Date(cert.validFrom),
    notAfter: new Date(cert.validTo),
    selfIssued: subjectDer.equals(issuerDer),
    subjectKeyId: keyId(ext(x509.id_ce_subjectKeyIdentifier, x509.SubjectKeyIdentifier)?.buffer),
    authorityKeyId: keyId(ext(x509.id_ce_authorityKeyIdentifier, x509.AuthorityKeyIdentifier)?.keyIdentifier?.buffer),
    ca: basic?.cA ?? false,
    pathLength: basic?.pathLenConstraint ?? null,
    keyUsage: usage
      ? {
          digitalSignature: (usage.toNumber() & x509.KeyUsageFlags.digitalSignature) !== 0,
          keyCertSign: (usage.toNumber() & x509.KeyUsageFlags.keyCertSign) !== 0,
          cRLSign: (usage.toNumber() & x509.KeyUsageFlags.cRLSign) !== 0,
        }
      : null,
    policies: [...(ext(x509.id_ce_certificatePolicies, x509.CertificatePolicies) ?? [])].map((p) => p.policyIdentifier),
    holderType: holderType ? oidValue(holderType) : null,
    idLastFour: lastFour ? textValue(lastFour) : null,
    crlUrls: [...(ext(x509.id_ce_cRLDistributionPoints, x509.CRLDistributionPoints) ?? [])].flatMap((dp) =>
      (dp.distributionPoint?.fullName ?? []).flatMap((n) =>
        n.uniformResourceIdentifier ? [n.uniformResourceIdentifier] : [],
      ),
    ),
    ocspUrls: [...(ext(x509.id_pe_authorityInfoAccess, x509.AuthorityInfoAccessSyntax) ?? [])]
      .filter((a) => a.accessMethod === OID.ocsp)
      .flatMap((a) => (a.accessLocation.uniformResourceIdentifier ? [a.accessLocation.uniformResourceIdentifier] : [])),
  };
}

function nameAttribute(name: x509.Name, oid: string): string | null {
  for (const rdn of name) for (const a of rdn) if (a.type === oid) return a.value.toString();
  return null;
}

/** An attribute value that is a string of any of the directory string types. */
function textValue(bytes: ArrayBuffer): string {
  return AsnConvert.parse(bytes, x509.DirectoryString).toString();
}

/** An attribute value that is an OBJECT IDENTIFIER (06 len …), as dotted text. */
function oidValue(bytes: ArrayBuffer): string {
  const b = Buffer.from(bytes);
  if (b[0] !== 0x06 || b[1] !== b.length - 2) return '';
  const parts = [Math.floor(b[2]! / 40), b[2]! % 40];
  let n = 0;
  for (const byte of b.subarray(3)) {
    n = n * 128 + (byte & 0x7f);
    if ((byte & 0x80) === 0) {
      parts.push(n);
      n = 0;
    }
  }
  return parts.join('.');
}
