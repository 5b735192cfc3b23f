// The persistent JCIC outbox and the review follower. A submission is a row in SQLite before any
// byte leaves the desk; it is resent with the same submission id after a crash, restart or outage
// (JCIC treats a repeated id as the same submission), with backoff. Cases under review are polled;
// returned data is stored, then acknowledged, and the acknowledgement is retried until it lands.
import { createHash } from 'node:crypto';
import type { Db } from '../store/database';
import type { Clock } from '../clock';
import type { AuditLog } from '../audit/audit-log';
import type { CaseService } from '../cases/case-service';
import type { CaseRow } from '../cases/case-rows';
import { pagesDigest } from '../cases/pages-digest';
import type { ResultStore } from '../cases/result-store';
import type { FormStore } from '../cases/form-store';
import type { StaffDirectory } from '../staff/staff-directory';
import type { Policy } from '../policy/policy';
import type { JcicStatus } from '../../../common/contract';
import { JcicRefused, JcicUnreachable, type JcicGateway } from './jcic-gateway';
import { runPool } from './pool';
import { formsKeptUntil } from '../retention/retention-service';
import type { LiveProduct } from '../../../common/domain/products';
import { DAY_MS } from '../../../common/taiwan-day';

interface OutboxRow {
  case_id: number;
  submission_id: string;
  state: 'pending' | 'sent' | 'failed';
  attempts: number;
  next_attempt_at: string;
  ack_pending: number;
}

/** Submissions in flight at once: enough to keep a loopback or VPN link busy. */
export const OUTBOX_CONCURRENCY = 4;
const CONCURRENCY = OUTBOX_CONCURRENCY;
export const backoffMs = (attempts: number) => Math.min(60_000, 1000 * 2 ** Math.min(attempts, 6));

export interface OutboxOptions {
  /** How often cases under review are asked about (ms, real time). */
  pollMs: number;
  /** How often the outbox looks for due work (ms, real time). */
  tickMs: number;
}

export class OutboxService {
  private timer: NodeJS.Timeout | null = null;
  private running = false;
  private lastPoll = 0;
  private reachable: boolean | null = null;
  private lastError: string | null = null;
  private lastContactAt: string | null = null;
  private gateway: JcicGateway | null = null;
  private gatewayError: string | null = null;

  constructor(
    private readonly db: Db,
    private readonly cases: CaseService,
    private readonly forms: FormStore,
    private readonly results: ResultStore,
    private readonly staff: StaffDirectory,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
    private readonly policy: Policy,
    private readonly options: OutboxOptions,
  ) {}

  /** Connects the outbox to JCIC; by default starts sending what waits right away. */
  useGateway(gateway: JcicGateway, options: { kick?: boolean } = {}): void {
    this.gateway = gateway;
    this.gatewayError = null;
    if (options.kick !== false) void this.kick();
  }

  /** What the connected JCIC says it is, once it has answered. */
  environment(): string | null {
    return this.gateway?.environment ?? null;
  }

  gatewayFailed(message: string): void {
    this.gatewayError = message;
    this.reachable = false;
    this.lastError = message;
  }

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => this.kick(), this.options.tickMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.gateway?.close();
  }

  /** Runs one round now unless one is running. Returns when the round is done. */
  kick(): Promise<void> {
    if (this.running || !this.gateway) return Promise.resolve();
    this.running = true;
    return this.round('tick').finally(() => {
      this.running = false;
    });
  }

  /** Sends everything due and, unless told not to, follows reviews now (tests and the benchmark). */
  async drain(follow = true): Promise<void> {
    while (this.running) await new Promise((r) => setTimeout(r, 5));
    this.running = true;
    try {
      await this.round(follow ? 'follow-now' : 'send-only');
    } finally {
      this.running = false;
    }
  }

  /** tick: send what is due, follow reviews when the poll interval has passed; follow-now: send, then
   * follow at once; send-only: only send (the benchmark's flush). */
  private async round(mode: 'tick' | 'follow-now' | 'send-only'): Promise<void> {
    const gateway = this.gateway!;
    for (;;) {
      const due = this.db
        .prepare(
          "SELECT * FROM outbox WHERE state = 'pending' AND next_attempt_at <= ? ORDER BY next_attempt_at LIMIT ?",
        )
        .all(this.clock.now().toISOString(), CONCURRENCY * 16) as OutboxRow[];
      if (due.length === 0) break;
      const results = await runPool(due, CONCURRENCY, (row) => this.send(gateway, row));
      if (!results.some(Boolean)) break; // JCIC is down: wait for the next tick
    }
    if (mode === 'follow-now' || (mode === 'tick' && Date.now() - this.lastPoll >= this.options.pollMs)) {
      this.lastPoll = Date.now();
      await this.follow(gateway);
    }
  }

  private async send(gateway: JcicGateway, row: OutboxRow): Promise<boolean> {
    const c = this.cases.row(row.case_id);
    if (c.state !== 'queued') {
      this.db
        .prepare("UPDATE outbox SET state = 'failed', last_error = ? WHERE case_id = ?")
        .run(`case is ${c.state}`, c.id);
      return true;
    }
    let pages: { mediaType: string; sha256: string; data: Buffer }[];
    let subject: { idNumber: string; name: string };
    try {
      const rows = this.cases.pages(c.id);
      pages = rows.map((p) => {
        let data: Buffer;
        try {
          data = this.forms.read(c.id, p.stored_as);
        } catch {
          throw new Error(
            `form page ${p.position} changed on disk after approval (it no longer opens with this desk's key)`,
          );
        }
        // The form on disk must still be the one the supervisor approved.
        if (createHash('sha256').update(data).digest('hex') !== p.sha256)
          throw new Error(`form page ${p.position} changed on disk after approval`);
        return { mediaType: p.media_type, sha256: p.sha256, data };
      });
      // …and the pages on record the ones approved: none added, removed or reordered since.
      if (c.approved_digest === null || pagesDigest(rows) !== c.approved_digest)
        throw new Error('the form pages on record are not the pages the supervisor approved');
      const who = this.cases.subject(c);
      if (!who) throw new Error("the case no longer holds the customer's identity");
      subject = who;
    } catch (e) {
      // Never send a form other than the approved one, and never retry that: IT must look.
      const message = `not sent: ${(e as Error).message}`;
      this.db.prepare("UPDATE outbox SET state = 'failed', last_error = ? WHERE case_id = ?").run(message, c.id);
      this.audit.record({ actor: null, action: 'form.integrity_failed', caseId: c.id, detail: { error: message } });
      return true;
    }
    const officer = this.staff.get(c.created_by)!;
    const approver = this.staff.get(c.approved_by!)!;
    try {
      const answer = await gateway.submit({
        submissionId: row.submission_id,
        bankCode: this.policy.bankCode ?? '000',
        branchCode: this.policy.branchCode ?? officer.branchCode,
        officerId: officer.employeeId,
        approverId: approver.employeeId,
        subject,
        enterprise: c.enterprise_number ? { businessNumber: c.enterprise_number, name: c.enterprise_name ?? '' } : null,
        role: c.role,
        purpose: c.purpose,
        products: JSON.parse(c.products),
        authorization: { method: 'paper', signedOn: c.signed_on!, validUntil: c.valid_until! },
        pages,
      });
      this.contact();
      this.db.transaction(() => {
        this.db
          .prepare(
            "UPDATE outbox SET state = 'sent', sent_at = ?, attempts = attempts + 1, last_error = NULL WHERE case_id = ?",
          )
          .run(this.clock.now().toISOString(), c.id);
        this.audit.record({
          actor: null,
          action: 'jcic.submitted',
          caseId: c.id,
          detail: { submissionId: row.submission_id, attempt: row.attempts + 1, duplicate: answer.duplicate },
        });
        this.cases.transition(c.id, 'submitted', null, null, { jcic_status: answer.status });
        if (answer.status === 'rejected') return; // the follower reads the reason
        this.cases.transition(c.id, 'under_review', null);
      })();
      return true;
    } catch (e) {
      if (e instanceof JcicRefused) {
        this.contact();
        this.db.transaction(() => {
          this.db
            .prepare("UPDATE outbox SET state = 'failed', attempts = attempts + 1, last_error = ? WHERE case_id = ?")
            .run(`${e.code}: ${e.message}`, c.id);
          this.cases.transition(c.id, 'rejected', null, `JCIC refused the submission: ${e.message}`, {
            rejection_code: e.code,
            rejection_text: e.message,
            data_expires_at: this.formsExpiry(c),
          });
        })();
        return true;
      }
      const message = e instanceof JcicUnreachable ? e.message : String(e);
      this.unreachable(message);
      const next = new Date(this.clock.now().getTime() + backoffMs(row.attempts + 1)).toISOString();
      this.db
        .prepare('UPDATE outbox SET attempts = attempts + 1, next_attempt_at = ?, last_error = ? WHERE case_id = ?')
        .run(next, message, c.id);
      if (row.attempts === 0)
        this.audit.record({
          actor: null,
          action: 'jcic.unreachable',
          caseId: c.id,
          detail: { error: message, retryAt: next },
        });
      return false;
    }
  }

  /** Follows cases under review, fetches data, and delivers pending acknowledgements. */
  private async follow(gateway: JcicGateway): Promise<void> {
    const watched = this.db
      .prepare(
        `SELECT c.*, o.submission_id FROM cases c JOIN outbox o ON o.case_id = c.id
      WHERE c.state IN ('submitted', 'under_review')`,
      )
      .all() as (CaseRow & { submission_id: string })[];
    for (const c of watched) {
      try {
        const review = await gateway.status(c.submission_id);
        this.contact();
        if (review.status === 'approved') await this.receive(gateway, c);
        else if (review.status === 'rejected') this.rejected(c, review.reason);
        else if (c.state === 'submitted') this.cases.transition(c.id, 'under_review', null);
      } catch (e) {
        if (e instanceof JcicUnreachable) return this.unreachable(e.message);
        this.audit.record({
          actor: null,
          action: 'jcic.follow_failed',
          caseId: c.id,
          detail: { error: String((e as Error).message) },
        });
      }
    }
    const acks = this.db.prepare('SELECT * FROM outbox WHERE ack_pending = 1').all() as OutboxRow[];
    for (const row of acks) {
      try {
        const { deleteAfter } = await gateway.acknowledge(row.submission_id);
        this.db.prepare('UPDATE outbox SET ack_pending = 0 WHERE case_id = ?').run(row.case_id);
        this.audit.record({
          actor: null,
          action: 'jcic.acknowledged',
          caseId: row.case_id,
          detail: { submissionId: row.submission_id, jcicDeletesAfter: deleteAfter },
        });
      } catch (e) {
        if (e instanceof JcicUnreachable) return this.unreachable(e.message);
      }
    }
  }

  private async receive(gateway: JcicGateway, c: CaseRow & { submission_id: string }): Promise<void> {
    const products = await gateway.results(c.submission_id);
    const now = this.clock.now();
    let latest = now.toISOString();
    this.db.transaction(() => {
      if (c.state === 'submitted') this.cases.transition(c.id, 'under_review', null);
      for (const [product, data] of Object.entries(products)) {
        if (!data) continue;
        const expires = new Date(
          now.getTime() + this.policy.retentionDays[product as LiveProduct] * DAY_MS,
        ).toISOString();
        if (expires > latest) latest = expires;
        this.results.put(c.id, product, data, now.toISOString(), expires);
      }
      this.db.prepare('UPDATE outbox SET ack_pending = 1 WHERE case_id = ?').run(c.id);
      this.audit.record({
        actor: null,
        action: 'jcic.results_received',
        caseId: c.id,
        detail: { products: Object.keys(products) },
      });
      this.cases.transition(c.id, 'data_received', null, null, { jcic_status: 'approved', data_expires_at: latest });
    })();
  }

  private rejected(c: CaseRow, reason: { code: string; message: string } | null): void {
    const code = reason?.code ?? 'rejected';
    const to = code === 'authorization-expired' ? 'authorization_expired' : 'rejected';
    this.cases.transition(c.id, to, null, reason?.message ?? null, {
      jcic_status: 'rejected',
      rejection_code: code,
      rejection_text: reason?.message ?? '',
      data_expires_at: this.formsExpiry(c),
    });
  }

  /** Form images of a case that ends without data are kept no longer than data would be. */
  private formsExpiry(c: CaseRow): string {
    return formsKeptUntil(c.products, this.policy.retentionDays, this.clock.now());
  }

  private contact(): void {
    this.reachable = true;
    this.lastError = null;
    this.lastContactAt = this.clock.now().toISOString();
  }

  private unreachable(message: string): void {
    this.reachable = false;
    this.lastError = message;
  }

  status(sandbox: boolean, operatorUrl: string | null): JcicStatus {
    const pending = this.db
      .prepare("SELECT COUNT(*) AS n, MIN(next_attempt_at) AS next FROM outbox WHERE state = 'pending'")
      .get() as { n: number; next: string | null };
    return {
      sandbox,
      reachable: this.gatewayError ? false : this.reachable,
      lastError: this.gatewayError ?? this.lastError,
      lastContactAt: this.lastContactAt,
      pending: pending.n,
      nextAttemptAt: pending.next,
      operatorUrl,
    };
  }
}
