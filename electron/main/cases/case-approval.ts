// The paper authorization and the supervisor's decision. Confirming the authorization freezes the
// pages (their digest); the supervisor approves exactly that digest, as shown on their screen, and
// the outbox sends only pages that still match it. Every step re-reads the case inside its write
// transaction: what was checked before an await (a step-up password check) is checked again.
import type { QualityGate } from './quality-gate';
import { randomUUID } from 'node:crypto';
import type { Db } from '../store/database';
import type { Clock } from '../clock';
import type { AuditLog } from '../audit/audit-log';
import { DeskError } from '../errors';
import type { StaffRecord } from '../staff/staff-directory';
import type { CaseDetail } from '../../../common/contract';
import type { ProductCode } from '../../../common/domain/products';
import { DAY_MS } from '../../../common/taiwan-day';
import type { CaseRow } from './case-rows';
import { assertEligible, type CaseService } from './case-service';
import type { CaseViews } from './case-views';
import { pagesDigest } from './pages-digest';

/** The longest authorization period the desk accepts. */
const MAX_VALIDITY_DAYS = 365;

/** The authorization period as the customer gave it: signed by today, not over, at most a year. */
export function checkValidity(signedOn: string, validUntil: string, today: string): void {
  const problem = (at: 'signedOn' | 'validUntil', zh: string, en: string) =>
    new DeskError('AUTH_DATES_INVALID', { detail: { 'zh-TW': zh, en } }).about(at);
  if (signedOn > today) throw problem('signedOn', '簽署日期不可晚於今天', 'the signing date cannot be in the future');
  if (validUntil < signedOn)
    throw problem('validUntil', '有效期限不可早於簽署日期', 'the validity cannot end before the signing date');
  if (validUntil < today) throw problem('validUntil', '授權已過有效期限', 'the authorization has already expired');
  if (Date.parse(validUntil) - Date.parse(signedOn) > MAX_VALIDITY_DAYS * DAY_MS)
    throw problem(
      'validUntil',
      `授權期間最長 ${MAX_VALIDITY_DAYS} 天`,
      `an authorization is valid for at most ${MAX_VALIDITY_DAYS} days`,
    );
}

export class CaseApproval {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
    private readonly cases: CaseService,
    private readonly views: CaseViews,
    private readonly gate: QualityGate,
  ) {}

  capture(caseId: number, signedOn: string, validUntil: string, user: StaffRecord): CaseDetail {
    checkValidity(signedOn, validUntil, this.cases.today());
    this.db.transaction(() => {
      const row = this.cases.visibleRow(caseId, user);
      const pages = this.cases.pages(caseId);
      if (pages.length === 0) throw new DeskError('NO_PAGES');
      // A card signature left from before a send-back is no paper page: it is removed first.
      if (pages.some((p) => p.media_type === 'application/pkcs7-signature')) throw new DeskError('SIGNATURE_NOT_PAPER');
      // The rules in force on the day the customer signed decide what the form can authorize.
      assertEligible(row.purpose, row.role, JSON.parse(row.products) as ProductCode[], signedOn);
      this.cases.transition(
        caseId,
        'authorization_captured',
        user,
        {},
        {
          signed_on: signedOn,
          valid_until: validUntil,
          pages_digest: pagesDigest(pages),
          sent_back_reason: null,
          authorization_method: 'paper',
          esign_sealed: null,
        },
      );
    })();
    return this.views.detail(caseId);
  }

  requestApproval(caseId: number, user: StaffRecord): CaseDetail {
    this.db.transaction(() => {
      const row = this.cases.visibleRow(caseId, user);
      this.assertPagesFrozen(row);
      // Every finding answered, by the pages as they are now (re-read in this transaction).
      this.gate.assertPassed(row, this.cases.pages(caseId));
      this.cases.transition(caseId, 'awaiting_approval', user, {}, { sent_back_reason: null });
    })();
    return this.views.detail(caseId);
  }

  /** Approval by a supervisor who is not the preparer (checked here, whatever the UI showed), of
   * the pages whose digest their screen showed (`seenDigest`). */
  approve(caseId: number, approver: StaffRecord, via: 'own-session' | 'step-up', seenDigest: string): CaseDetail {
    this.db.transaction(() => {
      const row = this.cases.row(caseId);
      this.assertMayDecide(row, approver, 'approve');
      const digest = this.assertPagesFrozen(row);
      if (seenDigest !== digest) {
        this.audit.recordRefusal({ actor: approver, action: 'case.approval_refused_pages_changed', caseId });
        throw new DeskError('PAGES_CHANGED');
      }
      this.cases.transition(
        caseId,
        'approved',
        approver,
        via === 'step-up' ? { note: { code: 'approved_step_up', params: {} } } : {},
        {
          approved_by: approver.id,
          approved_digest: digest,
        },
      );
      this.db
        .prepare(
          "INSERT INTO outbox (case_id, submission_id, state, attempts, next_attempt_at) VALUES (?, ?, 'pending', 0, ?)",
        )
        .run(caseId, randomUUID(), this.clock.now().toISOString());
      this.cases.transition(caseId, 'queued', null, { note: { code: 'queued', params: {} } });
    })();
    return this.views.detail(caseId);
  }

  sendBack(caseId: number, approver: StaffRecord, reason: string): CaseDetail {
    this.db.transaction(() => {
      this.assertMayDecide(this.cases.row(caseId), approver, 'send back');
      this.cases.transition(caseId, 'sent_back', approver, { reason }, { sent_back_reason: reason });
    })();
    return this.views.detail(caseId);
  }

  /** The pages on record are the ones confirmed with the authorization; returns their digest. A
   * mismatch means the store changed behind the desk's back: recorded, never approved. */
  private assertPagesFrozen(row: CaseRow): string {
    const digest = pagesDigest(this.cases.pages(row.id));
    if (row.pages_digest === null || digest !== row.pages_digest) {
      this.audit.recordRefusal({
        actor: null,
        action: 'form.integrity_failed',
        caseId: row.id,
        detail: { at: row.state, expected: row.pages_digest, found: digest },
      });
      throw new DeskError('PAGES_CHANGED');
    }
    return digest;
  }

  private assertMayDecide(row: CaseRow, approver: StaffRecord, what: string): void {
    if (approver.id === row.created_by) {
      this.audit.recordRefusal({
        actor: approver,
        action: 'case.self_approval_refused',
        caseId: row.id,
        detail: { what },
      });
      throw new DeskError('PREPARER_CANNOT_APPROVE');
    }
    if (approver.role !== 'supervisor') throw new DeskError('APPROVER_NOT_SUPERVISOR');
  }
}
