// Steps the electronic-authorization tests share: a borrower's credit case for a customer, and the
// customer signing it with the card in the reader (the document asked for first, as the screen does).
import type { DeskFixture } from './desk-fixture';
import { plusDays } from './case-flow-kit';

export const borrowerCase = async (
  f: DeskFixture,
  subject: { idNumber: string; name: string },
  products: ('T50' | 'T51' | 'T52')[] = ['T50', 'T51'],
) => (await f.ok('cases.create', { subject, enterprise: null, role: 'borrower', purpose: 'credit', products })).id;

export async function signWithCard(
  f: DeskFixture,
  input: { caseId: number; insertion: string; pin: string; confirmFinalTry?: boolean; validUntil?: string },
) {
  const validUntil = input.validUntil ?? plusDays(30);
  const doc = await f.ok('esign.document', { caseId: input.caseId, validUntil });
  return f.call('esign.sign', {
    caseId: input.caseId,
    validUntil,
    issuedAt: doc.issuedAt,
    documentSha256: doc.sha256,
    insertion: input.insertion,
    pin: input.pin,
    confirmFinalTry: input.confirmFinalTry ?? false,
  });
}
