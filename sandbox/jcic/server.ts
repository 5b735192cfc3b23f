// The sandbox JCIC: a real HTTPS server with mutual TLS implementing docs/jcic-message-contract.md,
// plus a loopback operator page where a trainer approves or rejects by hand.
import { createHash, sign } from 'node:crypto';
import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https';
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { TLSSocket } from 'node:tls';
import { z } from 'zod';
import { ensurePki } from './pki';
import { openSandboxStore, type SubmissionRow } from './store';
import { REJECTION_REASONS, review, type RejectionCode } from './review';
import { sampleT50, sampleT51, sampleT52 } from './sample-data';
import { PURPOSES, SUBJECT_ROLES } from '../../common/domain/eligibility';
import { PRODUCT_CODES, type ProductCode } from '../../common/domain/products';
import { renderOperatorPage } from './operator-page';
import { DAY_MS, taiwanDay } from '../../common/taiwan-day';

export interface SandboxOptions {
  dir: string;
  port: number;
  operatorPort: number;
  /** Seconds before an automatic review decision. */
  reviewDelaySeconds: number;
  /** Delay before answering a submission, after it is recorded (a slow line; crash tests). */
  answerDelayMs: number;
  /** Days JCIC keeps delivered data (the labour-insurance bureau allows 3). */
  keepDays: number;
  now?: () => Date;
}

export interface RunningSandbox {
  port: number;
  operatorPort: number;
  close(): Promise<void>;
  purgeExpired(): number;
}

/** The one-way key a deleted record keeps of the person. */
const personKey = (idNumber: string) =>
  idNumber.startsWith('key:')
    ? idNumber
    : `key:${createHash('sha256').update(`jcic-sandbox ${idNumber}`).digest('hex').slice(0, 32)}`;

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
    method: z.literal('paper'),
    signedOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    validUntil: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  }),
  document: z.object({
    pages: z
      .array(z.object({ mediaType: z.string(), sha256: z.string().regex(/^[0-9a-f]{64}$/), data: z.string() }))
      .min(1),
  }),
});

export async function startSandbox(options: SandboxOptions): Promise<RunningSandbox> {
  const now = options.now ?? (() => new Date());
  const pki = ensurePki(options.dir);
  const db = openSandboxStore(options.dir);
  const get = (id: string) =>
    db.prepare('SELECT * FROM submissions WHERE submission_id = ? AND deleted_at IS NULL').get(id) as
      SubmissionRow | undefined;

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

  function decide(
    row: SubmissionRow,
    outcome: { approve: true } | { approve: false; code: RejectionCode; detail?: string },
  ): void {
    const at = now().toISOString();
    if (outcome.approve) {
      const today = now();
      const products = JSON.parse(row.products) as ProductCode[];
      const results: Record<string, unknown> = {};
      if (products.includes('T50')) results.T50 = sampleT50(row.subject_id, today);
      if (products.includes('T51')) results.T51 = sampleT51(row.subject_id);
      if (products.includes('T52')) results.T52 = sampleT52(row.subject_id, today);
      db.prepare("UPDATE submissions SET status = 'approved', decided_at = ?, results = ? WHERE submission_id = ?").run(
        at,
        JSON.stringify(results),
        row.submission_id,
      );
    } else {
      const text = outcome.detail
        ? `${REJECTION_REASONS[outcome.code]}（${outcome.detail}）`
        : REJECTION_REASONS[outcome.code];
      db.prepare(
        "UPDATE submissions SET status = 'rejected', decided_at = ?, reason_code = ?, reason_text = ? WHERE submission_id = ?",
      ).run(at, outcome.code, text, row.submission_id);
    }
  }

  /** Runs due automatic reviews. */
  function reviewDue(): void {
    const due = db
      .prepare(
        "SELECT * FROM submissions WHERE status = 'under_review' AND manual = 0 AND review_due_at <= ? AND deleted_at IS NULL",
      )
      .all(now().toISOString()) as SubmissionRow[];
    for (const row of due) {
      const outcome = review(
        {
          subjectId: row.subject_id,
          role: row.role as never,
          purpose: row.purpose as never,
          products: JSON.parse(row.products),
          signedOn: row.signed_on,
          validUntil: row.valid_until,
        },
        taiwanDay(now()),
      );
      if (outcome.decision === 'manual')
        db.prepare('UPDATE submissions SET manual = 1 WHERE submission_id = ?').run(row.submission_id);
      else
        decide(
          row,
          outcome.decision === 'approve'
            ? { approve: true }
            : { approve: false, code: outcome.code, ...(outcome.detail ? { detail: outcome.detail } : {}) },
        );
    }
  }

  /** JCIC deletes its copy a few days after delivery; the record of the request stays, with the
   * person kept only as a one-way key (enough to refuse a used authorization again). In training
   * this store lives in the desk's data directory: no customer's ID stays there in the clear. */
  function purgeExpired(): number {
    const due = db
      .prepare(
        'SELECT submission_id, subject_id FROM submissions WHERE delete_after IS NOT NULL AND delete_after <= ? AND deleted_at IS NULL',
      )
      .all(now().toISOString()) as { submission_id: string; subject_id: string }[];
    const forget = db.prepare(
      "UPDATE submissions SET results = NULL, subject_id = ?, subject_name = '', deleted_at = ? WHERE submission_id = ?",
    );
    for (const row of due) forget.run(personKey(row.subject_id), now().toISOString(), row.submission_id);
    return due.length;
  }

  async function submit(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req, 60 * 1024 * 1024);
    if (!raw) return reply(res, 413, { error: 'too-large' });
    let parsed;
    try {
      parsed = Submission.safeParse(JSON.parse(raw.toString('utf8')));
    } catch {
      return reply(res, 400, { error: 'bad-request', detail: 'body is not JSON' });
    }
    if (!parsed.success)
      return reply(res, 400, {
        error: 'bad-request',
        detail: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
      });
    const s = parsed.data;
    for (const page of s.document.pages) {
      if (createHash('sha256').update(Buffer.from(page.data, 'base64')).digest('hex') !== page.sha256)
        return reply(res, 400, { error: 'bad-request', detail: 'page sha256 does not match its data' });
    }
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
      products, signed_on, valid_until, document_hash, page_count, status, manual, review_due_at)
      VALUES (?, ?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'under_review', 0, ?)`,
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
      s.document.pages.length,
      new Date(at.getTime() + options.reviewDelaySeconds * 1000).toISOString(),
    );
    // Single use: the same signed form for the same person, already used for a query, is refused.
    const used = db
      .prepare(
        'SELECT 1 FROM submissions WHERE subject_id IN (?, ?) AND document_hash = ? AND results_fetched_at IS NOT NULL AND submission_id <> ?',
      )
      .get(s.subject.idNumber, personKey(s.subject.idNumber), documentHash, s.submissionId);
    if (used) decide(get(s.submissionId)!, { approve: false, code: 'authorization-used' });
    await delay(options.answerDelayMs);
    return reply(res, 202, {
      submissionId: s.submissionId,
      status: get(s.submissionId)!.status,
      receivedAt: at.toISOString(),
      duplicate: false,
    });
  }

  function status(row: SubmissionRow) {
    return {
      submissionId: row.submission_id,
      status: row.status,
      receivedAt: row.received_at,
      decidedAt: row.decided_at,
      reason: row.reason_code ? { code: row.reason_code, message: row.reason_text } : null,
    };
  }

  const api = createHttpsServer(
    {
      key: pki.serverKey,
      cert: pki.serverCert,
      ca: [pki.caCert],
      requestCert: true,
      rejectUnauthorized: true,
      minVersion: 'TLSv1.2',
    },
    (req, res) => {
      handleApi(req, res).catch((e) => {
        console.error('[jcic-sandbox]', e);
        if (!res.headersSent) reply(res, 500, { error: 'internal' });
      });
    },
  );

  async function handleApi(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!(req.socket as TLSSocket).authorized) return reply(res, 401, { error: 'client-certificate-required' });
    reviewDue();
    const url = new URL(req.url ?? '/', 'https://sandbox');
    const parts = url.pathname.split('/').filter(Boolean); // v1, authorizations, id, results|ack
    if (req.method === 'GET' && url.pathname === '/v1/health')
      return reply(res, 200, { status: 'ok', service: 'jcic', environment: 'sandbox' });
    if (parts[0] !== 'v1' || parts[1] !== 'authorizations') return reply(res, 404, { error: 'not-found' });
    if (parts.length === 2 && req.method === 'POST') return submit(req, res);
    const row = parts[2] ? get(parts[2]) : undefined;
    if (!row) return reply(res, 404, { error: 'unknown-submission', submissionId: parts[2] ?? null });
    if (parts.length === 3 && req.method === 'GET') return reply(res, 200, status(row));
    if (parts[3] === 'results' && req.method === 'GET') {
      if (row.status !== 'approved') return reply(res, 409, { error: 'not-approved', ...status(row) });
      if (row.acknowledged_at)
        return reply(res, 410, {
          error: 'authorization-used',
          submissionId: row.submission_id,
          message: REJECTION_REASONS['authorization-used'],
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
      if (row.status !== 'approved') return reply(res, 409, { error: 'not-approved', ...status(row) });
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

  const operator = createHttpServer((req, res) => {
    handleOperator(req, res).catch((e) => {
      console.error('[jcic-sandbox operator]', e);
      res.writeHead(500).end();
    });
  });
  let operatorHost = '';

  async function handleOperator(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.headers.host !== operatorHost) return void res.writeHead(403).end('wrong host');
    reviewDue();
    const url = new URL(req.url ?? '/', `http://${operatorHost}`);
    const all = () => db.prepare('SELECT * FROM submissions ORDER BY received_at DESC').all() as SubmissionRow[];
    if (req.method === 'GET' && url.pathname === '/') {
      res.writeHead(200, {
        'Content-Type': 'text/html; charset=utf-8',
        'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'",
      });
      return void res.end(renderOperatorPage(all()));
    }
    if (req.method === 'GET' && url.pathname === '/api/submissions') {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      return void res.end(
        JSON.stringify(
          all().map((r) => ({
            ...status(r),
            deliveries: r.deliveries,
            subjectId: r.subject_id,
            documentItems: r.page_count,
            products: JSON.parse(r.products),
            manual: r.manual === 1,
            deleted: r.deleted_at !== null,
            acknowledgedAt: r.acknowledged_at,
          })),
        ),
      );
    }
    if (req.method === 'POST' && url.pathname === '/decide') {
      const origin = req.headers.origin;
      if (origin && origin !== `http://${operatorHost}`) return void res.writeHead(403).end('other origin');
      const form = new URLSearchParams((await readBody(req, 64 * 1024))?.toString('utf8') ?? '');
      const row = get(form.get('submissionId') ?? '');
      if (row && row.status === 'under_review') {
        if (form.get('decision') === 'approve') decide(row, { approve: true });
        else {
          const code = (form.get('code') ?? 'manual-rejection') as RejectionCode;
          decide(row, {
            approve: false,
            code: code in REJECTION_REASONS ? code : 'manual-rejection',
            ...(form.get('detail') ? { detail: form.get('detail')! } : {}),
          });
        }
      }
      res.writeHead(303, { Location: '/' });
      return void res.end();
    }
    res.writeHead(404).end();
  }

  await listen(api, options.port);
  await listen(operator, options.operatorPort);
  const port = (api.address() as { port: number }).port;
  const operatorPort = (operator.address() as { port: number }).port;
  operatorHost = `127.0.0.1:${operatorPort}`;
  const timer = setInterval(() => {
    reviewDue();
    purgeExpired();
  }, 250);
  purgeExpired();
  return {
    port,
    operatorPort,
    purgeExpired,
    async close() {
      clearInterval(timer);
      await Promise.all([close(api), close(operator)]);
      db.close();
    },
  };
}

function listen(server: Server | HttpsServer, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
}

function close(server: Server | HttpsServer): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

const delay = (ms: number) => new Promise((r) => setTimeout(r, ms));

function readBody(req: IncomingMessage, limit: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= limit) chunks.push(c);
    });
    req.on('end', () => resolve(size > limit ? null : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}
