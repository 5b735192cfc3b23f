// Following JCIC's review of submitted cases: asking each one's status, taking the data once it is
// approved (stored sealed, with its retention window), taking a rejection's reason, and
// acknowledging receipt until JCIC has it. An answer the desk refuses leaves the case as it was and
// says why on the case; the next poll asks again.
import { outboxProblem } from '../../../common/domain/case-notes';
import type { Db } from '../store/database';
import type { TimeSource } from '../clock';
import type { AuditLog } from '../audit/audit-log';
import type { CaseService } from '../cases/case-service';
import type { CaseRow } from '../cases/case-rows';
import type { ResultStore } from '../cases/result-store';
import type { Policy } from '../policy/policy';
import type { LiveProduct } from '../../../common/domain/products';
import { DAY_MS } from '../../../common/taiwan-day';
import { formsKeptUntil } from '../retention/retention-plan';
import { JcicAnswerRefused, JcicUnreachable, type JcicGateway } from './jcic-gateway';
import type { JcicLink } from './jcic-link';
import type { OutboxRow } from './outbox-sender';

type Watched = CaseRow & { submission_id: string };

export class ReviewFollower {
  constructor(
    private readonly db: Db,
    private readonly cases: CaseService,
    private readonly results: ResultStore,
    private readonly audit: AuditLog,
    /** The retention clock: receipt times and windows are what retention decides by. */
    private readonly retentionTime: TimeSource,
    private readonly policy: Policy,
    private readonly link: JcicLink,
  ) {}

  /** Follows cases under review, fetches data, and delivers pending acknowledgements. */
  async follow(gateway: JcicGateway): Promise<void> {
    const watched = this.db
      .prepare(
        `SELECT c.*, o.submission_id FROM cases c JOIN outbox o ON o.case_id = c.id
        WHERE c.state IN ('submitted', 'under_review') AND o.state = 'sent'`,
      )
      .all() as Watched[];
    for (const c of watched) {
      try {
        const review = await gateway.status(c.submission_id);
        this.link.contact();
        if (review.status === 'approved') await this.receive(gateway, c);
        else if (review.status === 'rejected') this.rejected(c, review.reason);
        else if (c.state === 'submitted') this.cases.transition(c.id, 'under_review', null);
        this.clearError(c.id);
      } catch (e) {
        if (e instanceof JcicUnreachable) return this.link.unreachable(e.message);
        this.failed(c.id, e as Error);
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
        if (e instanceof JcicUnreachable) return this.link.unreachable(e.message);
        if (e instanceof JcicAnswerRefused) this.failed(row.case_id, e);
      }
    }
  }

  private async receive(gateway: JcicGateway, c: Watched): Promise<void> {
    const products = await gateway.results(c.submission_id);
    const now = this.retentionTime.now();
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
      this.cases.transition(c.id, 'data_received', null, {}, { jcic_status: 'approved', data_expires_at: latest });
    })();
  }

  private rejected(c: CaseRow, reason: { code: string; message: string } | null): void {
    const code = reason?.code ?? 'rejected';
    const to = code === 'authorization-expired' ? 'authorization_expired' : 'rejected';
    this.cases.transition(
      c.id,
      to,
      null,
      { note: { code: 'jcic_rejected', params: { code } }, reason: reason?.message ?? null },
      {
        jcic_status: 'rejected',
        rejection_code: code,
        rejection_text: reason?.message ?? '',
        data_expires_at: formsKeptUntil(c.products, this.policy.retentionDays, this.retentionTime.now()),
      },
    );
  }

  /** The case says why JCIC's answer was not taken; nothing was stored. */
  private failed(caseId: number, e: Error): void {
    const refused = e instanceof JcicAnswerRefused;
    const message = refused ? `JCIC's answer was refused (${e.code}): ${e.message}` : e.message;
    if (refused) this.link.answerRefused(message);
    const problem = refused ? outboxProblem('answer_refused', { code: e.code }) : outboxProblem('follow_failed');
    this.db
      .prepare('UPDATE outbox SET last_error = ?, last_problem = ? WHERE case_id = ?')
      .run(message, problem, caseId);
    this.audit.record({
      actor: null,
      action: refused ? 'jcic.answer_refused' : 'jcic.follow_failed',
      caseId,
      detail: { error: message, ...(refused ? { code: e.code } : {}) },
    });
  }

  private clearError(caseId: number): void {
    this.db
      .prepare('UPDATE outbox SET last_error = NULL, last_problem = NULL WHERE case_id = ? AND last_error IS NOT NULL')
      .run(caseId);
  }
}
