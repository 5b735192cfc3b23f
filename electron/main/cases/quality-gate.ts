// The quality gate on a paper form (common/domain/quality-findings.ts): what the officer and the
// supervisor see, an officer's override of a finding with a recorded reason, and the refusal to send
// a form with a finding nobody answered. Every check is made again inside the write transaction
// that acts on it (pages may have changed while the screen was open).
import type { Db } from '../store/database';
import type { Clock } from '../clock';
import type { AuditLog } from '../audit/audit-log';
import type { Policy } from '../policy/policy';
import { DeskError } from '../errors';
import type { StaffRecord } from '../staff/staff-directory';
import type { CaseRow, PageRow } from './case-rows';
import type { PageQuality } from '../intake/clean-form';
import {
  qualityFindings,
  qualityText,
  type QualityFinding,
  type StoredQuality,
} from '../../../common/domain/quality-findings';

export interface FindingOverride {
  reason: string;
  by: number;
  at: string;
}

export type GateFinding = QualityFinding & { override: FindingOverride | null };

/** The ID verdict kept for a page: the customer's ID read on it, another valid one, or none. */
export function idVerdict(idsRead: string[], subjectId: string): StoredQuality['id'] {
  if (idsRead.some((id) => id.toUpperCase() === subjectId.toUpperCase())) return 'match';
  return idsRead.length > 0 ? 'other' : 'none';
}

/** What the case keeps of a page image's measurements: the numbers and a verdict on the IDs read
 * (never the IDs). */
export function storedQuality(quality: PageQuality | null, subjectId: string): string | null {
  if (!quality) return null;
  const { dpi, sharpness, ink } = quality;
  return JSON.stringify({ dpi, sharpness, ink, id: idVerdict(quality.ids, subjectId) } satisfies StoredQuality);
}

/** Inside the caller's transaction: the officer's answers about one page and the form-wide ID
 * finding it bears on, when that page is made again (or, `removed`, also the page count's); a new
 * page is judged afresh, and an id reused by a later page inherits nothing. */
export function dropAnswers(db: Db, caseId: number, pageId: number, removed = false): void {
  db.prepare(
    `DELETE FROM case_finding_overrides WHERE case_id = ? AND (finding LIKE ? OR finding = 'id_missing'${removed ? " OR finding = 'page_count'" : ''})`,
  ).run(caseId, `%:${pageId}`);
}

export class QualityGate {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
    private readonly policy: Policy,
  ) {}

  /** The case's form type: the one the officer chose, else (or if IT has since removed it) the
   * policy's first, the bank's own form. */
  formType(row: Pick<CaseRow, 'form_type'>): Policy['formTypes'][number] {
    return this.policy.formTypes.find((t) => t.id === row.form_type) ?? this.policy.formTypes[0]!;
  }

  /** Inside the caller's transaction, which has checked the case may change: the form type chosen,
   * and an answer to the old page count (given for another form) dropped. */
  chooseFormType(row: CaseRow, formType: string, user: StaffRecord): void {
    const chosen = this.policy.formTypes.find((t) => t.id === formType);
    if (!chosen) throw new DeskError('FORM_TYPE_UNKNOWN').about('formType');
    this.db.prepare('UPDATE cases SET form_type = ? WHERE id = ?').run(chosen.id, row.id);
    this.db.prepare("DELETE FROM case_finding_overrides WHERE case_id = ? AND finding = 'page_count'").run(row.id);
    this.audit.record({
      actor: user,
      action: 'form.type_chosen',
      caseId: row.id,
      detail: { formType: chosen.id, pages: chosen.pages },
    });
  }

  /** The form types a case may take, as IT named them. */
  formTypes(): { id: string; name: string; nameEn: string | null; pages: number }[] {
    return this.policy.formTypes.map(({ id, name, nameEn, pages }) => ({ id, name, nameEn: nameEn ?? null, pages }));
  }

  findings(row: CaseRow, pages: readonly PageRow[]): GateFinding[] {
    const caseId = row.id;
    // Signed electronically, the form is a signature, not a picture: nothing to look at.
    if (row.authorization_method !== 'paper' || pages.some((p) => p.media_type === 'application/pkcs7-signature'))
      return [];
    const found = qualityFindings(
      pages.map((p) => ({
        id: p.id,
        position: p.position,
        pageCount: p.page_count,
        quality: p.quality ? (JSON.parse(p.quality) as StoredQuality) : null,
      })),
      this.formType(row).pages,
    );
    const overrides = new Map(
      (
        this.db
          .prepare('SELECT finding, reason, by_staff, at FROM case_finding_overrides WHERE case_id = ?')
          .all(caseId) as { finding: string; reason: string; by_staff: number; at: string }[]
      ).map((o) => [o.finding, { reason: o.reason, by: o.by_staff, at: o.at }]),
    );
    return found.map((f) => ({ ...f, override: overrides.get(f.key) ?? null }));
  }

  /** Inside the caller's transaction: refuses while a finding has no override. */
  assertPassed(row: CaseRow, pages: readonly PageRow[]): void {
    const open = this.findings(row, pages).filter((f) => !f.override);
    if (open.length === 0) return;
    throw new DeskError('QUALITY_GATE', {
      detail: {
        'zh-TW': open.map((f) => qualityText(f, 'zh-TW')).join('；'),
        en: open.map((f) => qualityText(f, 'en')).join('; '),
      },
    });
  }

  /** Inside the caller's transaction, which has checked the case may change. */
  override(row: CaseRow, key: string, reason: string, pages: readonly PageRow[], user: StaffRecord) {
    const caseId = row.id;
    const finding = this.findings(row, pages).find((f) => f.key === key);
    if (!finding) throw new DeskError('FINDING_GONE').about('finding');
    this.db
      .prepare(
        `INSERT INTO case_finding_overrides (case_id, finding, reason, by_staff, at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (case_id, finding) DO UPDATE SET reason = excluded.reason, by_staff = excluded.by_staff, at = excluded.at`,
      )
      .run(caseId, key, reason, user.id, this.clock.now().toISOString());
    this.audit.record({
      actor: user,
      action: 'form.finding_overridden',
      caseId,
      target: `case:${caseId}`,
      detail: { finding: finding.code, page: finding.position ?? '', reason },
    });
  }
}
