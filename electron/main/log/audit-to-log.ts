// What of the audit trail goes into the desk's log for IT as well, so a support bundle tells what
// happened when, without the trail itself (which stays on the PC, for the bank's auditors): the
// desk's own operations (JCIC links and refusals, the outbox's failures, updates, retention runs,
// integrity and clock warnings, locked accounts) with their details masked, and the steps of the
// work (a case created, submitted, answered) as the action and the case number only. Nothing about
// who the customer is, and never what was returned, viewed or printed: those actions are left out.
import type { AuditRecord } from '../audit/audit-log';
import type { DeskLog } from './desk-log';

/** Logged with their details (masked): what IT is asked about. */
const OPERATIONS = new Set([
  'jcic.unreachable',
  'jcic.follow_failed',
  'jcic.connection_failed',
  'jcic.answer_refused',
  'form.integrity_failed',
  'form.combine_failed',
  'update.checked',
  'update.refused',
  'update.publisher_refused',
  'update.downloaded',
  'update.download_failed',
  'update.install_chosen',
  'retention.purged',
  'retention.cli_purge',
  'audit.anchor_mismatch',
  'clock.moved_back',
  'datadir.permissions_tightened',
  'auth.account_locked',
  'vault.key_created',
  'vault.key_moved_to_os_keystore',
  'desk.support_bundle',
]);

/** Logged as the action and the case number only: where a case got to. */
const CASE_STEPS = new Set(['case.created', 'case.transition', 'jcic.submitted', 'jcic.results_received']);

/** The actions the log takes at all (AuditLog.onRecorded tells only these). */
export const loggedAction = (action: string): boolean => OPERATIONS.has(action) || CASE_STEPS.has(action);

export function auditToLog(log: DeskLog): (entry: AuditRecord) => void {
  return (entry) => {
    const actor = entry.actor?.employeeId ?? null;
    if (OPERATIONS.has(entry.action))
      log.info(entry.action, { caseId: entry.caseId ?? null, actor, detail: entry.detail ?? null });
    else if (CASE_STEPS.has(entry.action)) {
      // A transition says only where the case went (its state name), nothing of its content.
      const to = entry.action === 'case.transition' ? (entry.detail?.to ?? null) : undefined;
      log.info(entry.action, { caseId: entry.caseId ?? null, actor, ...(to === undefined ? {} : { to }) });
    }
  };
}
