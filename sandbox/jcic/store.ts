// The sandbox's own records, in its own SQLite file under <dir>.
import Database from 'better-sqlite3';
import { join } from 'node:path';

export type SubmissionStatus = 'under_review' | 'approved' | 'rejected';

export interface SubmissionRow {
  submission_id: string;
  body_hash: string;
  received_at: string;
  deliveries: number;
  bank_code: string;
  branch_code: string;
  subject_id: string;
  subject_name: string;
  role: string;
  purpose: string;
  products: string;
  signed_on: string;
  valid_until: string;
  document_hash: string;
  /** Pages the trainer reads: a multi-page PDF counts each of its pages. */
  page_count: number;
  /** Entries in the submission's document.pages (files: an image, or a PDF of any number of pages). */
  item_count: number;
  status: SubmissionStatus;
  manual: number;
  review_due_at: string;
  reason_code: string | null;
  reason_text: string | null;
  /** The reviewer's own note, also inside reason_text. */
  reason_detail: string | null;
  decided_at: string | null;
  results: string | null;
  results_fetched_at: string | null;
  acknowledged_at: string | null;
  delete_after: string | null;
  deleted_at: string | null;
}

export function openSandboxStore(dir: string): Database.Database {
  const db = new Database(join(dir, 'sandbox.sqlite'));
  db.pragma('journal_mode = WAL');
  db.exec(`CREATE TABLE IF NOT EXISTS submissions (
    submission_id TEXT PRIMARY KEY, body_hash TEXT NOT NULL, received_at TEXT NOT NULL, deliveries INTEGER NOT NULL,
    bank_code TEXT NOT NULL, branch_code TEXT NOT NULL, subject_id TEXT NOT NULL, subject_name TEXT NOT NULL,
    role TEXT NOT NULL, purpose TEXT NOT NULL, products TEXT NOT NULL, signed_on TEXT NOT NULL, valid_until TEXT NOT NULL,
    document_hash TEXT NOT NULL, page_count INTEGER NOT NULL, status TEXT NOT NULL, manual INTEGER NOT NULL,
    review_due_at TEXT NOT NULL, reason_code TEXT, reason_text TEXT, decided_at TEXT, results TEXT,
    results_fetched_at TEXT, acknowledged_at TEXT, delete_after TEXT, deleted_at TEXT,
    item_count INTEGER NOT NULL DEFAULT 0, reason_detail TEXT)`);
  // A store from before these columns (a training desk's data directory keeps it): page_count
  // counted the document's entries then.
  const columns = new Set((db.pragma('table_info(submissions)') as { name: string }[]).map((c) => c.name));
  db.transaction(() => {
    if (!columns.has('item_count'))
      db.exec(
        'ALTER TABLE submissions ADD COLUMN item_count INTEGER NOT NULL DEFAULT 0; UPDATE submissions SET item_count = page_count',
      );
    if (!columns.has('reason_detail')) db.exec('ALTER TABLE submissions ADD COLUMN reason_detail TEXT');
  })();
  return db;
}

/** A submission JCIC still holds (not yet deleted). */
export function findSubmission(db: Database.Database, submissionId: string): SubmissionRow | undefined {
  return db.prepare('SELECT * FROM submissions WHERE submission_id = ? AND deleted_at IS NULL').get(submissionId) as
    SubmissionRow | undefined;
}
