// A C3-like PKI for the tests: a commercial root and issuing CA (not MOICA's names), customer
// certificates naming the holder by CN and the whole ID number in serialNumber, and signed C3
// authorization files made as the bank's online channel would (the authorization document in a CMS
// signed with the customer's software key).
import { constants, createPrivateKey, privateEncrypt } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import forge from 'node-forge';
import {
  CA_EXTENSIONS,
  DAY_MS,
  issueCertificate,
  rsaKeyPair,
  utf8,
  type Issued,
  type NameField,
} from '../../electron/main/esign/training/moica-like-certs';
import { buildSignedData } from '../../electron/main/esign/cms';
import { parseCertificate } from '../../electron/main/cardcheck/certificate';
import { authorizationDocument, type AuthorizationFacts } from '../../common/domain/authorization-document';

const printable = (type: string, value: string): NameField => ({
  type,
  value,
  valueTagClass: forge.asn1.Type.PRINTABLESTRING as number,
});

export interface C3Pki {
  issuing: Issued;
  anchorsDir: string;
  intermediatesDir: string;
  customer(spec: { name: string; idNumber: string; notAfter?: Date }): Issued;
}

export function makeC3Pki(options: { ocspUrl?: string; now?: Date } = {}): C3Pki {
  const now = options.now ?? new Date();
  const dir = mkdtempSync(join(tmpdir(), 'c3-pki-'));
  const root = issueCertificate({
    subject: [printable('2.5.4.6', 'TW'), utf8('O', 'Test Commercial CA'), utf8('CN', 'Test C3 Root CA')],
    keys: rsaKeyPair(),
    issuer: null,
    notBefore: new Date(now.getTime() - 365 * DAY_MS),
    notAfter: new Date(now.getTime() + 20 * 365 * DAY_MS),
    extensions: CA_EXTENSIONS(),
  });
  const issuing = issueCertificate({
    subject: [printable('2.5.4.6', 'TW'), utf8('O', 'Test Commercial CA'), utf8('CN', 'Test C3 Issuing CA')],
    keys: rsaKeyPair(),
    issuer: { issued: root, keyPem: root.keyPem },
    notBefore: new Date(now.getTime() - 365 * DAY_MS),
    notAfter: new Date(now.getTime() + 10 * 365 * DAY_MS),
    extensions: CA_EXTENSIONS(0),
  });
  const anchorsDir = join(dir, 'anchors');
  const intermediatesDir = join(dir, 'intermediates');
  mkdirSync(anchorsDir);
  mkdirSync(intermediatesDir);
  writeFileSync(join(anchorsDir, 'c3-root.pem'), root.pem);
  writeFileSync(join(intermediatesDir, 'c3-issuing.pem'), issuing.pem);
  return {
    issuing,
    anchorsDir,
    intermediatesDir,
    customer: (spec) =>
      issueCertificate({
        subject: [printable('2.5.4.6', 'TW'), utf8('CN', spec.name), printable('2.5.4.5', spec.idNumber)],
        keys: rsaKeyPair(),
        issuer: { issued: issuing, keyPem: issuing.keyPem },
        notBefore: new Date(now.getTime() - 30 * DAY_MS),
        notAfter: spec.notAfter ?? new Date(now.getTime() + 365 * DAY_MS),
        extensions: [
          { name: 'keyUsage', critical: true, digitalSignature: true },
          ...(options.ocspUrl
            ? [
                {
                  id: '1.3.6.1.5.5.7.1.1',
                  value: forge.asn1.create(forge.asn1.Class.UNIVERSAL, forge.asn1.Type.SEQUENCE, true, [
                    forge.asn1.create(forge.asn1.Class.UNIVERSAL, forge.asn1.Type.SEQUENCE, true, [
                      forge.asn1.create(
                        forge.asn1.Class.UNIVERSAL,
                        forge.asn1.Type.OID,
                        false,
                        forge.asn1.oidToDer('1.3.6.1.5.5.7.48.1').getBytes(),
                      ),
                      forge.asn1.create(forge.asn1.Class.CONTEXT_SPECIFIC, 6, false, options.ocspUrl),
                    ]),
                  ]),
                },
              ]
            : []),
        ],
      }),
  };
}

/** The file the online channel gives the bank: the document signed with the customer's key. */
export function c3File(
  cert: Issued,
  facts: Partial<AuthorizationFacts> & Pick<AuthorizationFacts, 'subjectIdNumber' | 'subjectName'>,
  signingTime = new Date(),
): Promise<Buffer> {
  const today = signingTime.toISOString().slice(0, 10);
  const document = authorizationDocument({
    caseId: 0,
    role: 'borrower',
    purpose: 'credit',
    products: ['T50', 'T51'],
    validFrom: today,
    validUntil: new Date(signingTime.getTime() + 30 * DAY_MS).toISOString().slice(0, 10),
    bankCode: '004',
    branchCode: '0123',
    issuedAt: signingTime.toISOString(),
    deskId: 'online-channel',
    ...facts,
  });
  const key = createPrivateKey(cert.keyPem);
  return buildSignedData({
    content: document,
    cert: parseCertificate(cert.der),
    signingTime,
    sign: (digestInfo) => Promise.resolve(privateEncrypt({ key, padding: constants.RSA_PKCS1_PADDING }, digestInfo)),
  });
}
