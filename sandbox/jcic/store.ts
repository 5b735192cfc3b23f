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
  page_count: number;
  status: SubmissionStatus;
  manual: number;
  review_due_at: string;
  reason_code: string | null;
  reason_text: string | null;
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
    results_fetched_at TEXT, acknowledged_at TEXT, delete_after TEXT, deleted_at TEXT)`);
  return db;
}
