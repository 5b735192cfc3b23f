// Cases: intake, the paper authorization, approval, and every state change through one
// transition function that enforces the state machine and records who, when and why.
import { randomUUID } from 'node:crypto';
import type { Db } from '../store/database';
import type { Clock } from '../clock';
import type { AuditLog } from '../audit/audit-log';
import { DeskError } from '../errors';
import type { StaffDirectory, StaffRecord } from '../staff/staff-directory';
import type { CaseDetail, CaseSummary } from '../../../common/contract';
import { canTransition, STATE_LABELS, type CaseState } from '../../../common/domain/case-states';
import { checkEligibility, enterpriseRule, type Purpose, type SubjectRole } from '../../../common/domain/eligibility';
import {
  businessNumberOk,
  checkIdentifier,
  IDENTIFIER_PROBLEM_LABELS,
  isPersonKind,
} from '../../../common/identifiers';
import type { ProductCode } from '../../../common/domain/products';
import { acceptForm, fileRejected, type FormSource } from './form-intake';
import { FORM_LIMITS } from '../../../common/domain/form-limits';
import type { FormStore } from './form-store';
import { z } from 'zod';
import type { NewCase } from '../../../common/contract/cases';
import { taiwanDay } from '../../../common/taiwan-day';

export interface CaseRow {
  id: number;
  state: CaseState;
  subject_id: string;
  subject_kind: string;
  subject_name: string;
  enterprise_number: string | null;
  enterprise_name: string | null;
  role: SubjectRole;
  purpose: Purpose;
  products: string;
  signed_on: string | null;
  valid_until: string | null;
  created_by: number;
  approved_by: number | null;
  created_at: string;
  updated_at: string;
  jcic_status: string | null;
  rejection_code: string | null;
  rejection_text: string | null;
  data_expires_at: string | null;
}

interface PageRow {
  id: number;
  case_id: number;
  position: number;
  file_name: string;
  media_type: string;
  sha256: string;
  bytes: number;
  width: number | null;
  height: number | null;
  page_count: number;
  stored_as: string;
}

/** The longest authorization period the desk accepts. */
const MAX_VALIDITY_DAYS = 365;
/** Cases that ended without data to read, from which a new one may start. */
const RECREATABLE: readonly string[] = ['rejected', 'authorization_expired', 'purged'];
const DAY = 24 * 3600 * 1000;

export const maskId = (id: string) => `${id.slice(0, 3)}****${id.slice(-3)}`;

export class CaseService {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
    private readonly staff: StaffDirectory,
    private readonly forms: FormStore,
  ) {}

  private today(): string {
    return taiwanDay(this.clock.now());
  }

  row(caseId: number): CaseRow {
    const row = this.db.prepare('SELECT * FROM cases WHERE id = ?').get(caseId) as CaseRow | undefined;
    if (!row) throw new DeskError('CASE_NOT_FOUND');
    return row;
  }

  /** Officers see the cases they prepared; supervisors see every case on this desk. */
  visibleRow(caseId: number, user: StaffRecord): CaseRow {
    const row = this.row(caseId);
    if (user.role === 'officer' && row.created_by !== user.id) {
      this.audit.record({ actor: user, action: 'case.access_denied', caseId });
      throw new DeskError('NOT_YOUR_CASE');
    }
    return row;
  }

  /** The one way a case changes state. */
  transition(
    caseId: number,
    to: CaseState,
    actor: StaffRecord | null,
    reason: string | null = null,
    changes: Record<string, unknown> = {},
  ): void {
    this.db.transaction(() => {
      const row = this.row(caseId);
      if (!canTransition(row.state, to))
        throw new DeskError('ILLEGAL_TRANSITION', { from: STATE_LABELS[row.state], to: STATE_LABELS[to] });
      const now = this.clock.now().toISOString();
      const sets = Object.keys(changes).map((k) => `${k} = @${k}`);
      this.db
        .prepare(`UPDATE cases SET ${['state = @state', 'updated_at = @now', ...sets].join(', ')} WHERE id = @id`)
        .run({ ...changes, state: to, now, id: caseId });
      this.db
        .prepare(
          'INSERT INTO case_events (case_id, at, actor_id, from_state, to_state, reason) VALUES (?, ?, ?, ?, ?, ?)',
        )
        .run(caseId, now, actor?.id ?? null, row.state, to, reason);
      this.audit.record({
        actor,
        action: 'case.transition',
        caseId,
        target: `case:${caseId}`,
        detail: { from: row.state, to, ...(reason ? { reason } : {}) },
      });
    })();
  }

  create(input: z.output<typeof NewCase>, user: StaffRecord, from?: number): CaseDetail {
    const subject = checkIdentifier(input.subject.idNumber, this.today());
    if (!subject.valid || !isPersonKind(subject.kind)) {
      const detail = subject.valid
        ? {
            'zh-TW': '查詢對象須為個人（身分證字號或統一證號）',
            en: 'the subject must be a person (national ID or resident certificate number)',
          }
        : IDENTIFIER_PROBLEM_LABELS[subject.problem!];
      throw new DeskError('INVALID_IDENTIFIER', {
        field: { 'zh-TW': '身分證字號／統一證號', en: 'ID number' },
        detail,
      });
    }
    const enterpriseNeeded = enterpriseRule(input.role);
    if (enterpriseNeeded === 'required' && !input.enterprise) throw new DeskError('ENTERPRISE_REQUIRED');
    if (enterpriseNeeded === 'none' && input.enterprise) throw new DeskError('ENTERPRISE_NOT_ALLOWED');
    if (input.enterprise && !businessNumberOk(input.enterprise.businessNumber)) {
      throw new DeskError('INVALID_IDENTIFIER', {
        field: { 'zh-TW': '統一編號', en: 'Business number' },
        detail: IDENTIFIER_PROBLEM_LABELS[/^\d{8}$/.test(input.enterprise.businessNumber) ? 'checksum' : 'format'],
      });
    }
    const products = [...new Set(input.products)].sort() as ProductCode[];
    this.assertEligible(input.purpose, input.role, products, this.today());
    const now = this.clock.now().toISOString();
    const id = this.db.transaction(() => {
      const info = this.db
        .prepare(
          `INSERT INTO cases (state, subject_id, subject_kind, subject_name, enterprise_number, enterprise_name, role, purpose, products, created_by, created_at, updated_at)
        VALUES ('draft', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          subject.value,
          subject.kind,
          input.subject.name,
          input.enterprise?.businessNumber ?? null,
          input.enterprise?.name ?? null,
          input.role,
          input.purpose,
          JSON.stringify(products),
          user.id,
          now,
          now,
        );
      const caseId = Number(info.lastInsertRowid);
      this.db
        .prepare(
          "INSERT INTO case_events (case_id, at, actor_id, from_state, to_state, reason) VALUES (?, ?, ?, NULL, 'draft', NULL)",
        )
        .run(caseId, now, user.id);
      this.audit.record({
        actor: user,
        action: 'case.created',
        caseId,
        target: `case:${caseId}`,
        detail: { role: input.role, purpose: input.purpose, products, ...(from ? { from } : {}) },
      });
      return caseId;
    })();
    return this.detail(id);
  }

  /** A new draft with the same customer, role, purpose and products as a case that ended without
   * data (rejected, lapsed) or whose data is gone: the officer only needs a new signed form. The
   * rules and the identifiers are checked again as of today. */
  createFrom(sourceId: number, user: StaffRecord): CaseDetail {
    const source = this.visibleRow(sourceId, user);
    if (!RECREATABLE.includes(source.state)) throw new DeskError('CASE_STILL_OPEN');
    return this.create(
      {
        subject: { idNumber: source.subject_id, name: source.subject_name },
        enterprise: source.enterprise_number
          ? { businessNumber: source.enterprise_number, name: source.enterprise_name ?? '' }
          : null,
        role: source.role as SubjectRole,
        purpose: source.purpose as Purpose,
        products: JSON.parse(source.products) as ProductCode[],
      },
      user,
      sourceId,
    );
  }

  private assertEligible(purpose: Purpose, role: SubjectRole, products: ProductCode[], date: string): void {
    for (const product of products) {
      const verdict = checkEligibility(purpose, role, product, date);
      if (!verdict.allowed) throw new DeskError('INELIGIBLE', { detail: verdict.message });
    }
  }

  async addPages(caseId: number, source: FormSource, user: StaffRecord): Promise<CaseDetail> {
    this.assertPagesChangeable(this.visibleRow(caseId, user));
    const accepted = await acceptForm(source, this.pageTotal(caseId));
    // The file was checked while other calls ran: the case may have been confirmed, approved or
    // filled by another import meanwhile. Files are written first (sealed), rows inside one
    // transaction that checks everything again; if it refuses, the files go.
    const stored = accepted.map((page) => this.forms.write(caseId, randomUUID(), page.mediaType, page.data));
    const now = this.clock.now().toISOString();
    try {
      this.db.transaction(() => {
        const row = this.visibleRow(caseId, user);
        this.assertPagesChangeable(row);
        const adding = accepted.reduce((n, p) => n + p.pageCount, 0);
        const room = FORM_LIMITS.maxPagesPerCase - this.pageTotal(caseId);
        if (adding > room)
          throw fileRejected(source.fileName, 'too-many-pages', { pages: adding, room: Math.max(0, room) });
        const existing = this.pages(caseId).length;
        accepted.forEach((page, i) => {
          this.db
            .prepare(
              `INSERT INTO case_pages (case_id, position, file_name, media_type, sha256, bytes, width, height, page_count, stored_as, added_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
            )
            .run(
              caseId,
              existing + i + 1,
              source.fileName,
              page.mediaType,
              page.sha256,
              page.data.length,
              page.width,
              page.height,
              page.pageCount,
              stored[i],
              now,
            );
        });
        this.audit.record({
          actor: user,
          action: 'form.imported',
          caseId,
          target: `case:${caseId}`,
          detail: { file: source.fileName, via: source.kind, pages: adding },
        });
        // Changed pages after capture need the authorization details confirmed again.
        if (row.state === 'authorization_captured') this.transition(caseId, 'draft', user, 'form pages changed');
      })();
    } catch (e) {
      for (const name of stored) this.forms.remove(caseId, name);
      throw e;
    }
    return this.detail(caseId);
  }

  private assertPagesChangeable(row: CaseRow): void {
    if (row.state !== 'draft' && row.state !== 'authorization_captured') {
      throw new DeskError('ILLEGAL_TRANSITION', {
        from: STATE_LABELS[row.state],
        to: STATE_LABELS.authorization_captured,
      });
    }
  }

  private pageTotal(caseId: number): number {
    return this.pages(caseId).reduce((n, p) => n + p.page_count, 0);
  }

  removePage(caseId: number, pageId: number, user: StaffRecord): CaseDetail {
    const row = this.visibleRow(caseId, user);
    if (row.state !== 'draft' && row.state !== 'authorization_captured')
      throw new DeskError('ILLEGAL_TRANSITION', { from: STATE_LABELS[row.state], to: STATE_LABELS.draft });
    const page = this.pages(caseId).find((p) => p.id === pageId);
    if (!page) throw new DeskError('CASE_NOT_FOUND');
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM case_pages WHERE id = ?').run(pageId);
      this.db
        .prepare('UPDATE case_pages SET position = position - 1 WHERE case_id = ? AND position > ?')
        .run(caseId, page.position);
      this.audit.record({ actor: user, action: 'form.page_removed', caseId, detail: { position: page.position } });
      if (row.state === 'authorization_captured') this.transition(caseId, 'draft', user, 'form pages changed');
    })();
    this.forms.remove(caseId, page.stored_as);
    return this.detail(caseId);
  }

  page(caseId: number, pageId: number, user: StaffRecord): { mediaType: string; dataBase64: string } {
    this.visibleRow(caseId, user);
    const page = this.pages(caseId).find((p) => p.id === pageId);
    if (!page) throw new DeskError('CASE_NOT_FOUND');
    this.audit.record({ actor: user, action: 'form.viewed', caseId, detail: { position: page.position } });
    return { mediaType: page.media_type, dataBase64: this.forms.read(caseId, page.stored_as).toString('base64') };
  }

  captureAuthorization(caseId: number, signedOn: string, validUntil: string, user: StaffRecord): CaseDetail {
    const row = this.visibleRow(caseId, user);
    if (this.pages(caseId).length === 0) throw new DeskError('NO_PAGES');
    const today = this.today();
    const problem = (zh: string, en: string) => new DeskError('AUTH_DATES_INVALID', { detail: { 'zh-TW': zh, en } });
    if (signedOn > today) throw problem('簽署日期不可晚於今天', 'the signing date cannot be in the future');
    if (validUntil < signedOn)
      throw problem('有效期限不可早於簽署日期', 'the validity cannot end before the signing date');
    if (validUntil < today) throw problem('授權已過有效期限', 'the authorization has already expired');
    if (Date.parse(validUntil) - Date.parse(signedOn) > MAX_VALIDITY_DAYS * DAY)
      throw problem(
        `授權期間最長 ${MAX_VALIDITY_DAYS} 天`,
        `an authorization is valid for at most ${MAX_VALIDITY_DAYS} days`,
      );
    // The rules in force on the day the customer signed decide what the form can authorize.
    this.assertEligible(row.purpose, row.role, JSON.parse(row.products), signedOn);
    this.transition(caseId, 'authorization_captured', user, null, { signed_on: signedOn, valid_until: validUntil });
    return this.detail(caseId);
  }

  requestApproval(caseId: number, user: StaffRecord): CaseDetail {
    this.visibleRow(caseId, user);
    this.transition(caseId, 'awaiting_approval', user);
    return this.detail(caseId);
  }

  /** Approval by a supervisor who is not the preparer (checked here, whatever the UI showed). */
  approve(caseId: number, approver: StaffRecord, via: 'own-session' | 'step-up'): CaseDetail {
    const row = this.row(caseId);
    this.assertMayDecide(row, approver, 'approve');
    this.db.transaction(() => {
      this.transition(
        caseId,
        'approved',
        approver,
        via === 'step-up' ? 'approved at the preparing desk (step-up)' : null,
        { approved_by: approver.id },
      );
      this.db
        .prepare(
          "INSERT INTO outbox (case_id, submission_id, state, attempts, next_attempt_at) VALUES (?, ?, 'pending', 0, ?)",
        )
        .run(caseId, randomUUID(), this.clock.now().toISOString());
      this.transition(caseId, 'queued', null, 'placed in the JCIC outbox');
    })();
    return this.detail(caseId);
  }

  sendBack(caseId: number, approver: StaffRecord, reason: string): CaseDetail {
    const row = this.row(caseId);
    this.assertMayDecide(row, approver, 'send back');
    this.transition(caseId, 'authorization_captured', approver, reason);
    return this.detail(caseId);
  }

  private assertMayDecide(row: CaseRow, approver: StaffRecord, what: string): void {
    if (approver.id === row.created_by) {
      this.audit.record({ actor: approver, action: 'case.self_approval_refused', caseId: row.id, detail: { what } });
      throw new DeskError('PREPARER_CANNOT_APPROVE');
    }
    if (approver.role !== 'supervisor') throw new DeskError('APPROVER_NOT_SUPERVISOR');
  }

  pages(caseId: number): PageRow[] {
    return this.db.prepare('SELECT * FROM case_pages WHERE case_id = ? ORDER BY position').all(caseId) as PageRow[];
  }

  list(scope: 'mine' | 'awaiting_approval' | 'all', user: StaffRecord, search?: string): CaseSummary[] {
    let rows: CaseRow[];
    if (scope === 'awaiting_approval')
      rows = this.db
        .prepare("SELECT * FROM cases WHERE state = 'awaiting_approval' ORDER BY updated_at")
        .all() as CaseRow[];
    else if (scope === 'mine' || user.role === 'officer')
      rows = this.db.prepare('SELECT * FROM cases WHERE created_by = ? ORDER BY id DESC').all(user.id) as CaseRow[];
    else rows = this.db.prepare('SELECT * FROM cases ORDER BY id DESC').all() as CaseRow[];
    if (scope === 'awaiting_approval' && user.role === 'officer') rows = rows.filter((r) => r.created_by === user.id);
    if (search) rows = rows.filter(matches(search));
    return rows.map((r) => this.summary(r));
  }

  private staffRef(id: number | null): { employeeId: string; name: string } | null {
    if (id === null) return null;
    const m = this.staff.get(id);
    return m ? { employeeId: m.employeeId, name: m.name } : { employeeId: `#${id}`, name: '' };
  }

  summary(r: CaseRow): CaseSummary {
    return {
      id: r.id,
      state: r.state,
      subjectName: r.subject_name,
      subjectIdMasked: maskId(r.subject_id),
      role: r.role,
      purpose: r.purpose,
      products: JSON.parse(r.products),
      preparedBy: this.staffRef(r.created_by)!,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
      dataExpiresAt: r.data_expires_at,
    };
  }

  detail(caseId: number): CaseDetail {
    const r = this.row(caseId);
    const events = this.db.prepare('SELECT * FROM case_events WHERE case_id = ? ORDER BY id').all(caseId) as {
      at: string;
      actor_id: number | null;
      from_state: CaseState | null;
      to_state: CaseState;
      reason: string | null;
    }[];
    const outbox = this.db.prepare('SELECT * FROM outbox WHERE case_id = ?').get(caseId) as
      | { state: 'pending' | 'sent' | 'failed'; attempts: number; next_attempt_at: string; last_error: string | null }
      | undefined;
    const results = this.db.prepare('SELECT COUNT(*) AS n FROM case_results WHERE case_id = ?').get(caseId) as {
      n: number;
    };
    return {
      ...this.summary(r),
      subjectId: r.subject_id,
      subjectKind: r.subject_kind,
      enterprise: r.enterprise_number ? { businessNumber: r.enterprise_number, name: r.enterprise_name ?? '' } : null,
      signedOn: r.signed_on,
      validUntil: r.valid_until,
      approvedBy: this.staffRef(r.approved_by),
      pages: this.pages(caseId).map((p) => ({
        id: p.id,
        position: p.position,
        fileName: p.file_name,
        mediaType: p.media_type,
        bytes: p.bytes,
        width: p.width,
        height: p.height,
        pageCount: p.page_count,
      })),
      events: events.map((e) => ({
        at: e.at,
        actor: this.staffRef(e.actor_id),
        from: e.from_state,
        to: e.to_state,
        reason: e.reason,
      })),
      outbox: outbox
        ? {
            state: outbox.state,
            attempts: outbox.attempts,
            nextAttemptAt: outbox.next_attempt_at,
            lastError: outbox.last_error,
          }
        : null,
      rejection: r.rejection_code ? { code: r.rejection_code, message: r.rejection_text ?? '' } : null,
      resultsAvailable: results.n > 0,
    };
  }
}

/** The list's search: a case number, a whole ID or business number (never a fragment of one, so the
 * box can't be used to fish for numbers), or part of the customer's or enterprise's name. */
function matches(search: string): (r: CaseRow) => boolean {
  const text = search.trim();
  const caseNumber = /^#?(\d{1,9})$/.exec(text);
  const upper = text.toUpperCase();
  return (r) =>
    (caseNumber !== null && r.id === Number(caseNumber[1])) ||
    r.subject_id === upper ||
    r.enterprise_number === upper ||
    r.subject_name.includes(text) ||
    (r.enterprise_name ?? '').includes(text);
}
