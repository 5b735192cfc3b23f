// What an earlier version stored in the clear is sealed at start: form files, returned data, and
// (schema 6) the customer's ID and name. This version writes nothing in the clear, so the sweep
// runs once (a header read per live form file) and is then recorded as done.
import type { Db } from '../store/database';
import type { AuditLog } from '../audit/audit-log';
import type { FormStore } from '../cases/form-store';
import type { ResultStore } from '../cases/result-store';
import type { CaseService } from '../cases/case-service';
import { SCHEMA_VERSION } from '../store/migrations';

/** Recorded once the store holds nothing in the clear: from then on the sweep costs one read. */
const DONE = 'legacy_sealed_through_schema';

export function sealLegacy(db: Db, forms: FormStore, results: ResultStore, cases: CaseService, audit: AuditLog): void {
  if (db.prepare('SELECT 1 FROM meta WHERE key = ?').get(DONE)) return;
  const pages = (
    db
      .prepare("SELECT case_id, stored_as FROM case_pages p JOIN cases c ON c.id = p.case_id WHERE c.state != 'purged'")
      .all() as { case_id: number; stored_as: string }[]
  ).map((p) => ({ caseId: p.case_id, storedAs: p.stored_as }));
  const files = forms.sealLegacyFiles(pages);
  const rows = results.sealLegacyRows();
  const subjects = sealLegacySubjects(db, cases);
  db.prepare('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)').run(DONE, String(SCHEMA_VERSION));
  if (!files && !rows && !subjects) return;
  audit.record({
    actor: null,
    action: 'vault.legacy_sealed',
    detail: { formFiles: files, resultRows: rows, subjects },
  });
  // The cleared text must leave the database file now, not at some later checkpoint: until then the
  // main file still holds the pages as they were before the WAL.
  db.pragma('wal_checkpoint(TRUNCATE)');
}

/** Cases written before schema 6 keep the customer in the clear: sealed now (a purged case keeps
 * only the masks and hashes, as if it had been purged under this version). */
function sealLegacySubjects(db: Db, cases: CaseService): number {
  const legacy = db.prepare("SELECT id, state, subject_id, subject_name FROM cases WHERE subject_id != ''").all() as {
    id: number;
    state: string;
    subject_id: string;
    subject_name: string;
  }[];
  db.transaction(() => {
    for (const row of legacy)
      cases.storeSubject(row.id, { idNumber: row.subject_id, name: row.subject_name }, row.state !== 'purged');
  })();
  return legacy.length;
}
