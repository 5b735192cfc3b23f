// Whose data a results screen or printout shows: the customer's name, their ID masked as the bank
// prints it (A12****789), and the full ID only for the case's own officer on screen.
import type { CaseRow } from './case-rows';
import { maskId, type Subject } from './subject-seal';
import type { StaffRecord } from '../staff/staff-directory';

export function whoseData(row: CaseRow, subject: Subject | null, user: StaffRecord) {
  return {
    name: subject?.name ?? row.subject_name_masked ?? '',
    idMasked: subject ? maskId(subject.idNumber) : (row.subject_id_masked ?? ''),
    idNumber: subject && row.created_by === user.id ? subject.idNumber : null,
  };
}
