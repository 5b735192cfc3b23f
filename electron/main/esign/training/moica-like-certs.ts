// Certificates laid out as MOICA's are, for the training card (and the tests' PKI): a root, an
// intermediate with MOICA's subject name, and citizen certificates with CN the holder's name,
// serialNumber the card number, holder type and the ID's last four in subjectDirectoryAttributes
// (UTF8String), keyUsage digitalSignature and the citizen policy. Never used for a real customer.
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import forge from 'node-forge';
import { MOICA_OIDS } from '../../cardcheck/certificate';

const { asn1 } = forge;
export const DAY_MS = 86_400_000;

export interface Issued {
  pem: string;
  der: Buffer;
  keyPem: string;
  serialHex: string;
  forge: forge.pki.Certificate;
  /** The subject as it was given (forge re-encodes UTF8 names it has parsed, so an issuer's name
   * is always written from this). */
  subject: NameField[];
}

export type NameField = { shortName?: string; type?: string; value: string; valueTagClass: number };

export const utf8 = (shortName: string, value: string): NameField => ({
  shortName,
  value,
  valueTagClass: asn1.Type.UTF8 as number,
});
const printable = (field: { shortName?: string; type?: string }, value: string): NameField => ({
  ...field,
  value,
  valueTagClass: asn1.Type.PRINTABLESTRING as number,
});

export const rootSubject = (commonName: string): NameField[] => [
  printable({ shortName: 'C' }, 'TW'),
  utf8('O', '行政院'),
  utf8('CN', commonName),
];
/** Every MOICA generation has this one subject name; only key identifiers tell them apart. */
export const INTERMEDIATE_SUBJECT: NameField[] = [
  printable({ shortName: 'C' }, 'TW'),
  utf8('O', '行政院'),
  utf8('OU', '內政部憑證管理中心'),
];

export const rsaKeyPair = () =>
  generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });

export const oid = (dotted: string) =>
  asn1.create(asn1.Class.UNIVERSAL, asn1.Type.OID, false, asn1.oidToDer(dotted).getBytes());
export const seq = (...items: forge.asn1.Asn1[]) => asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, items);
const set = (...items: forge.asn1.Asn1[]) => asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SET, true, items);

export interface IssueSpec {
  subject: NameField[];
  keys: { publicKey: string; privateKey: string };
  /** null: self-signed. */
  issuer: { issued: Issued; keyPem: string } | null;
  notBefore: Date;
  notAfter: Date;
  extensions: object[];
  /** A serial whose first byte has the high bit set (DER needs a leading 00 to keep it positive). */
  highBitSerial?: boolean;
}

export function issueCertificate(spec: IssueSpec): Issued {
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(spec.keys.publicKey);
  cert.serialNumber = spec.highBitSerial
    ? `00c8${randomBytes(15).toString('hex')}`
    : `5${randomBytes(15).toString('hex')}`;
  cert.validity.notBefore = spec.notBefore;
  cert.validity.notAfter = spec.notAfter;
  cert.setSubject(spec.subject as forge.pki.CertificateField[]);
  cert.setIssuer((spec.issuer ? spec.issuer.issued.subject : spec.subject) as forge.pki.CertificateField[]);
  const issuerKeyId = spec.issuer
    ? spec.issuer.issued.forge.generateSubjectKeyIdentifier().getBytes()
    : cert.generateSubjectKeyIdentifier().getBytes();
  cert.setExtensions([
    ...spec.extensions,
    { name: 'subjectKeyIdentifier' },
    ...(spec.issuer ? [{ name: 'authorityKeyIdentifier', keyIdentifier: issuerKeyId }] : []),
  ]);
  cert.sign(
    forge.pki.privateKeyFromPem(spec.issuer ? spec.issuer.keyPem : spec.keys.privateKey),
    forge.md.sha256.create(),
  );
  return fromForge(cert, spec.keys.privateKey, spec.subject);
}

export function fromForge(cert: forge.pki.Certificate, keyPem: string, subject: NameField[]): Issued {
  const pem = forge.pki.certificateToPem(cert);
  const der = Buffer.from(asn1.toDer(forge.pki.certificateToAsn1(cert)).getBytes(), 'binary');
  return { pem, der, keyPem, serialHex: cert.serialNumber, forge: cert, subject };
}

export const CA_EXTENSIONS = (pathLenConstraint?: number) => [
  {
    name: 'basicConstraints',
    cA: true,
    critical: true,
    ...(pathLenConstraint === undefined ? {} : { pathLenConstraint }),
  },
  { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
];

export interface CitizenFields {
  name: string;
  idNumber: string;
  cardNumber: string;
  holderType?: string;
  digitalSignature?: boolean;
  /** Where the certificate says its CRL and OCSP responder are (none: the training card). */
  crlUrl?: string;
  ocspUrl?: string;
}

export const citizenSubject = (c: CitizenFields): NameField[] => [
  printable({ shortName: 'C' }, 'TW'),
  utf8('CN', c.name),
  printable({ type: '2.5.4.5' }, c.cardNumber),
];

export function citizenExtensions(c: CitizenFields): object[] {
  const holder = seq(
    seq(oid(MOICA_OIDS.holderType), set(oid(c.holderType ?? MOICA_OIDS.naturalPerson))),
    seq(
      oid(MOICA_OIDS.idLastFour),
      set(asn1.create(asn1.Class.UNIVERSAL, asn1.Type.UTF8, false, c.idNumber.slice(-4))),
    ),
  );
  return [
    {
      name: 'keyUsage',
      critical: true,
      digitalSignature: c.digitalSignature ?? true,
      keyEncipherment: c.digitalSignature === false,
    },
    { id: '2.5.29.32', value: seq(seq(oid(MOICA_OIDS.citizenPolicy))) },
    ...(c.crlUrl ? [{ name: 'cRLDistributionPoints', altNames: [{ type: 6, value: c.crlUrl }] }] : []),
    ...(c.ocspUrl
      ? [
          {
            id: '1.3.6.1.5.5.7.1.1',
            value: seq(seq(oid('1.3.6.1.5.5.7.48.1'), asn1.create(asn1.Class.CONTEXT_SPECIFIC, 6, false, c.ocspUrl))),
          },
        ]
      : []),
    { id: '2.5.29.9', value: holder },
  ];
}
