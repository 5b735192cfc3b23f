// What a JCIC answer must be before the desk acts on it (docs/jcic-message-contract.md): signed by a
// certificate the pinned CA issued and valid now, for this request (it echoes the request's id) and
// this submission, dated close to the desk's clock and not before the request, and of the declared
// shape. Anything else is refused as an answer — the work is kept and asked again — never stored.
import { verify, X509Certificate } from 'node:crypto';
import { z } from 'zod';
import type { TimeSource } from '../clock';
import { ProductResults } from '../../../common/domain/result-schemas';

/** How far JCIC's clock may be from the desk's before an answer counts as out of time. */
export const ANSWER_CLOCK_TOLERANCE_MS = 10 * 60_000;
/** The largest answer read (the data of three products is a few hundred KB). */
export const MAX_ANSWER_BYTES = 8 * 1024 * 1024;

/** JCIC (or something in its place) answered with something the desk will not act on. */
export class JcicAnswerRefused extends Error {
  override name = 'JcicAnswerRefused';
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const refuse = (code: string, message: string): never => {
  throw new JcicAnswerRefused(code, message);
};

export class SignerCheck {
  /** Signer certificates already checked against the pinned CA, by the header that carried them. */
  private readonly trusted = new Map<string, X509Certificate>();

  constructor(
    private readonly ca: X509Certificate,
    private readonly clock: TimeSource,
  ) {}

  /** Every answer must carry a signature by a signer certificate that JCIC's (pinned) CA issued. */
  verify(body: Buffer, signature: string | string[] | undefined, signerHeader: string | string[] | undefined): void {
    if (typeof signature !== 'string' || typeof signerHeader !== 'string')
      refuse('unsigned-answer', "JCIC's answer is not signed");
    let signer = this.trusted.get(signerHeader as string);
    if (!signer) {
      try {
        signer = new X509Certificate(Buffer.from(signerHeader as string, 'base64').toString('utf8'));
      } catch {
        return refuse('bad-signer', "JCIC's signer certificate is unreadable");
      }
      if (!signer.checkIssued(this.ca) || !signer.verify(this.ca.publicKey))
        refuse('untrusted-signer', "JCIC's answer is signed by a certificate the pinned JCIC CA did not issue");
      this.trusted.set(signerHeader as string, signer);
    }
    const now = this.clock.now().getTime();
    if (now < Date.parse(signer.validFrom) || now > Date.parse(signer.validTo))
      refuse('expired-signer', "JCIC's signer certificate is not valid now");
    let valid = false;
    try {
      valid = verify('sha256', body, signer.publicKey, Buffer.from(signature as string, 'base64'));
    } catch {
      valid = false;
    }
    if (!valid) refuse('bad-signature', "JCIC's answer failed its signature check");
  }
}

/** The envelope every answer has: this request's id echoed, and when JCIC answered. */
export function checkEnvelope(
  body: Record<string, unknown>,
  request: { id: string; sentAt: number },
  clock: TimeSource,
): void {
  if (body.requestId !== request.id)
    refuse('replayed-answer', "JCIC's answer is not the answer to this request (an earlier answer replayed?)");
  const respondedAt = typeof body.respondedAt === 'string' ? Date.parse(body.respondedAt) : NaN;
  if (!Number.isFinite(respondedAt)) refuse('undated-answer', "JCIC's answer carries no time");
  if (respondedAt < request.sentAt - ANSWER_CLOCK_TOLERANCE_MS)
    refuse('stale-answer', "JCIC's answer is dated before the request was sent");
  if (Math.abs(respondedAt - clock.now().getTime()) > ANSWER_CLOCK_TOLERANCE_MS)
    refuse(
      'answer-out-of-time',
      "JCIC's answer is dated more than 10 minutes from the desk's clock: check both clocks",
    );
}

/** The answer concerns the submission asked about, not another case's. */
export function checkSubmission(body: Record<string, unknown>, submissionId: string): void {
  if (body.submissionId !== submissionId) refuse('mismatched-answer', 'JCIC answered for another submission');
}

const Reason = z.object({ code: z.string().max(100), message: z.string().max(2000) }).nullable();

export const ANSWERS = {
  health: z.object({ environment: z.enum(['sandbox', 'production']).optional() }),
  // A resent submission answers with where its review has got to.
  submit: z.object({ status: z.enum(['under_review', 'approved', 'rejected']), duplicate: z.boolean().optional() }),
  status: z.object({ status: z.enum(['under_review', 'approved', 'rejected']), reason: Reason.optional() }),
  results: z.object({ products: ProductResults }),
  ack: z.object({ deleteAfter: z.string().max(40) }),
};

/** The answer has the shape its kind declares; the first wrong field is named. */
export function shaped<T>(schema: z.ZodType<T>, body: Record<string, unknown>, what: string): T {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  return refuse(
    'unexpected-answer',
    `JCIC's ${what} answer does not match the contract (${issue?.path.join('.') || 'body'})`,
  );
}
