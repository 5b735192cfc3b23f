// What the contract shows of a case: a summary for lists (the customer masked) and the detail for
// the case screen (the customer in full while the case holds the identity).
import type { QualityGate } from './quality-gate';
import type { Db } from '../store/database';
import type { ResultStore } from './result-store';
import type { StaffDirectory } from '../staff/staff-directory';
import type { CaseDetail, CaseSummary } from '../../../common/contract';
import type { CaseState } from '../../../common/domain/case-states';
import type { CaseRow, PageRow } from './case-rows';
import { legacyNote, type Note } from '../../../common/domain/case-notes';
import { maskId, maskName, subjectOf, type SubjectSeal } from './subject-seal';

interface EventRow {
  at: string;
  actor_id: number | null;
  from_state: CaseState | null;
  to_state: CaseState;
  reason: string | null;
  note: string | null;
}

interface OutboxView {
  state: 'pending' | 'sent' | 'failed';
  attempts: number;
  next_attempt_at: string;
  last_error: string | null;
  last_problem: string | null;
}

export class CaseViews {
  constructor(
    private readonly db: Db,
    private readonly staff: StaffDirectory,
    private readonly seal: SubjectSeal,
    /** Data past its window is not offered, even before the sweep (the store decides). */
    private readonly results: ResultStore,
    private readonly gate: QualityGate,
  ) {}

  private staffRef(
    id: number | null,
    known?: Map<number, { employeeId: string; name: string }>,
  ): { employeeId: string; name: string } | null {
    if (id === null) return null;
    const seen = known?.get(id);
    if (seen) return seen;
    const m = this.staff.get(id);
    const ref = m ? { employeeId: m.employeeId, name: m.name } : { employeeId: `#${id}`, name: '' };
    known?.set(id, ref);
    return ref;
  }

  /** A page of summaries: each preparer looked up once (a page is mostly a few officers' cases). */
  summaries(rows: CaseRow[]): CaseSummary[] {
    const known = new Map<number, { employeeId: string; name: string }>();
    return rows.map((r) => this.summary(r, known));
  }

  summary(r: CaseRow, known?: Map<number, { employeeId: string; name: string }>): CaseSummary {
    return {
      id: r.id,
      state: r.state,
      // Lists never carry the identity: the masks are kept in clear for exactly this.
      subjectNameMasked: r.subject_name_masked ?? (r.subject_name ? maskName(r.subject_name) : '○'),
      subjectIdMasked: r.subject_id_masked ?? (r.subject_id ? maskId(r.subject_id) : '****'),
      role: r.role,
      purpose: r.purpose,
      products: JSON.parse(r.products),
      preparedBy: this.staffRef(r.created_by, known)!,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
      dataExpiresAt: r.data_expires_at,
      sentBackReason: r.state === 'sent_back' ? (r.sent_back_reason ?? null) : null,
    };
  }

  detail(caseId: number): CaseDetail {
    const r = this.db.prepare('SELECT * FROM cases WHERE id = ?').get(caseId) as CaseRow;
    const events = this.db.prepare('SELECT * FROM case_events WHERE case_id = ? ORDER BY id').all(caseId) as EventRow[];
    const outbox = this.db.prepare('SELECT * FROM outbox WHERE case_id = ?').get(caseId) as OutboxView | undefined;
    const pages = this.db
      .prepare('SELECT * FROM case_pages WHERE case_id = ? ORDER BY position')
      .all(caseId) as PageRow[];
    return {
      ...this.summary(r),
      subject: subjectOf(this.seal, r),
      subjectKind: r.subject_kind,
      enterprise: r.enterprise_number ? { businessNumber: r.enterprise_number, name: r.enterprise_name ?? '' } : null,
      signedOn: r.signed_on,
      validUntil: r.valid_until,
      approvedBy: this.staffRef(r.approved_by),
      pagesDigest: r.pages_digest,
      pages: pages.map((p) => ({
        id: p.id,
        position: p.position,
        fileName: p.file_name,
        mediaType: p.media_type,
        bytes: p.bytes,
        width: p.width,
        height: p.height,
        pageCount: p.page_count,
        editable: p.original_as !== null,
      })),
      quality: {
        expectedPages: this.gate.formType(r).pages,
        formType: this.gate.formType(r).id,
        formTypes: this.gate.formTypes(),
        findings: this.gate.findings(r, pages).map(({ override, ...f }) => ({
          ...f,
          override: override ? { reason: override.reason, at: override.at, by: this.staffRef(override.by) } : null,
        })),
      },
      events: events.map((e) => ({
        at: e.at,
        actor: this.staffRef(e.actor_id),
        from: e.from_state,
        to: e.to_state,
        ...eventNote(e),
      })),
      outbox: outbox
        ? {
            state: outbox.state,
            attempts: outbox.attempts,
            nextAttemptAt: outbox.next_attempt_at,
            problem: outbox.last_problem ? (JSON.parse(outbox.last_problem) as Note) : null,
            lastError: outbox.last_error,
          }
        : null,
      rejection: r.rejection_code ? { code: r.rejection_code, message: r.rejection_text ?? '' } : null,
      resultsAvailable: this.results.count(caseId) > 0,
      authorizationMethod: r.authorization_method,
      // Records sealed before C3 imports have no identity.
      esign: r.esign_sealed
        ? ({
            identity: null,
            ...this.seal.openEsign<Partial<NonNullable<CaseDetail['esign']>>>(r.id, r.esign_sealed),
          } as NonNullable<CaseDetail['esign']>)
        : null,
    };
  }
}

/** A history line's note and text; lines from before notes were codes are read as codes. */
function eventNote(e: EventRow): { note: Note | null; reason: string | null } {
  if (e.note) return { note: JSON.parse(e.note) as Note, reason: e.reason };
  const legacy = e.reason ? legacyNote(e.reason) : null;
  return legacy ? { note: legacy, reason: null } : { note: null, reason: e.reason };
}
