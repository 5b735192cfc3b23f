// The JCIC API the desk talks to (docs/jcic-message-contract.md): HTTPS with mutual TLS, every
// answer signed and naming the request it answers. Submissions are recorded once per submissionId
// (a resend is the same submission), a used authorization is refused, and the data is delivered
// until the desk acknowledges it.
import { verifySignedAuthorization } from './authorization-verify';
import { createHash, sign, type X509Certificate } from 'node:crypto';
import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TLSSocket } from 'node:tls';
import type Database from 'better-sqlite3';
import { z } from 'zod';
import type { SandboxPki } from './pki';
import { findSubmission, type SubmissionRow } from './store';
import { rejectionMessage } from './review';
import type { ReviewScheduler } from './review-scheduler';
import { personKey } from './purge';
import { documentPages } from './page-count';
import { PURPOSES, SUBJECT_ROLES } from '../../common/domain/eligibility';
import { PRODUCT_CODES } from '../../common/domain/products';
import { DAY_MS } from '../../common/taiwan-day';
import { bodyText, readBody } from '../../common/request-body';

export interface ApiOptions {
  db: Database.Database;
  pki: SandboxPki;
  reviews: ReviewScheduler;
  now: () => Date;
  /** Seconds before an automatic review decision. */
  reviewDelaySeconds: number;
  /** Delay before answering a submission, after it is recorded (a slow line; crash tests). */
  answerDelayMs: number;
  /** Days JCIC keeps delivered data. */
  keepDays: number;
  /** The test anchors (and intermediates) card signatures must chain to. */
  esignTrust: X509Certificate[];
}

const Submission = z.object({
  submissionId: z.string().uuid(),
  bankCode: z.string().regex(/^\d{3}$/),
  branchCode: z.string().regex(/^\d{4}$/),
  officerId: z.string().min(1),
  approverId: z.string().min(1),
  subject: z.object({ idNumber: z.string().regex(/^[A-Z][A-Z0-9]\d{8}$/), name: z.string().min(1) }),
  enterprise: z.object({ businessNumber: z.string().regex(/^\d{8}$/), name: z.string().min(1) }).nullable(),
  role: z.enum(SUBJECT_ROLES),
  purpose: z.enum(PURPOSES),
  products: z.array(z.enum(PRODUCT_CODES)).min(1),
  authorization: z.object({
    method: z.enum(['paper', 'moica', 'c3']),
    signedOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    validUntil: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  }),
  document: z.object({
    pages: z
      .array(z.object({ mediaType: z.string(), sha256: z.string().regex(/^[0-9a-f]{64}$/), data: z.string() }))
      .min(1),
  }),
});

/** A submission's review as the API answers it (the operator page's JSON carries it too). A
 * rejection's reason is JCIC's code with its zh-TW message; `detail` is the reviewer's note alone. */
export function statusAnswer(row: SubmissionRow) {
  return {
    submissionId: row.submission_id,
    status: row.status,
    receivedAt: row.received_at,
    decidedAt: row.decided_at,
    reason: row.reason_code
      ? { code: row.reason_code, message: row.reason_text, detail: row.reason_detail ?? null }
      : null,
  };
}

const delay = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function createApiServer(options: ApiOptions): Server {
  const { db, pki, reviews, now } = options;
  const get = (id: string) => findSubmission(db, id);
  const signerHeader = Buffer.from(pki.signerCert).toString('base64');

  function reply(res: ServerResponse, status: number, payload: Record<string, unknown>): void {
    // Every answer names the request it answers (the desk's X-JCIC-Request-Id), so it cannot be replayed.
    const requestId = res.req?.headers['x-jcic-request-id'];
    const echo = typeof requestId === 'string' ? { requestId: requestId.slice(0, 100) } : {};
    const body = Buffer.from(JSON.stringify({ ...payload, ...echo, respondedAt: now().toISOString() }));
    res.writeHead(status, {
      'Content-Type': 'application/json; charset=utf-8',
      'X-JCIC-Signature': sign('sha256', body, pki.signerKey).toString('base64'),
      'X-JCIC-Signer-Cert': signerHeader,
      'X-JCIC-Environment': 'sandbox',
    });
    res.end(body);
  }

  async function submit(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req, 60 * 1024 * 1024);
    if (!raw) return reply(res, 413, { error: 'too-large' });
    let parsed;
    try {
      parsed = Submission.safeParse(JSON.parse(bodyText(raw)));
    } catch {
      return reply(res, 400, { error: 'bad-request', detail: 'body is not JSON' });
    }
    if (!parsed.success)
      return reply(res, 400, {
        error: 'bad-request',
        detail: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
      });
    const s = parsed.data;
    const entries = s.document.pages.map((page) => ({ ...page, bytes: Buffer.from(page.data, 'base64') }));
    for (const page of entries) {
      if (createHash('sha256').update(page.bytes).digest('hex') !== page.sha256)
        return reply(res, 400, { error: 'bad-request', detail: 'page sha256 does not match its data' });
    }
    // Counted before the record is looked up: from there to the insert nothing waits, so a resend
    // arriving meanwhile finds the record.
    const pageCount = await documentPages(entries.map((p) => ({ mediaType: p.mediaType, data: p.bytes })));
    const bodyHash = createHash('sha256').update(raw).digest('hex');
    const existing = get(s.submissionId);
    if (existing) {
      // The same submission again (a retry after a lost answer): the same record, never a second one.
      if (existing.body_hash !== bodyHash)
        return reply(res, 409, { error: 'submission-id-reused', submissionId: s.submissionId });
      db.prepare('UPDATE submissions SET deliveries = deliveries + 1 WHERE submission_id = ?').run(s.submissionId);
      await delay(options.answerDelayMs);
      return reply(res, 202, {
        submissionId: s.submissionId,
        status: existing.status,
        receivedAt: existing.received_at,
        duplicate: true,
      });
    }
    const documentHash = createHash('sha256')
      .update(s.document.pages.map((p) => p.sha256).join(':'))
      .digest('hex');
    const at = now();
    db.prepare(
      `INSERT INTO submissions (submission_id, body_hash, received_at, deliveries, bank_code, branch_code, subject_id, subject_name, role, purpose,
      products, signed_on, valid_until, document_hash, page_count, item_count, status, manual, review_due_at)
      VALUES (?, ?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'under_review', 0, ?)`,
    ).run(
      s.submissionId,
      bodyHash,
      at.toISOString(),
      s.bankCode,
      s.branchCode,
      s.subject.idNumber,
      s.subject.name,
      s.role,
      s.purpose,
      JSON.stringify(s.products),
      s.authorization.signedOn,
      s.authorization.validUntil,
      documentHash,
      pageCount,
      s.document.pages.length,
      new Date(at.getTime() + options.reviewDelaySeconds * 1000).toISOString(),
    );
    // Single use: the same signed form for the same person, already used for a query, is refused.
    const used = db
      .prepare(
        'SELECT 1 FROM submissions WHERE subject_id IN (?, ?) AND document_hash = ? AND results_fetched_at IS NOT NULL AND submission_id <> ?',
      )
      .get(s.subject.idNumber, personKey(s.subject.idNumber), documentHash, s.submissionId);
    if (used) reviews.decide(get(s.submissionId)!, { approve: false, code: 'authorization-used' });
    // Signed with a MOICA card or a C3 certificate: the one document is the CMS, checked now (no reviewer needed to see it).
    if (!used && s.authorization.method !== 'paper') {
      const cms =
        entries.length === 1 && entries[0]!.mediaType === 'application/pkcs7-signature' ? entries[0]!.bytes : null;
      const refusal = cms
        ? verifySignedAuthorization(cms, {
            method: s.authorization.method,
            subjectId: s.subject.idNumber,
            role: s.role,
            purpose: s.purpose,
            products: s.products,
            bankCode: s.bankCode,
            signedOn: s.authorization.signedOn,
            validUntil: s.authorization.validUntil,
            trust: options.esignTrust,
          })
        : 'signature-invalid';
      if (refusal) reviews.decide(get(s.submissionId)!, { approve: false, code: refusal });
    }
    await delay(options.answerDelayMs);
    return reply(res, 202, {
      submissionId: s.submissionId,
      status: get(s.submissionId)!.status,
      receivedAt: at.toISOString(),
      duplicate: false,
    });
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!(req.socket as TLSSocket).authorized) return reply(res, 401, { error: 'client-certificate-required' });
    reviews.reviewDue();
    const url = new URL(req.url ?? '/', 'https://sandbox');
    const parts = url.pathname.split('/').filter(Boolean); // v1, authorizations, id, results|ack
    if (req.method === 'GET' && url.pathname === '/v1/health')
      return reply(res, 200, { status: 'ok', service: 'jcic', environment: 'sandbox' });
    if (parts[0] !== 'v1' || parts[1] !== 'authorizations') return reply(res, 404, { error: 'not-found' });
    if (parts.length === 2 && req.method === 'POST') return submit(req, res);
    const row = parts[2] ? get(parts[2]) : undefined;
    if (!row) return reply(res, 404, { error: 'unknown-submission', submissionId: parts[2] ?? null });
    if (parts.length === 3 && req.method === 'GET') return reply(res, 200, statusAnswer(row));
    if (parts[3] === 'results' && req.method === 'GET') {
      if (row.status !== 'approved') return reply(res, 409, { error: 'not-approved', ...statusAnswer(row) });
      if (row.acknowledged_at)
        return reply(res, 410, {
          error: 'authorization-used',
          submissionId: row.submission_id,
          message: rejectionMessage('authorization-used'),
        });
      db.prepare(
        'UPDATE submissions SET results_fetched_at = COALESCE(results_fetched_at, ?) WHERE submission_id = ?',
      ).run(now().toISOString(), row.submission_id);
      return reply(res, 200, {
        submissionId: row.submission_id,
        subject: { idNumber: row.subject_id, name: row.subject_name },
        products: JSON.parse(row.results!),
      });
    }
    if (parts[3] === 'ack' && req.method === 'POST') {
      if (row.status !== 'approved') return reply(res, 409, { error: 'not-approved', ...statusAnswer(row) });
      const at = row.acknowledged_at ?? now().toISOString();
      const deleteAfter =
        row.delete_after ?? new Date(new Date(at).getTime() + options.keepDays * DAY_MS).toISOString();
      db.prepare('UPDATE submissions SET acknowledged_at = ?, delete_after = ? WHERE submission_id = ?').run(
        at,
        deleteAfter,
        row.submission_id,
      );
      return reply(res, 200, { submissionId: row.submission_id, acknowledged: true, acknowledgedAt: at, deleteAfter });
    }
    return reply(res, 405, { error: 'method-not-allowed' });
  }

  return createServer(
    {
      key: pki.serverKey,
      cert: pki.serverCert,
      ca: [pki.caCert],
      requestCert: true,
      rejectUnauthorized: true,
      minVersion: 'TLSv1.2',
    },
    (req, res) => {
      handle(req, res).catch((e) => {
        console.error('[jcic-sandbox]', e);
        if (!res.headersSent) reply(res, 500, { error: 'internal' });
      });
    },
  );
}
