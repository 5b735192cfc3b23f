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
import type { PageRow } from './case-rows';
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

export class QualityGate {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
    private readonly policy: Policy,
  ) {}

  /** Pages the form type has (the policy's first form type: the bank's own form). */
  expectedPages(): number {
    return this.policy.formTypes[0]!.pages;
  }

  findings(caseId: number, pages: readonly PageRow[], method: string): GateFinding[] {
    // Signed electronically, the form is a signature, not a picture: nothing to look at.
    if (method !== 'paper' || pages.some((p) => p.media_type === 'application/pkcs7-signature')) return [];
    const found = qualityFindings(
      pages.map((p) => ({
        id: p.id,
        position: p.position,
        pageCount: p.page_count,
        quality: p.quality ? (JSON.parse(p.quality) as StoredQuality) : null,
      })),
      this.expectedPages(),
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
  assertPassed(caseId: number, pages: readonly PageRow[], method: string): void {
    const open = this.findings(caseId, pages, method).filter((f) => !f.override);
    if (open.length === 0) return;
    throw new DeskError('QUALITY_GATE', {
      detail: {
        'zh-TW': open.map((f) => qualityText(f, 'zh-TW')).join('；'),
        en: open.map((f) => qualityText(f, 'en')).join('; '),
      },
    });
  }

  /** Inside the caller's transaction, which has checked the case may change. */
  override(caseId: number, key: string, reason: string, pages: readonly PageRow[], method: string, user: StaffRecord) {
    const finding = this.findings(caseId, pages, method).find((f) => f.key === key);
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
