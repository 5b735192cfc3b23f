// JCIC's own deletion: it deletes its copy of the data a few days after delivery (the
// labour-insurance bureau allows 3). The record of the request stays, with the person kept only as
// a one-way key, enough to refuse a used authorization again. In training this store lives in the
// desk's data directory: no customer's ID stays there in the clear.
import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';

/** The one-way key a deleted record keeps of the person. */
export const personKey = (idNumber: string) =>
  idNumber.startsWith('key:')
    ? idNumber
    : `key:${createHash('sha256').update(`jcic-sandbox ${idNumber}`).digest('hex').slice(0, 32)}`;

/** Forgets the data and the person of every submission past its delete_after; returns how many. */
export function purgeExpired(db: Database.Database, now: () => Date): number {
  const due = db
    .prepare(
      'SELECT submission_id, subject_id FROM submissions WHERE delete_after IS NOT NULL AND delete_after <= ? AND deleted_at IS NULL',
    )
    .all(now().toISOString()) as { submission_id: string; subject_id: string }[];
  const forget = db.prepare(
    "UPDATE submissions SET results = NULL, subject_id = ?, subject_name = '', deleted_at = ? WHERE submission_id = ?",
  );
  for (const row of due) forget.run(personKey(row.subject_id), now().toISOString(), row.submission_id);
  return due.length;
}
