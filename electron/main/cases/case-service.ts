// Cases: the core every case service builds on — reading a case as its user may, the one
// transition function that enforces the state machine and records who, when and why, the
// customer's sealed identity, and intake (identifiers and the eligibility table as of today).
import type { z } from 'zod';
import type { Db } from '../store/database';
import type { Clock } from '../clock';
import type { AuditLog } from '../audit/audit-log';
import type { CaseNoteCode, Note } from '../../../common/domain/case-notes';
import { DeskError } from '../errors';
import type { StaffRecord } from '../staff/staff-directory';
import type { CaseDetail } from '../../../common/contract';
import type { NewCase } from '../../../common/contract/cases';
import { canTransition, STATE_LABELS, type CaseState } from '../../../common/domain/case-states';
import { checkEligibility, enterpriseRule, type Purpose, type SubjectRole } from '../../../common/domain/eligibility';
import type { ProductCode } from '../../../common/domain/products';
import {
  businessNumberOk,
  checkIdentifier,
  IDENTIFIER_PROBLEM_LABELS,
  isPersonKind,
} from '../../../common/identifiers';
import { taiwanDay } from '../../../common/taiwan-day';
import { RECREATABLE, type CaseRow, type PageRow } from './case-rows';
import { maskId, maskName, subjectOf, type Subject, type SubjectSeal } from './subject-seal';
import type { CaseViews } from './case-views';

export class CaseService {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
    private readonly seal: SubjectSeal,
    private readonly views: CaseViews,
  ) {}

  today(): string {
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
      this.audit.recordRefusal({ actor: user, action: 'case.access_denied', caseId });
      throw new DeskError('NOT_YOUR_CASE');
    }
    return row;
  }

  /** The one way a case changes state. */
  transition(
    caseId: number,
    to: CaseState,
    actor: StaffRecord | null,
    why: { note?: Note<CaseNoteCode>; reason?: string | null } = {},
    changes: Record<string, unknown> = {},
  ): void {
    const reason = why.reason ?? null;
    const note = why.note ? JSON.stringify(why.note) : null;
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
          'INSERT INTO case_events (case_id, at, actor_id, from_state, to_state, reason, note) VALUES (?, ?, ?, ?, ?, ?, ?)',
        )
        .run(caseId, now, actor?.id ?? null, row.state, to, reason, note);
      this.audit.record({
        actor,
        action: 'case.transition',
        caseId,
        target: `case:${caseId}`,
        detail: { from: row.state, to, ...(why.note ? { note: why.note.code } : {}), ...(reason ? { reason } : {}) },
      });
    })();
  }

  /** The customer's ID and name, opened from the vault; null once the case is purged. */
  subject(row: CaseRow): Subject | null {
    return subjectOf(this.seal, row);
  }

  pages(caseId: number): PageRow[] {
    return this.db.prepare('SELECT * FROM case_pages WHERE case_id = ? ORDER BY position').all(caseId) as PageRow[];
  }

  /** Pages of the form so far (a PDF counts its pages). */
  pageTotal(caseId: number): number {
    return this.pages(caseId).reduce((n, p) => n + p.page_count, 0);
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
      }).about('subject.idNumber');
    }
    const enterpriseNeeded = enterpriseRule(input.role);
    if (enterpriseNeeded === 'required' && !input.enterprise) throw new DeskError('ENTERPRISE_REQUIRED');
    if (enterpriseNeeded === 'none' && input.enterprise) throw new DeskError('ENTERPRISE_NOT_ALLOWED');
    if (input.enterprise && !businessNumberOk(input.enterprise.businessNumber)) {
      throw new DeskError('INVALID_IDENTIFIER', {
        field: { 'zh-TW': '統一編號', en: 'Business number' },
        detail: IDENTIFIER_PROBLEM_LABELS[/^\d{8}$/.test(input.enterprise.businessNumber) ? 'checksum' : 'format'],
      }).about('enterprise.businessNumber');
    }
    const products = [...new Set(input.products)].sort() as ProductCode[];
    assertEligible(input.purpose, input.role, products, this.today());
    const now = this.clock.now().toISOString();
    const who: Subject = { idNumber: subject.value, name: input.subject.name };
    const id = this.db.transaction(() => {
      const info = this.db
        .prepare(
          `INSERT INTO cases (state, subject_id, subject_kind, subject_name, enterprise_number, enterprise_name, role, purpose, products, created_by, created_at, updated_at)
          VALUES ('draft', '', ?, '', ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          subject.kind,
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
      this.storeSubject(caseId, who);
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
    return this.views.detail(id);
  }

  /** Seals the identity into the case (the vault binds it to this case), with its search keys. */
  storeSubject(caseId: number, who: Subject, keepSealed = true): void {
    this.db
      .prepare(
        `UPDATE cases SET subject_id = '', subject_name = '', subject_sealed = ?, subject_id_hash = ?, subject_id_masked = ?, subject_name_masked = ? WHERE id = ?`,
      )
      .run(
        keepSealed ? this.seal.seal(caseId, who) : null,
        this.seal.idHash(who.idNumber),
        maskId(who.idNumber),
        maskName(who.name),
        caseId,
      );
    this.db.prepare('DELETE FROM case_name_keys WHERE case_id = ?').run(caseId);
    const insert = this.db.prepare('INSERT OR IGNORE INTO case_name_keys (key, case_id) VALUES (?, ?)');
    for (const key of this.seal.nameKeys(who.name)) insert.run(key, caseId);
  }

  /** A new draft with the same customer, role, purpose and products as a case that ended without
   * data (rejected, lapsed) or whose data is gone: the officer only needs a new signed form. The
   * rules and the identifiers are checked again as of today. A purged case keeps no identity, so
   * the officer types it again and it must be the same person (by the keyed hash). */
  createFrom(sourceId: number, user: StaffRecord, typed?: Subject): CaseDetail {
    const source = this.visibleRow(sourceId, user);
    if (!RECREATABLE.includes(source.state)) throw new DeskError('CASE_STILL_OPEN');
    let who = this.subject(source);
    if (!who) {
      if (!typed) throw new DeskError('SUBJECT_NEEDED');
      if (this.seal.idHash(typed.idNumber) !== source.subject_id_hash) throw new DeskError('SUBJECT_MISMATCH');
      who = typed;
    }
    return this.create(
      {
        subject: who,
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
}

/** Every product must be allowed for this purpose and role on `date` (common/domain/eligibility.ts). */
export function assertEligible(
  purpose: Purpose,
  role: SubjectRole,
  products: readonly ProductCode[],
  date: string,
): void {
  for (const product of products) {
    const verdict = checkEligibility(purpose, role, product, date);
    if (!verdict.allowed) throw new DeskError('INELIGIBLE', { detail: verdict.message });
  }
}
