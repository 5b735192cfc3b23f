// Sending one queued case: the pages read back and checked against what the supervisor approved,
// the customer's identity opened, the submission made with the case's fixed submission id. What
// JCIC answers decides the case; an answer the desk refuses, or a line that is down, keeps the case
// queued for another try with the same id (JCIC treats a repeated id as the same submission).
// A paper form goes as one PDF of every page in order (form-combine.ts, off this thread): the
// requirement is one PDF per authorization, and the same pages make the same bytes on every try.
import { outboxProblem } from '../../../common/domain/case-notes';
import { createHash } from 'node:crypto';
import type { Db } from '../store/database';
import type { Clock, TimeSource } from '../clock';
import type { AuditLog } from '../audit/audit-log';
import type { CaseService } from '../cases/case-service';
import type { CaseRow } from '../cases/case-rows';
import { pagesDigest } from '../cases/pages-digest';
import type { FormStore } from '../cases/form-store';
import type { StaffDirectory } from '../staff/staff-directory';
import type { Policy } from '../policy/policy';
import { JcicAnswerRefused, JcicRefused, type JcicGateway, type JcicSubmission } from './jcic-gateway';
import { formsKeptUntil } from '../retention/retention-plan';
import type { JcicLink } from './jcic-link';
import { COMBINE_LIMITS, combineForm, FormCombineError, type CombineItem, type CombineLimits } from './form-combine';

export interface OutboxRow {
  case_id: number;
  submission_id: string;
  state: 'pending' | 'sent' | 'failed';
  attempts: number;
  next_attempt_at: string;
  ack_pending: number;
  last_problem: string | null;
}

export const backoffMs = (attempts: number) => Math.min(60_000, 1000 * 2 ** Math.min(attempts, 6));

export class OutboxSender {
  combineLimits: CombineLimits = COMBINE_LIMITS;

  constructor(
    private readonly db: Db,
    private readonly cases: CaseService,
    private readonly forms: FormStore,
    private readonly staff: StaffDirectory,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
    private readonly retentionTime: TimeSource,
    private readonly policy: Policy,
    private readonly link: JcicLink,
  ) {}

  /** Sends one case; false when JCIC could not be reached (the round stops there). */
  async send(gateway: JcicGateway, row: OutboxRow): Promise<boolean> {
    const c = this.cases.row(row.case_id);
    if (c.state !== 'queued') {
      this.db
        .prepare("UPDATE outbox SET state = 'failed', last_error = ?, last_problem = ? WHERE case_id = ?")
        .run(`case is ${c.state}`, outboxProblem('case_moved_on'), c.id);
      return true;
    }
    let submission: JcicSubmission;
    try {
      submission = await this.submission(c, row);
    } catch (e) {
      if (e instanceof FormCombineError && e.retryable) return this.notCombinedYet(row, e);
      if (e instanceof FormCombineError) {
        // The approved pages cannot be read into one PDF: trying again gives the same. IT must look.
        const message = `not combined: ${e.message}`;
        this.db
          .prepare("UPDATE outbox SET state = 'failed', last_error = ?, last_problem = ? WHERE case_id = ?")
          .run(message, outboxProblem('not_combinable'), c.id);
        this.audit.record({
          actor: null,
          action: 'form.combine_failed',
          caseId: c.id,
          detail: { error: message, final: true },
        });
        return true;
      }
      // Never send a form other than the approved one, and never retry that: IT must look.
      const message = `not sent: ${(e as Error).message}`;
      this.db
        .prepare("UPDATE outbox SET state = 'failed', last_error = ?, last_problem = ? WHERE case_id = ?")
        .run(message, outboxProblem('not_sent_integrity'), c.id);
      this.audit.record({ actor: null, action: 'form.integrity_failed', caseId: c.id, detail: { error: message } });
      return true;
    }
    // Making the one PDF took a while: the case may have moved on meanwhile (its authorization
    // lapsed, the retention sweep expired it). Read again, with no await before the send.
    const still = this.cases.row(row.case_id);
    if (still.state !== 'queued') {
      this.db
        .prepare("UPDATE outbox SET state = 'failed', last_error = ?, last_problem = ? WHERE case_id = ?")
        .run(`case is ${still.state}`, outboxProblem('case_moved_on'), c.id);
      return true;
    }
    try {
      const answer = await gateway.submit(submission);
      this.link.contact();
      this.db.transaction(() => {
        this.db
          .prepare(
            "UPDATE outbox SET state = 'sent', sent_at = ?, attempts = attempts + 1, last_error = NULL, last_problem = NULL WHERE case_id = ?",
          )
          .run(this.clock.now().toISOString(), c.id);
        this.audit.record({
          actor: null,
          action: 'jcic.submitted',
          caseId: c.id,
          detail: { submissionId: row.submission_id, attempt: row.attempts + 1, duplicate: answer.duplicate },
        });
        this.cases.transition(c.id, 'submitted', null, {}, { jcic_status: answer.status });
        if (answer.status === 'rejected') return; // the follower reads the reason
        this.cases.transition(c.id, 'under_review', null);
      })();
      return true;
    } catch (e) {
      if (e instanceof JcicRefused) {
        this.link.contact();
        this.db.transaction(() => {
          this.db
            .prepare(
              "UPDATE outbox SET state = 'failed', attempts = attempts + 1, last_error = ?, last_problem = ? WHERE case_id = ?",
            )
            .run(`${e.code}: ${e.message}`, outboxProblem('refused', { code: e.code }), c.id);
          this.cases.transition(
            c.id,
            'rejected',
            null,
            { note: { code: 'jcic_refused', params: { code: e.code } }, reason: e.message },
            {
              rejection_code: e.code,
              rejection_text: e.message,
              data_expires_at: formsKeptUntil(c.products, this.policy.retentionDays, this.retentionTime.now()),
            },
          );
        })();
        return true;
      }
      const refused = e instanceof JcicAnswerRefused;
      const message = refused ? `JCIC's answer was refused (${e.code}): ${e.message}` : (e as Error).message;
      if (refused) this.link.answerRefused(message);
      else this.link.unreachable(message);
      const next = new Date(this.clock.now().getTime() + backoffMs(row.attempts + 1)).toISOString();
      this.db
        .prepare(
          'UPDATE outbox SET attempts = attempts + 1, next_attempt_at = ?, last_error = ?, last_problem = ? WHERE case_id = ?',
        )
        .run(
          next,
          message,
          refused ? outboxProblem('answer_refused', { code: e.code }) : outboxProblem('unreachable'),
          c.id,
        );
      if (refused)
        this.audit.record({
          actor: null,
          action: 'jcic.answer_refused',
          caseId: c.id,
          detail: { code: e.code, error: e.message, retryAt: next },
        });
      else if (row.last_problem !== outboxProblem('unreachable'))
        // Once an outage starts for this case (not at each retry).
        this.audit.record({
          actor: null,
          action: 'jcic.unreachable',
          caseId: c.id,
          detail: { error: message, retryAt: next },
        });
      return refused; // a refused answer is not a line that is down: the round goes on
    }
  }

  /** The approved pages could not be made into one PDF this time (a worker over its time or memory on
   * a busy PC, or one that stopped): nothing is wrong with the form, so the case stays queued and is
   * tried again with backoff, as when JCIC is down. Recorded once, when it starts. */
  private notCombinedYet(row: OutboxRow, e: FormCombineError): boolean {
    const message = `not combined: ${e.message}`;
    const next = new Date(this.clock.now().getTime() + backoffMs(row.attempts + 1)).toISOString();
    this.db.transaction(() => {
      const { last_problem } = this.db
        .prepare('SELECT last_problem FROM outbox WHERE case_id = ?')
        .get(row.case_id) as {
        last_problem: string | null;
      };
      const problem = outboxProblem('not_combined');
      this.db
        .prepare(
          'UPDATE outbox SET attempts = attempts + 1, next_attempt_at = ?, last_error = ?, last_problem = ? WHERE case_id = ?',
        )
        .run(next, message, problem, row.case_id);
      if (last_problem !== problem)
        this.audit.record({
          actor: null,
          action: 'form.combine_failed',
          caseId: row.case_id,
          detail: { error: message, retryAt: next },
        });
    })();
    return true; // the link is fine: the round goes on with the other cases
  }

  /** The submission exactly as approved, or an error saying why it must not be sent. */
  private async submission(c: CaseRow, row: OutboxRow): Promise<JcicSubmission> {
    const rows = this.cases.pages(c.id);
    const pages = rows.map((p) => {
      let data: Buffer;
      try {
        data = this.forms.read(c.id, p.stored_as);
      } catch {
        throw new Error(
          `form page ${p.position} changed on disk after approval (it no longer opens with this desk's key)`,
        );
      }
      // The form on disk must still be the one the supervisor approved…
      if (createHash('sha256').update(data).digest('hex') !== p.sha256)
        throw new Error(`form page ${p.position} changed on disk after approval`);
      return { mediaType: p.media_type, sha256: p.sha256, data };
    });
    // …and the pages on record the ones approved: none added, removed or reordered since.
    if (c.approved_digest === null || pagesDigest(rows) !== c.approved_digest)
      throw new Error('the form pages on record are not the pages the supervisor approved');
    // Combined only once every item is known to be the approved one.
    const document =
      c.authorization_method === 'paper'
        ? await onePdf(
            rows.map((p, i) => ({ ...pages[i]!, position: p.position, pageCount: p.page_count })),
            this.combineLimits,
          )
        : pages;
    const subject = this.cases.subject(c);
    if (!subject) throw new Error("the case no longer holds the customer's identity");
    const officer = this.staff.get(c.created_by)!;
    const approver = this.staff.get(c.approved_by!)!;
    return {
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
      authorization: { method: c.authorization_method, signedOn: c.signed_on!, validUntil: c.valid_until! },
      pages: document,
    };
  }
}

type Item = { mediaType: string; sha256: string; data: Buffer };
const COMBINABLE = new Set<string>(['application/pdf', 'image/png', 'image/jpeg']);

/** A paper form as its one PDF entry. A form that is one PDF already (the bank's one-page form, or a
 * single imported file) goes as stored, written by the desk's intake: combining it again would only
 * cost a worker's time. */
async function onePdf(
  items: (Item & { position: number; pageCount: number })[],
  limits: CombineLimits,
): Promise<Item[]> {
  if (items.length === 1 && items[0]!.mediaType === 'application/pdf') {
    const { mediaType, sha256, data } = items[0]!;
    return [{ mediaType, sha256, data }];
  }
  const combinable = items.map(({ mediaType, sha256, pageCount, data, position }): CombineItem => {
    if (!COMBINABLE.has(mediaType))
      throw new Error(`form page ${position} is ${mediaType}, which a paper form's PDF cannot hold`);
    return { mediaType: mediaType as CombineItem['mediaType'], sha256, pageCount, data };
  });
  const data = await combineForm(combinable, limits); // FormCombineError: tried again later
  return [{ mediaType: 'application/pdf', sha256: createHash('sha256').update(data).digest('hex'), data }];
}
