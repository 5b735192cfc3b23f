// The sandbox's own test PKI, made on first run: a CA, the server's certificate, the bank's client
// certificate and the key that signs every response. The bank's side gets the CA and its client
// bundle; the CA key never leaves <dir>/private.
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import forge from 'node-forge';

export interface SandboxPki {
  caCert: string;
  serverCert: string;
  serverKey: string;
  signerCert: string;
  signerKey: string;
}

export const BANK_FILES = {
  ca: 'jcic-ca.pem',
  clientCert: 'bank-client.pem',
  clientKey: 'bank-client-key.pem',
} as const;

function keyPair() {
  return generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
}

interface Issue {
  cn: string;
  publicKeyPem: string;
  issuer: { cert: forge.pki.Certificate; keyPem: string } | null;
  selfKeyPem?: string;
  years: number;
  extensions: object[];
}

function issue(spec: Issue): forge.pki.Certificate {
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(spec.publicKeyPem);
  cert.serialNumber = `01${randomBytes(15).toString('hex')}`;
  cert.validity.notBefore = new Date(Date.now() - 60 * 60 * 1000);
  cert.validity.notAfter = new Date(Date.now() + spec.years * 365 * 24 * 3600 * 1000);
  const subject = [
    { name: 'countryName', value: 'TW' },
    { name: 'organizationName', value: 'JCIC Sandbox (training only)' },
    { name: 'commonName', value: spec.cn },
  ];
  cert.setSubject(subject);
  cert.setIssuer(spec.issuer ? spec.issuer.cert.subject.attributes : subject);
  cert.setExtensions([...spec.extensions, { name: 'subjectKeyIdentifier' }]);
  const signingKey = forge.pki.privateKeyFromPem(spec.issuer ? spec.issuer.keyPem : spec.selfKeyPem!);
  cert.sign(signingKey, forge.md.sha256.create());
  return cert;
}

const pem = (cert: forge.pki.Certificate) => forge.pki.certificateToPem(cert);

/** Loads the PKI from `dir`, creating it (and the bank's files) on first run. */
export function ensurePki(dir: string): SandboxPki {
  const priv = join(dir, 'private');
  const file = (name: string) => join(priv, name);
  if (!existsSync(file('server.pem'))) {
    mkdirSync(priv, { recursive: true, mode: 0o700 });
    const caKeys = keyPair();
    const ca = issue({
      cn: 'JCIC Sandbox Test CA',
      publicKeyPem: caKeys.publicKey,
      issuer: null,
      selfKeyPem: caKeys.privateKey,
      years: 10,
      extensions: [
        { name: 'basicConstraints', cA: true, critical: true },
        { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
      ],
    });
    const caIssuer = { cert: ca, keyPem: caKeys.privateKey };
    const serverKeys = keyPair();
    const server = issue({
      cn: 'jcic-sandbox.local',
      publicKeyPem: serverKeys.publicKey,
      issuer: caIssuer,
      years: 5,
      extensions: [
        { name: 'basicConstraints', cA: false },
        { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
        { name: 'extKeyUsage', serverAuth: true },
        {
          name: 'subjectAltName',
          altNames: [
            { type: 7, ip: '127.0.0.1' },
            { type: 2, value: 'localhost' },
          ],
        },
      ],
    });
    const clientKeys = keyPair();
    const client = issue({
      cn: 'Bank client (sandbox)',
      publicKeyPem: clientKeys.publicKey,
      issuer: caIssuer,
      years: 5,
      extensions: [
        { name: 'basicConstraints', cA: false },
        { name: 'keyUsage', digitalSignature: true, critical: true },
        { name: 'extKeyUsage', clientAuth: true },
      ],
    });
    const signerKeys = keyPair();
    const signer = issue({
      cn: 'JCIC Sandbox Response Signer',
      publicKeyPem: signerKeys.publicKey,
      issuer: caIssuer,
      years: 5,
      extensions: [
        { name: 'basicConstraints', cA: false },
        { name: 'keyUsage', digitalSignature: true, critical: true },
      ],
    });
    writeFileSync(file('ca-key.pem'), caKeys.privateKey, { mode: 0o600 });
    writeFileSync(file('server-key.pem'), serverKeys.privateKey, { mode: 0o600 });
    writeFileSync(file('signer-key.pem'), signerKeys.privateKey, { mode: 0o600 });
    writeFileSync(file('signer.pem'), pem(signer));
    writeFileSync(file('ca.pem'), pem(ca));
    // The bank's side: the CA to pin and the client bundle.
    writeFileSync(join(dir, BANK_FILES.ca), pem(ca));
    writeFileSync(join(dir, BANK_FILES.clientCert), pem(client));
    writeFileSync(join(dir, BANK_FILES.clientKey), clientKeys.privateKey, { mode: 0o600 });
    writeFileSync(file('server.pem'), pem(server)); // written last: its presence means "complete"
  }
  return {
    caCert: readFileSync(file('ca.pem'), 'utf8'),
    serverCert: readFileSync(file('server.pem'), 'utf8'),
    serverKey: readFileSync(file('server-key.pem'), 'utf8'),
    signerCert: readFileSync(file('signer.pem'), 'utf8'),
    signerKey: readFileSync(file('signer-key.pem'), 'utf8'),
  };
}
