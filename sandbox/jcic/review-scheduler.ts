// When and how a submission is decided: the automatic pre-review once its review delay has passed
// (review.ts says what it decides), and recording any decision, automatic or the trainer's, with
// the data an approval delivers. The API and the operator page both run due reviews before they
// answer, so nobody sees a review that is late.
import type Database from 'better-sqlite3';
import type { SubmissionRow } from './store';
import { rejectionMessage, review, type RejectionCode } from './review';
import { sampleT50, sampleT51, sampleT52 } from './sample-data';
import type { ProductCode } from '../../common/domain/products';
import { taiwanDay } from '../../common/taiwan-day';

export type Decision = { approve: true } | { approve: false; code: RejectionCode; detail?: string };

export interface ReviewScheduler {
  /** Records a decision on a submission under review. */
  decide(row: SubmissionRow, outcome: Decision): void;
  /** Runs the automatic reviews that are due. */
  reviewDue(): void;
}

export function reviewScheduler(db: Database.Database, now: () => Date): ReviewScheduler {
  function decide(row: SubmissionRow, outcome: Decision): void {
    const at = now().toISOString();
    if (outcome.approve) {
      const today = now();
      const products = JSON.parse(row.products) as ProductCode[];
      const results: Record<string, unknown> = {};
      if (products.includes('T50')) results.T50 = sampleT50(row.subject_id, today);
      if (products.includes('T51')) results.T51 = sampleT51(row.subject_id);
      if (products.includes('T52')) results.T52 = sampleT52(row.subject_id, today);
      db.prepare("UPDATE submissions SET status = 'approved', decided_at = ?, results = ? WHERE submission_id = ?").run(
        at,
        JSON.stringify(results),
        row.submission_id,
      );
    } else {
      db.prepare(
        "UPDATE submissions SET status = 'rejected', decided_at = ?, reason_code = ?, reason_text = ?, reason_detail = ? WHERE submission_id = ?",
      ).run(
        at,
        outcome.code,
        rejectionMessage(outcome.code, outcome.detail),
        outcome.detail || null,
        row.submission_id,
      );
    }
  }

  function reviewDue(): void {
    const due = db
      .prepare(
        "SELECT * FROM submissions WHERE status = 'under_review' AND manual = 0 AND review_due_at <= ? AND deleted_at IS NULL",
      )
      .all(now().toISOString()) as SubmissionRow[];
    for (const row of due) {
      const outcome = review(
        {
          subjectId: row.subject_id,
          role: row.role as never,
          purpose: row.purpose as never,
          products: JSON.parse(row.products),
          signedOn: row.signed_on,
          validUntil: row.valid_until,
        },
        taiwanDay(now()),
      );
      if (outcome.decision === 'manual')
        db.prepare('UPDATE submissions SET manual = 1 WHERE submission_id = ?').run(row.submission_id);
      else
        decide(
          row,
          outcome.decision === 'approve'
            ? { approve: true }
            : { approve: false, code: outcome.code, ...(outcome.detail ? { detail: outcome.detail } : {}) },
        );
    }
  }

  return { decide, reviewDue };
}
