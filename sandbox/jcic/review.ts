// How the sandbox pre-reviews an authorization (JCIC reviews 100 % before any query). Documented
// test IDs give deterministic outcomes for training and tests (docs/jcic-message-contract.md).
import { checkEligibility, type Purpose, type SubjectRole } from '../../common/domain/eligibility';
import type { ProductCode } from '../../common/domain/products';
import { JCIC_REJECTIONS } from '../../common/domain/case-notes';

/** JCIC's rejection codes and what each says: the published list (docs/jcic-message-contract.md),
 * the same table the desk reads them by. The codes are stable. Only the zh-TW text goes to the
 * desk, as JCIC's own words; the English is for the trainer's page. */
export const REJECTION_REASONS = JCIC_REJECTIONS;
export type RejectionCode = keyof typeof REJECTION_REASONS;
export const REJECTION_CODES = Object.keys(REJECTION_REASONS) as RejectionCode[];

export const isRejectionCode = (code: string): code is RejectionCode =>
  (REJECTION_CODES as readonly string[]).includes(code);

/** The message JCIC sends with a code: the zh-TW reason, and the reviewer's note after it when there is one. */
export function rejectionMessage(code: RejectionCode, detail?: string | null): string {
  const text = REJECTION_REASONS[code]['zh-TW'];
  return detail ? `${text}（${detail}）` : text;
}

/** Test IDs (valid checksums) with fixed outcomes. */
export const TEST_IDS: Record<string, RejectionCode | 'manual'> = {
  T100000007: 'form-unreadable',
  T200000009: 'signature-missing',
  T200000018: 'purpose-not-allowed',
  T100000016: 'manual', // waits for a trainer on the operator page
};

export interface ReviewInput {
  subjectId: string;
  role: SubjectRole;
  purpose: Purpose;
  products: ProductCode[];
  signedOn: string;
  validUntil: string;
}

export type ReviewOutcome =
  { decision: 'approve' } | { decision: 'reject'; code: RejectionCode; detail?: string } | { decision: 'manual' };

export function review(input: ReviewInput, today: string): ReviewOutcome {
  const fixed = TEST_IDS[input.subjectId];
  if (fixed === 'manual') return { decision: 'manual' };
  if (fixed) return { decision: 'reject', code: fixed };
  for (const product of input.products) {
    // The rules apply as of the day the customer signed.
    const verdict = checkEligibility(input.purpose, input.role, product, input.signedOn);
    if (!verdict.allowed) return { decision: 'reject', code: 'purpose-not-allowed', detail: verdict.message['zh-TW'] };
  }
  if (input.validUntil < today) return { decision: 'reject', code: 'authorization-expired' };
  return { decision: 'approve' };
}
