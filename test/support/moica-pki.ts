// A MOICA-like PKI made by the tests (the real hierarchy is in ../shared/trust/, without keys): a
// GRCA-like root, two intermediates with the same subject name and different keys (as MOICA's
// generations are), and citizen certificates with the real attribute layout: CN the holder's name,
// serialNumber the card's 16 digits, holder type and the ID's last four in subjectDirectoryAttributes
// (UTF8String), keyUsage digitalSignature, the citizen policy, CRL and OCSP addresses.
import { createPrivateKey, createSign } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AsnConvert, OctetString } from '@peculiar/asn1-schema';
import * as x509 from '@peculiar/asn1-x509';
import {
  CA_EXTENSIONS,
  citizenExtensions,
  citizenSubject,
  DAY_MS as DAY,
  INTERMEDIATE_SUBJECT,
  issueCertificate as issue,
  rootSubject,
  rsaKeyPair as keyPair,
  utf8,
  type Issued,
} from '../../electron/main/esign/training/moica-like-certs';

export type { Issued };
const arrayBuffer = (b: Buffer) => b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;

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
  /** A CRL by an intermediate (or, 'root', the root's list of CA certificates) listing these serials (hex). */
  crl(issuer: 'A' | 'B' | 'root', revoked: { serialHex: string; at: Date }[], options?: CrlOptions): Buffer;
  /** Where the intermediates say the root's list of CA certificates is (with `caCrl`). */
  caCrlUrl: string;
}

/** caCrl: the intermediates name the root's list (as real MOICA CA certificates name GRCA's). */
export function makeMoicaPki(options: { port?: number; now?: Date; caCrl?: boolean } = {}): MoicaPki {
  const now = options.now ?? new Date();
  const base = `http://127.0.0.1:${options.port ?? 9}`;
  const crlUrl = `${base}/crl/MOICA-T-complete.crl`;
  const ocspUrl = `${base}/OCSP`;
  const caCrlUrl = `${base}/crl/GRCA-T.crl`;
  const dir = mkdtempSync(join(tmpdir(), 'moica-pki-'));
  const years = (n: number) => new Date(now.getTime() + n * 365 * DAY);
  const root = issue({
    subject: rootSubject('Test Government Root Certification Authority'),
    keys: keyPair(),
    issuer: null,
    notBefore: new Date(now.getTime() - 365 * DAY),
    notAfter: years(20),
    extensions: CA_EXTENSIONS(),
  });
  const intermediate = () =>
    issue({
      subject: INTERMEDIATE_SUBJECT,
      keys: keyPair(),
      issuer: { issued: root, keyPem: root.keyPem },
      notBefore: new Date(now.getTime() - 365 * DAY),
      notAfter: years(10),
      extensions: [
        ...CA_EXTENSIONS(0),
        ...(options.caCrl ? [{ name: 'cRLDistributionPoints', altNames: [{ type: 6, value: caCrlUrl }] }] : []),
      ],
    });
  const intermediateA = intermediate();
  const intermediateB = intermediate();
  const anchorsDir = join(dir, 'anchors');
  const intermediatesDir = join(dir, 'intermediates');
  mkdirSync(anchorsDir);
  mkdirSync(intermediatesDir);
  writeFileSync(join(anchorsDir, 'test-root.pem'), root.pem);
  writeFileSync(join(intermediatesDir, 'moica-a.pem'), intermediateA.pem);
  writeFileSync(join(intermediatesDir, 'moica-b.pem'), intermediateB.pem);
  const issuers = { A: intermediateA, B: intermediateB, root };

  const citizen = (spec: CitizenSpec): Issued => {
    const issuer = issuers[spec.issuer ?? 'A'];
    const fields = { ...spec, cardNumber: spec.cardNumber ?? '1234567890123456', crlUrl, ocspUrl };
    return issue({
      subject: citizenSubject(fields),
      keys: keyPair(),
      issuer: { issued: issuer, keyPem: issuer.keyPem },
      highBitSerial: spec.highBitSerial,
      notBefore: spec.notBefore ?? new Date(now.getTime() - 30 * DAY),
      notAfter: spec.notAfter ?? years(5),
      extensions: citizenExtensions(fields),
    });
  };

  const crl = (issuerName: 'A' | 'B' | 'root', revoked: { serialHex: string; at: Date }[], opts: CrlOptions = {}) => {
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
      subject: [rootSubject('')[0]!, utf8('CN', 'Test MOICA OCSP Responder')],
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
    caCrlUrl,
    citizen,
    crl,
    ocspSigner,
  };
}
