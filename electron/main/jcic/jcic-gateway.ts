// The desk's JCIC adapter: the only module that knows the message contract
// (docs/jcic-message-contract.md). Mutual TLS with the bank's client certificate, JCIC's CA pinned
// (no other CA is trusted), and every response's signature checked against a signer certificate
// issued by that CA. A bank plugs in the real interface by replacing this module.
import { request, Agent } from 'node:https';
import { verify, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { ProductResults } from '../../../common/domain/result-schemas';

export interface JcicSubmission {
  submissionId: string;
  bankCode: string;
  branchCode: string;
  officerId: string;
  approverId: string;
  subject: { idNumber: string; name: string };
  enterprise: { businessNumber: string; name: string } | null;
  role: string;
  purpose: string;
  products: string[];
  authorization: { method: 'paper'; signedOn: string; validUntil: string };
  pages: { mediaType: string; sha256: string; data: Buffer }[];
}

export type ReviewState = 'under_review' | 'approved' | 'rejected';
export interface ReviewStatus {
  status: ReviewState;
  reason: { code: string; message: string } | null;
}

export interface JcicGateway {
  readonly endpoint: string;
  /** What the server last said it is ("sandbox" or "production"), from its answers; null before any. */
  readonly environment: string | null;
  health(): Promise<{ environment: string }>;
  submit(submission: JcicSubmission): Promise<{ status: ReviewState; duplicate: boolean }>;
  status(submissionId: string): Promise<ReviewStatus>;
  results(submissionId: string): Promise<ProductResults>;
  acknowledge(submissionId: string): Promise<{ deleteAfter: string }>;
  close(): void;
}

/** JCIC or the line to it is down: the desk keeps the work and tries again later. */
export class JcicUnreachable extends Error {
  override name = 'JcicUnreachable';
}
/** JCIC answered and refused: trying again will not help. */
export class JcicRefused extends Error {
  override name = 'JcicRefused';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export interface GatewayFiles {
  clientCertificate: string;
  clientKey: string;
  caCertificate: string;
}

export class HttpsJcicGateway implements JcicGateway {
  private readonly agent: Agent;
  private readonly ca: X509Certificate;
  /** Signer certificates already checked against the pinned CA, by the header that carried them. */
  private readonly trustedSigners = new Map<string, X509Certificate>();
  environment: string | null = null;

  constructor(
    readonly endpoint: string,
    files: GatewayFiles,
    private readonly timeoutMs = 30_000,
  ) {
    const caPem = readFileSync(files.caCertificate, 'utf8');
    this.ca = new X509Certificate(caPem);
    this.agent = new Agent({
      cert: readFileSync(files.clientCertificate),
      key: readFileSync(files.clientKey),
      ca: [caPem], // pinned: only JCIC's CA, never the system store
      keepAlive: true,
      maxSockets: 8,
      minVersion: 'TLSv1.2',
    });
  }

  close(): void {
    this.agent.destroy();
  }

  async health() {
    const body = await this.call('GET', '/v1/health');
    return { environment: String(body.environment ?? 'production') };
  }

  async submit(s: JcicSubmission) {
    const payload = {
      submissionId: s.submissionId,
      bankCode: s.bankCode,
      branchCode: s.branchCode,
      officerId: s.officerId,
      approverId: s.approverId,
      subject: s.subject,
      enterprise: s.enterprise,
      role: s.role,
      purpose: s.purpose,
      products: s.products,
      authorization: s.authorization,
      document: {
        pages: s.pages.map((p) => ({ mediaType: p.mediaType, sha256: p.sha256, data: p.data.toString('base64') })),
      },
    };
    const body = await this.call('POST', '/v1/authorizations', payload);
    if (body.submissionId !== s.submissionId)
      throw new JcicRefused(502, 'mismatched-answer', 'JCIC answered for another submission');
    return { status: body.status as ReviewState, duplicate: body.duplicate === true };
  }

  async status(submissionId: string): Promise<ReviewStatus> {
    const body = await this.call('GET', `/v1/authorizations/${encodeURIComponent(submissionId)}`);
    const reason = body.reason as { code: string; message: string } | null;
    return {
      status: body.status as ReviewState,
      reason: reason ? { code: String(reason.code), message: String(reason.message) } : null,
    };
  }

  async results(submissionId: string): Promise<ProductResults> {
    const body = await this.call('GET', `/v1/authorizations/${encodeURIComponent(submissionId)}/results`);
    if (body.submissionId !== submissionId)
      throw new JcicRefused(502, 'mismatched-answer', 'JCIC answered for another submission');
    const parsed = ProductResults.safeParse(body.products);
    if (!parsed.success)
      throw new JcicRefused(
        502,
        'unexpected-layout',
        `JCIC data did not match the expected layout: ${parsed.error.issues[0]?.path.join('.')}`,
      );
    return parsed.data;
  }

  async acknowledge(submissionId: string) {
    const body = await this.call('POST', `/v1/authorizations/${encodeURIComponent(submissionId)}/ack`, {});
    return { deleteAfter: String(body.deleteAfter) };
  }

  private call(method: string, path: string, payload?: unknown): Promise<Record<string, unknown>> {
    const url = new URL(path, this.endpoint);
    const data = payload === undefined ? undefined : Buffer.from(JSON.stringify(payload));
    return new Promise((resolve, reject) => {
      const req = request(
        url,
        {
          method,
          agent: this.agent,
          timeout: this.timeoutMs,
          headers: data ? { 'Content-Type': 'application/json', 'Content-Length': data.length } : {},
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('error', (e) => reject(new JcicUnreachable(e.message)));
          res.on('end', () => {
            const raw = Buffer.concat(chunks);
            try {
              this.verifySignature(raw, res.headers['x-jcic-signature'], res.headers['x-jcic-signer-cert']);
            } catch (e) {
              return reject(e);
            }
            // Only a verified answer from the pinned server may say what environment it is.
            const environment = res.headers['x-jcic-environment'];
            if (typeof environment === 'string') this.environment = environment;
            let body: Record<string, unknown>;
            try {
              body = JSON.parse(raw.toString('utf8')) as Record<string, unknown>;
            } catch {
              return reject(
                new JcicRefused(res.statusCode ?? 0, 'unreadable-answer', 'JCIC sent an answer that is not JSON'),
              );
            }
            const status = res.statusCode ?? 0;
            if (status >= 500) return reject(new JcicUnreachable(`JCIC answered ${status}`));
            if (status >= 400)
              return reject(
                new JcicRefused(
                  status,
                  String(body.error ?? 'refused'),
                  String(body.message ?? body.detail ?? body.error ?? `HTTP ${status}`),
                ),
              );
            resolve(body);
          });
        },
      );
      req.on('timeout', () => req.destroy(new Error(`no answer within ${this.timeoutMs / 1000} s`)));
      req.on('error', (e) => reject(e instanceof JcicRefused ? e : new JcicUnreachable(e.message)));
      req.end(data);
    });
  }

  /** Every answer must carry a signature by a signer certificate that JCIC's (pinned) CA issued. */
  private verifySignature(
    body: Buffer,
    signature: string | string[] | undefined,
    signerHeader: string | string[] | undefined,
  ): void {
    if (typeof signature !== 'string' || typeof signerHeader !== 'string')
      throw new JcicRefused(502, 'unsigned-answer', "JCIC's answer is not signed");
    let signer = this.trustedSigners.get(signerHeader);
    const now = Date.now();
    if (!signer) {
      try {
        signer = new X509Certificate(Buffer.from(signerHeader, 'base64').toString('utf8'));
      } catch {
        throw new JcicRefused(502, 'bad-signer', "JCIC's signer certificate is unreadable");
      }
      if (!signer.checkIssued(this.ca) || !signer.verify(this.ca.publicKey)) {
        throw new JcicRefused(
          502,
          'untrusted-signer',
          "JCIC's answer is signed by a certificate the pinned JCIC CA did not issue",
        );
      }
      this.trustedSigners.set(signerHeader, signer);
    }
    if (now < Date.parse(signer.validFrom) || now > Date.parse(signer.validTo)) {
      throw new JcicRefused(502, 'expired-signer', "JCIC's signer certificate is not valid now");
    }
    if (!verify('sha256', body, signer.publicKey, Buffer.from(signature, 'base64'))) {
      throw new JcicRefused(502, 'bad-signature', "JCIC's answer failed its signature check");
    }
  }
}
