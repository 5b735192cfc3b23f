// The desk's JCIC adapter: the only module that knows the message contract
// (docs/jcic-message-contract.md). Mutual TLS with the bank's client certificate, JCIC's CA pinned
// (no other CA is trusted), and every answer checked before the desk acts on it (jcic-answers.ts):
// signature, request id, submission id, time, shape. A bank plugs in the real interface by
// replacing this module.
import { request, Agent } from 'node:https';
import { randomUUID, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { ProductResults } from '../../../common/domain/result-schemas';
import type { TimeSource } from '../clock';
import {
  ANSWERS,
  checkEnvelope,
  checkSubmission,
  JcicAnswerRefused,
  MAX_ANSWER_BYTES,
  shaped,
  SignerCheck,
} from './jcic-answers';

export { JcicAnswerRefused } from './jcic-answers';

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
  authorization: { method: 'paper' | 'moica'; signedOn: string; validUntil: string };
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
/** JCIC answered (a verified answer) and refused: trying again will not help. */
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
  private readonly signers: SignerCheck;
  environment: string | null = null;

  /** `clock`: what answers are dated against (JCIC keeps real time). */
  constructor(
    readonly endpoint: string,
    files: GatewayFiles,
    private readonly clock: TimeSource,
    private readonly timeoutMs = 30_000,
  ) {
    const caPem = readFileSync(files.caCertificate, 'utf8');
    this.signers = new SignerCheck(new X509Certificate(caPem), clock);
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
    const body = shaped(ANSWERS.health, await this.call('GET', '/v1/health'), 'health');
    return { environment: body.environment ?? 'production' };
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
    const body = shaped(
      ANSWERS.submit,
      await this.call('POST', '/v1/authorizations', payload, s.submissionId),
      'submission',
    );
    return { status: body.status, duplicate: body.duplicate === true };
  }

  async status(submissionId: string): Promise<ReviewStatus> {
    const body = shaped(
      ANSWERS.status,
      await this.call('GET', `/v1/authorizations/${encodeURIComponent(submissionId)}`, undefined, submissionId),
      'status',
    );
    return { status: body.status, reason: body.reason ?? null };
  }

  async results(submissionId: string): Promise<ProductResults> {
    const body = await this.call(
      'GET',
      `/v1/authorizations/${encodeURIComponent(submissionId)}/results`,
      undefined,
      submissionId,
    );
    return shaped(ANSWERS.results, body, 'results').products;
  }

  async acknowledge(submissionId: string) {
    const body = await this.call(
      'POST',
      `/v1/authorizations/${encodeURIComponent(submissionId)}/ack`,
      {},
      submissionId,
    );
    return shaped(ANSWERS.ack, body, 'acknowledgement');
  }

  /** One request; resolves with a checked answer body. `submissionId`: the submission the answer
   * must be about (error answers included). */
  private call(
    method: string,
    path: string,
    payload?: unknown,
    submissionId?: string,
  ): Promise<Record<string, unknown>> {
    const url = new URL(path, this.endpoint);
    const data = payload === undefined ? undefined : Buffer.from(JSON.stringify(payload));
    const ask = { id: randomUUID(), sentAt: this.clock.now().getTime() };
    return new Promise((resolve, reject) => {
      const headers: Record<string, string | number> = { 'X-JCIC-Request-Id': ask.id };
      if (data) Object.assign(headers, { 'Content-Type': 'application/json', 'Content-Length': data.length });
      const req = request(url, { method, agent: this.agent, timeout: this.timeoutMs, headers }, (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (c: Buffer) => {
          size += c.length;
          if (size <= MAX_ANSWER_BYTES) chunks.push(c);
          else
            res.destroy(
              new JcicAnswerRefused(
                'oversized-answer',
                `JCIC's answer is larger than ${MAX_ANSWER_BYTES / 1024 / 1024} MB`,
              ),
            );
        });
        res.on('error', (e) => reject(e instanceof JcicAnswerRefused ? e : new JcicUnreachable(e.message)));
        res.on('end', () => {
          try {
            resolve(this.answer(res.statusCode ?? 0, res.headers, Buffer.concat(chunks), ask, submissionId));
          } catch (e) {
            reject(e);
          }
        });
      });
      req.on('timeout', () => req.destroy(new Error(`no answer within ${this.timeoutMs / 1000} s`)));
      req.on('error', (e) =>
        reject(e instanceof JcicAnswerRefused || e instanceof JcicRefused ? e : new JcicUnreachable(e.message)),
      );
      req.end(data);
    });
  }

  private answer(
    status: number,
    headers: Record<string, string | string[] | undefined>,
    raw: Buffer,
    ask: { id: string; sentAt: number },
    submissionId: string | undefined,
  ): Record<string, unknown> {
    // A server error from the line or a proxy may come unsigned: that is "down", not a refusal.
    if (status >= 500 && headers['x-jcic-signature'] === undefined)
      throw new JcicUnreachable(`JCIC answered ${status}`);
    this.signers.verify(raw, headers['x-jcic-signature'], headers['x-jcic-signer-cert']);
    let body: unknown;
    try {
      body = JSON.parse(raw.toString('utf8'));
    } catch {
      throw new JcicAnswerRefused('unreadable-answer', 'JCIC sent an answer that is not JSON');
    }
    if (typeof body !== 'object' || body === null || Array.isArray(body))
      throw new JcicAnswerRefused('unreadable-answer', "JCIC's answer is not a JSON object");
    const fields = body as Record<string, unknown>;
    checkEnvelope(fields, ask, this.clock);
    // Only a verified answer to this request may say what environment the server is.
    const environment = headers['x-jcic-environment'];
    if (environment === 'sandbox' || environment === 'production') this.environment = environment;
    if (status >= 500) throw new JcicUnreachable(`JCIC answered ${status}`);
    if (status >= 400) {
      const text = (v: unknown) => (typeof v === 'string' ? v.slice(0, 500) : undefined);
      throw new JcicRefused(
        status,
        text(fields.error) ?? 'refused',
        text(fields.message) ?? text(fields.detail) ?? text(fields.error) ?? `HTTP ${status}`,
      );
    }
    if (submissionId !== undefined) checkSubmission(fields, submissionId);
    return fields;
  }
}
