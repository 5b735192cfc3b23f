// How the sandbox pre-reviews an authorization (JCIC reviews 100 % before any query). Documented
// test IDs give deterministic outcomes for training and tests (docs/jcic-message-contract.md).
import { checkEligibility, type Purpose, type SubjectRole } from '../../common/domain/eligibility';
import type { ProductCode } from '../../common/domain/products';

export const REJECTION_REASONS = {
  'form-unreadable': '授權書影像無法辨識，請重新掃描 / The authorization form image is unreadable; capture it again',
  'signature-missing': "授權書未見客戶簽名 / The customer's signature is missing from the form",
  'purpose-not-allowed': '查詢目的或對象不符規定 / The purpose or the subject is not allowed for this product',
  'authorization-used': '此授權書已使用，單次授權不得重複查詢 / This single-use authorization has already been used',
  'authorization-expired': '授權書已逾有效期間 / The authorization is past its validity period',
  'manual-rejection': '審核人員退件 / Rejected by the reviewer',
} as const;
export type RejectionCode = keyof typeof REJECTION_REASONS;

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
