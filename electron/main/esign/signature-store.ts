// Where a signed authorization goes, whoever signed it (the customer's MOICA card at the counter, or
// a C3 certificate in the online channel): the CMS becomes the case's one form page, what the
// certificate checks found is sealed with the case, and the case is confirmed. The case is checked
// again inside the write transaction: verifying took time, and the case may have moved on.
import { createHash, randomUUID } from 'node:crypto';
import type { Db } from '../store/database';
import type { Clock } from '../clock';
import type { AuditLog } from '../audit/audit-log';
import { DeskError } from '../errors';
import type { StaffRecord } from '../staff/staff-directory';
import type { CaseService } from '../cases/case-service';
import { assertEligible } from '../cases/case-service';
import type { CaseRow } from '../cases/case-rows';
import type { FormStore } from '../cases/form-store';
import type { SubjectSeal } from '../cases/subject-seal';
import { pagesDigest } from '../cases/pages-digest';
import type { CertReport } from '../cardcheck/cert-check';
import type { CaseDetail } from '../../../common/contract';
import type { ProductCode } from '../../../common/domain/products';

export type EsignRecord = NonNullable<CaseDetail['esign']>;

export const SIGNATURE_MEDIA_TYPE = 'application/pkcs7-signature';

/** What the supervisor will see of a signature: the holder, each check, the revocation answer. */
export function esignRecord(
  report: CertReport,
  certSha256: string,
  signingTime: Date,
  identity: EsignRecord['identity'] = null,
): EsignRecord {
  return {
    signerName: report.holder.name,
    idLastFour: report.holder.idLastFour,
    certSha256,
    signedAt: signingTime.toISOString(),
    verdict: report.verdict,
    checks: report.checks,
    revocation: report.revocation
      ? { status: report.revocation.status, source: 'source' in report.revocation ? report.revocation.source : null }
      : null,
    identity,
  };
}

export class SignatureStore {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
    private readonly cases: CaseService,
    private readonly forms: FormStore,
    private readonly seal: SubjectSeal,
  ) {}

  /** A draft (or sent back) with no paper pages, whose products the rules allow today. */
  assertSignable(row: CaseRow, today: string): void {
    if (!['draft', 'sent_back'].includes(row.state) || this.cases.pages(row.id).length > 0)
      throw new DeskError('ESIGN_NOT_NOW');
    assertEligible(row.purpose, row.role, JSON.parse(row.products) as ProductCode[], today);
  }

  store(input: {
    caseId: number;
    user: StaffRecord;
    cms: Buffer;
    record: EsignRecord;
    method: 'moica' | 'c3';
    signedOn: string;
    validUntil: string;
    audit: { action: string; detail: Record<string, unknown> };
  }): void {
    const { caseId, user, cms } = input;
    const today = this.cases.today();
    const stored = this.forms.write(caseId, randomUUID(), SIGNATURE_MEDIA_TYPE, cms);
    try {
      this.db.transaction(() => {
        this.assertSignable(this.cases.visibleRow(caseId, user), today);
        this.db
          .prepare(
            `INSERT INTO case_pages (case_id, position, file_name, media_type, sha256, bytes, width, height, page_count, stored_as, added_at)
            VALUES (?, 1, 'authorization.p7s', ?, ?, ?, 0, 0, 1, ?, ?)`,
          )
          .run(
            caseId,
            SIGNATURE_MEDIA_TYPE,
            createHash('sha256').update(cms).digest('hex'),
            cms.length,
            stored,
            this.clock.now().toISOString(),
          );
        this.audit.record({
          actor: user,
          action: input.audit.action,
          caseId,
          target: `case:${caseId}`,
          detail: input.audit.detail,
        });
        this.cases.transition(
          caseId,
          'authorization_captured',
          user,
          {},
          {
            signed_on: input.signedOn,
            valid_until: input.validUntil,
            pages_digest: pagesDigest(this.cases.pages(caseId)),
            sent_back_reason: null,
            authorization_method: input.method,
            esign_sealed: this.seal.sealEsign(caseId, input.record),
          },
        );
      })();
    } catch (e) {
      this.forms.remove(caseId, stored);
      throw e;
    }
  }
}
