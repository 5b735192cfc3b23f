// A JCIC that lies: a real HTTPS server with mutual TLS, on the sandbox's own test PKI (so the desk
// connects to it as to JCIC), answering every request correctly unless the test tells it to spoil
// the answer: unsigned, badly signed, signed by another CA or an expired signer, for another
// submission, dated out of time, replaying an earlier answer, or with a body the test supplies.
import { createServer, type Server } from 'node:https';
import { generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import forge from 'node-forge';
import { BANK_FILES, ensurePki } from '../../sandbox/jcic/pki';
import { sampleT50 } from '../../sandbox/jcic/sample-data';

export type Spoil =
  | 'none'
  | 'unsigned'
  | 'bad-signature'
  | 'other-ca'
  | 'expired-signer'
  | 'other-submission'
  | 'far-future'
  | 'before-request'
  | 'replay';

export interface HostileJcic {
  endpoint: string;
  files: { clientCertificate: string; clientKey: string; caCertificate: string };
  /** How the next answers to each kind of request are spoiled ('none' by default). */
  spoil: Partial<Record<'submit' | 'status' | 'results' | 'ack', Spoil>>;
  /** What the review says when asked (approved by default). */
  reviewStatus: 'under_review' | 'approved';
  /** When set, the results answer carries this body (before signing). */
  resultsBody: ((submissionId: string) => unknown) | null;
  /** When set and it returns bytes, they are the answer's whole body, signed as they are (fuzzing). */
  rawAnswer:
    ((kind: 'submit' | 'status' | 'results' | 'ack', requestId: string, submissionId: string) => Buffer | null) | null;
  /** Submissions received, by id. */
  received: Map<string, unknown>;
  close(): Promise<void>;
}

interface Signer {
  certPem: string;
  keyPem: string;
}

/** A signer certificate issued by `ca` (its PEM and key), valid from `from` for `days`. */
function issueSigner(caCertPem: string, caKeyPem: string, from: Date, days: number): Signer {
  const keys = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  const ca = forge.pki.certificateFromPem(caCertPem);
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(keys.publicKey);
  cert.serialNumber = `02${randomBytes(15).toString('hex')}`;
  cert.validity.notBefore = from;
  cert.validity.notAfter = new Date(from.getTime() + days * 86_400_000);
  cert.setSubject([{ name: 'commonName', value: 'Hostile signer' }]);
  cert.setIssuer(ca.subject.attributes);
  cert.sign(forge.pki.privateKeyFromPem(caKeyPem), forge.md.sha256.create());
  return { certPem: forge.pki.certificateToPem(cert), keyPem: keys.privateKey };
}

export async function startHostileJcic(): Promise<HostileJcic> {
  const dir = mkdtempSync(join(tmpdir(), 'hostile-jcic-'));
  const pki = ensurePki(dir);
  const caKey = readFileSync(join(dir, 'private', 'ca-key.pem'), 'utf8');
  const good: Signer = { certPem: pki.signerCert, keyPem: pki.signerKey };
  const expired = issueSigner(pki.caCert, caKey, new Date(Date.now() - 400 * 86_400_000), 30);
  const otherPki = ensurePki(mkdtempSync(join(tmpdir(), 'other-ca-')));
  const foreign: Signer = { certPem: otherPki.signerCert, keyPem: otherPki.signerKey };
  const earlier = new Map<string, Buffer>();
  const state: HostileJcic = {
    endpoint: '',
    files: {
      clientCertificate: join(dir, BANK_FILES.clientCert),
      clientKey: join(dir, BANK_FILES.clientKey),
      caCertificate: join(dir, BANK_FILES.ca),
    },
    spoil: {},
    reviewStatus: 'approved',
    resultsBody: null,
    rawAnswer: null,
    received: new Map(),
    close: async () => undefined,
  };

  function answer(
    req: IncomingMessage,
    res: ServerResponse,
    kind: 'submit' | 'status' | 'results' | 'ack',
    status: number,
    payload: Record<string, unknown>,
  ): void {
    const spoil = state.spoil[kind] ?? 'none';
    const requestId = String(req.headers['x-jcic-request-id'] ?? '');
    let respondedAt = new Date();
    if (spoil === 'far-future') respondedAt = new Date(Date.now() + 3_600_000);
    if (spoil === 'before-request') respondedAt = new Date(Date.now() - 3_600_000);
    const fields = {
      ...payload,
      ...(spoil === 'other-submission' ? { submissionId: 'f0000000-0000-4000-8000-000000000000' } : {}),
    };
    let body: Buffer = Buffer.from(JSON.stringify({ ...fields, requestId, respondedAt: respondedAt.toISOString() }));
    const key = `${kind}:${String(payload.submissionId)}`;
    if (spoil === 'replay' && earlier.has(key)) body = earlier.get(key)!;
    else earlier.set(key, body);
    const raw = state.rawAnswer?.(kind, requestId, String(payload.submissionId));
    if (raw) body = raw;
    const signer = spoil === 'other-ca' ? foreign : spoil === 'expired-signer' ? expired : good;
    const headers: Record<string, string> = { 'Content-Type': 'application/json', 'X-JCIC-Environment': 'sandbox' };
    if (spoil !== 'unsigned') {
      const signature = sign('sha256', body, signer.keyPem);
      if (spoil === 'bad-signature') signature[0] = signature[0]! ^ 0xff;
      headers['X-JCIC-Signature'] = signature.toString('base64');
      headers['X-JCIC-Signer-Cert'] = Buffer.from(signer.certPem).toString('base64');
    }
    res.writeHead(status, headers);
    res.end(body);
  }

  const server: Server = createServer(
    { key: pki.serverKey, cert: pki.serverCert, ca: [pki.caCert], requestCert: true, rejectUnauthorized: true },
    (req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const parts = new URL(req.url ?? '/', 'https://x').pathname.split('/').filter(Boolean);
        const id = decodeURIComponent(parts[2] ?? '');
        if (req.method === 'GET' && parts[1] === 'health')
          return answer(req, res, 'status', 200, { status: 'ok', environment: 'sandbox' });
        if (req.method === 'POST' && parts.length === 2) {
          const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { submissionId: string };
          const duplicate = state.received.has(body.submissionId);
          state.received.set(body.submissionId, body);
          return answer(req, res, 'submit', 202, {
            submissionId: body.submissionId,
            status: 'under_review',
            duplicate,
          });
        }
        if (req.method === 'GET' && parts.length === 3)
          return answer(req, res, 'status', 200, { submissionId: id, status: state.reviewStatus, reason: null });
        if (req.method === 'GET' && parts[3] === 'results') {
          const products = state.resultsBody ? state.resultsBody(id) : { T50: sampleT50('A123456789', new Date()) };
          return answer(req, res, 'results', 200, {
            submissionId: id,
            ...(state.resultsBody ? (products as object) : { products }),
          });
        }
        if (req.method === 'POST' && parts[3] === 'ack')
          return answer(req, res, 'ack', 200, {
            submissionId: id,
            acknowledged: true,
            deleteAfter: new Date(Date.now() + 3 * 86_400_000).toISOString(),
          });
        res.writeHead(404).end();
      });
    },
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.endpoint = `https://127.0.0.1:${(server.address() as { port: number }).port}`;
  state.close = () => new Promise((resolve) => server.close(() => resolve()));
  return state;
}
