// A MOICA-like PKI made by the tests (the real hierarchy is in ../shared/trust/, without keys): a
// GRCA-like root, two intermediates with the same subject name and different keys (as MOICA's
// generations are), and citizen certificates with the real attribute layout: CN the holder's name,
// serialNumber the card's 16 digits, holder type and the ID's last four in subjectDirectoryAttributes
// (UTF8String), keyUsage digitalSignature, the citizen policy, CRL and OCSP addresses.
import { createPrivateKey, createSign, generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import forge from 'node-forge';
import { AsnConvert, OctetString } from '@peculiar/asn1-schema';
import * as x509 from '@peculiar/asn1-x509';
import { MOICA_OIDS } from '../../electron/main/cardcheck/certificate';

const { asn1 } = forge;
const arrayBuffer = (b: Buffer) => b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
const DAY = 86_400_000;

export interface Issued {
  pem: string;
  der: Buffer;
  keyPem: string;
  serialHex: string;
  forge: forge.pki.Certificate;
}

export interface CitizenSpec {
  name: string;
  idNumber: string;
  cardNumber?: string;
  notBefore?: Date;
  notAfter?: Date;
  holderType?: string;
  digitalSignature?: boolean;
  issuer?: 'A' | 'B';
  highBitSerial?: boolean;
}

export interface CrlOptions {
  /** null: no nextUpdate at all. */
  nextUpdate?: Date | null;
  /** An issuingDistributionPoint: a partition list for this address. */
  partitionUrl?: string;
  delta?: boolean;
  /** A critical extension no reader knows. */
  unknownCritical?: boolean;
}

export interface MoicaPki {
  dir: string;
  anchorsDir: string;
  intermediatesDir: string;
  root: Issued;
  intermediateA: Issued;
  intermediateB: Issued;
  /** Where the citizen certificates say their CRL and OCSP responder are. */
  crlUrl: string;
  ocspUrl: string;
  citizen(spec: CitizenSpec): Issued;
  /** A responder certificate the intermediate issues for OCSP signing (or, without `forOcsp`, for something else). */
  ocspSigner(issuer: 'A' | 'B', options?: { forOcsp?: boolean }): Issued;
  /** A CRL by an intermediate listing these serials (hex). */
  crl(issuer: 'A' | 'B', revoked: { serialHex: string; at: Date }[], options?: CrlOptions): Buffer;
}

const keyPair = () =>
  generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });

const utf8 = (shortName: string, value: string) => ({ shortName, value, valueTagClass: asn1.Type.UTF8 as number });
const ROOT_SUBJECT = [
  { shortName: 'C', value: 'TW', valueTagClass: asn1.Type.PRINTABLESTRING as number },
  utf8('O', '行政院'),
  utf8('CN', 'Test Government Root Certification Authority'),
];
const INTERMEDIATE_SUBJECT = [
  { shortName: 'C', value: 'TW', valueTagClass: asn1.Type.PRINTABLESTRING as number },
  utf8('O', '行政院'),
  utf8('OU', '內政部憑證管理中心'),
];

const oid = (dotted: string) =>
  asn1.create(asn1.Class.UNIVERSAL, asn1.Type.OID, false, asn1.oidToDer(dotted).getBytes());
const seq = (...items: forge.asn1.Asn1[]) => asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, items);
const set = (...items: forge.asn1.Asn1[]) => asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SET, true, items);

interface IssueSpec {
  subject: object[];
  keys: { publicKey: string; privateKey: string };
  issuer: { issued: Issued; keyPem: string } | null;
  notBefore: Date;
  notAfter: Date;
  extensions: object[];
  /** A serial whose first byte has the high bit set (DER needs a leading 00 to keep it positive). */
  highBitSerial?: boolean;
}

function issue(spec: IssueSpec): Issued {
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(spec.keys.publicKey);
  cert.serialNumber = spec.highBitSerial
    ? `00c8${randomBytes(15).toString('hex')}`
    : `5${randomBytes(15).toString('hex')}`;
  cert.validity.notBefore = spec.notBefore;
  cert.validity.notAfter = spec.notAfter;
  cert.setSubject(spec.subject as forge.pki.CertificateField[]);
  cert.setIssuer(
    spec.issuer ? spec.issuer.issued.forge.subject.attributes : (spec.subject as forge.pki.CertificateField[]),
  );
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
  const pem = forge.pki.certificateToPem(cert);
  const der = Buffer.from(asn1.toDer(forge.pki.certificateToAsn1(cert)).getBytes(), 'binary');
  return { pem, der, keyPem: spec.keys.privateKey, serialHex: cert.serialNumber, forge: cert };
}

export function makeMoicaPki(options: { port?: number; now?: Date } = {}): MoicaPki {
  const now = options.now ?? new Date();
  const base = `http://127.0.0.1:${options.port ?? 9}`;
  const crlUrl = `${base}/crl/MOICA-T-complete.crl`;
  const ocspUrl = `${base}/OCSP`;
  const dir = mkdtempSync(join(tmpdir(), 'moica-pki-'));
  const years = (n: number) => new Date(now.getTime() + n * 365 * DAY);
  const root = issue({
    subject: ROOT_SUBJECT,
    keys: keyPair(),
    issuer: null,
    notBefore: new Date(now.getTime() - 365 * DAY),
    notAfter: years(20),
    extensions: [
      { name: 'basicConstraints', cA: true, critical: true },
      { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    ],
  });
  const intermediate = () => {
    const keys = keyPair();
    const issued = issue({
      subject: INTERMEDIATE_SUBJECT,
      keys,
      issuer: { issued: root, keyPem: root.keyPem },
      notBefore: new Date(now.getTime() - 365 * DAY),
      notAfter: years(10),
      extensions: [
        { name: 'basicConstraints', cA: true, pathLenConstraint: 0, critical: true },
        { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
      ],
    });
    return issued;
  };
  const intermediateA = intermediate();
  const intermediateB = intermediate();
  const anchorsDir = join(dir, 'anchors');
  const intermediatesDir = join(dir, 'intermediates');
  mkdirSync(anchorsDir);
  mkdirSync(intermediatesDir);
  writeFileSync(join(anchorsDir, 'test-root.pem'), root.pem);
  writeFileSync(join(intermediatesDir, 'moica-a.pem'), intermediateA.pem);
  writeFileSync(join(intermediatesDir, 'moica-b.pem'), intermediateB.pem);
  const issuers = { A: intermediateA, B: intermediateB };

  const citizen = (spec: CitizenSpec): Issued => {
    const holder = seq(
      seq(oid(MOICA_OIDS.holderType), set(oid(spec.holderType ?? MOICA_OIDS.naturalPerson))),
      seq(
        oid(MOICA_OIDS.idLastFour),
        set(asn1.create(asn1.Class.UNIVERSAL, asn1.Type.UTF8, false, spec.idNumber.slice(-4))),
      ),
    );
    const issuer = issuers[spec.issuer ?? 'A'];
    return issue({
      subject: [
        { shortName: 'C', value: 'TW', valueTagClass: asn1.Type.PRINTABLESTRING as number },
        utf8('CN', spec.name),
        {
          type: '2.5.4.5',
          value: spec.cardNumber ?? '1234567890123456',
          valueTagClass: asn1.Type.PRINTABLESTRING as number,
        },
      ],
      keys: keyPair(),
      issuer: { issued: issuer, keyPem: issuer.keyPem },
      highBitSerial: spec.highBitSerial,
      notBefore: spec.notBefore ?? new Date(now.getTime() - 30 * DAY),
      notAfter: spec.notAfter ?? years(5),
      extensions: [
        {
          name: 'keyUsage',
          critical: true,
          digitalSignature: spec.digitalSignature ?? true,
          keyEncipherment: spec.digitalSignature === false,
        },
        { id: '2.5.29.32', value: seq(seq(oid(MOICA_OIDS.citizenPolicy))) },
        { name: 'cRLDistributionPoints', altNames: [{ type: 6, value: crlUrl }] },
        {
          id: '1.3.6.1.5.5.7.1.1',
          value: seq(seq(oid('1.3.6.1.5.5.7.48.1'), asn1.create(asn1.Class.CONTEXT_SPECIFIC, 6, false, ocspUrl))),
        },
        { id: '2.5.29.9', value: holder },
      ],
    });
  };

  const crl = (issuerName: 'A' | 'B', revoked: { serialHex: string; at: Date }[], opts: CrlOptions = {}) => {
    const issuer = issuers[issuerName];
    const issuerCert = AsnConvert.parse(issuer.der, x509.Certificate).tbsCertificate;
    const algorithm = new x509.AlgorithmIdentifier({ algorithm: '1.2.840.113549.1.1.11', parameters: null });
    const extension = (extnID: string, critical: boolean, value: ArrayBuffer) =>
      new x509.Extension({ extnID, critical, extnValue: new OctetString(value) });
    const extensions = [
      ...(opts.partitionUrl
        ? [
            extension(
              x509.id_ce_issuingDistributionPoint,
              true,
              AsnConvert.serialize(
                new x509.IssuingDistributionPoint({
                  distributionPoint: new x509.DistributionPointName({
                    fullName: [new x509.GeneralName({ uniformResourceIdentifier: opts.partitionUrl })],
                  }),
                }),
              ),
            ),
          ]
        : []),
      ...(opts.delta ? [extension(x509.id_ce_deltaCRLIndicator, true, new Uint8Array([2, 1, 1]).buffer)] : []),
      ...(opts.unknownCritical ? [extension('1.3.6.1.4.1.99999.1', true, new Uint8Array([5, 0]).buffer)] : []),
    ];
    const nextUpdate = opts.nextUpdate === undefined ? new Date(now.getTime() + 7 * DAY) : opts.nextUpdate;
    const tbs = new x509.TBSCertList({
      version: x509.Version.v2,
      signature: algorithm,
      issuer: issuerCert.subject,
      thisUpdate: new x509.Time({ utcTime: new Date(now.getTime() - 3600_000) }),
      nextUpdate: nextUpdate ? new x509.Time({ utcTime: nextUpdate }) : undefined,
      revokedCertificates: revoked.length
        ? revoked.map(
            (r) =>
              new x509.RevokedCertificate({
                userCertificate: arrayBuffer(
                  Buffer.from(r.serialHex.length % 2 ? `0${r.serialHex}` : r.serialHex, 'hex'),
                ),
                revocationDate: new x509.Time({ utcTime: r.at }),
              }),
          )
        : undefined,
      crlExtensions: extensions.length ? extensions : undefined,
    });
    const tbsDer = Buffer.from(AsnConvert.serialize(tbs));
    const signature = createSign('sha256').update(tbsDer).sign(createPrivateKey(issuer.keyPem));
    const list = new x509.CertificateList({
      tbsCertList: tbs,
      signatureAlgorithm: algorithm,
      signature: arrayBuffer(signature),
    });
    return Buffer.from(AsnConvert.serialize(list));
  };

  const ocspSigner = (issuerName: 'A' | 'B', opts: { forOcsp?: boolean } = {}) => {
    const issuer = issuers[issuerName];
    return issue({
      subject: [{ shortName: 'C', value: 'TW' }, utf8('CN', 'Test MOICA OCSP Responder')],
      keys: keyPair(),
      issuer: { issued: issuer, keyPem: issuer.keyPem },
      notBefore: new Date(now.getTime() - DAY),
      notAfter: years(1),
      extensions: [
        { name: 'keyUsage', critical: true, digitalSignature: true },
        opts.forOcsp === false
          ? { name: 'extKeyUsage', clientAuth: true }
          : { name: 'extKeyUsage', '1.3.6.1.5.5.7.3.9': true },
      ],
    });
  };

  return {
    dir,
    anchorsDir,
    intermediatesDir,
    root,
    intermediateA,
    intermediateB,
    crlUrl,
    ocspUrl,
    citizen,
    crl,
    ocspSigner,
  };
}
