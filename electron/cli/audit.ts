// `desk audit verify` and `desk audit export`: the audit trail for an auditor or IT, without the
// desk's window. Both run on the store directly (no data key needed) and leave their own audit row.
import { userInfo } from 'node:os';
import { loadDeskEnvironment } from '../main/bootstrap';
import { createDesk } from '../main/desk';
import { StartupError } from '../main/errors';
import { AuditQuery } from '../../common/contract';
import type { AuditFilter, AuditRow } from '../main/audit/audit-log';

const PAGE = 500;

function openDesk() {
  try {
    return createDesk({ ...loadDeskEnvironment(), background: false, withoutDataKey: true });
  } catch (e) {
    if (e instanceof StartupError) {
      console.error(e.banner());
      return null;
    }
    throw e;
  }
}

/** Who ran the command: there is no signed-in staff member on the command line. */
const osUser = () => {
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
};

export function runAuditVerify(): number {
  const desk = openDesk();
  if (!desk) return 1;
  try {
    const { rows, firstBrokenId, unsignedIds } = desk.services.audit.verify();
    desk.services.audit.record({
      actor: null,
      action: 'audit.verified',
      detail: { via: 'cli', osUser: osUser(), rows, intact: firstBrokenId === null, firstBrokenId },
    });
    if (firstBrokenId === null) {
      console.log(`intact: the hash chain of all ${rows} audit entries matches / 稽核軌跡完整`);
      // The command line runs without the data key: it can check the chain, not the MACs.
      console.log(
        'MACs not checked here (the key stays with the desk): use 驗證稽核軌跡完整性 on the audit screen for the full check',
      );
      if (unsignedIds.length)
        console.log(
          `entries without a MAC: ${unsignedIds.length} (${unsignedIds.slice(0, 20).join(', ')}${unsignedIds.length > 20 ? ', …' : ''})`,
        );
      return 0;
    }
    console.log(
      `ALTERED: the hash chain breaks at entry ${firstBrokenId} (${rows} entries before it match) / 稽核軌跡遭更動，自第 ${firstBrokenId} 筆起不符`,
    );
    return 1;
  } finally {
    desk.close();
  }
}

const csvCell = (value: string | number | null) => {
  const text = value === null ? '' : String(value);
  // Quote always; a cell starting with = + - @ is prefixed so a spreadsheet shows it, never runs it.
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return `"${safe.replace(/"/g, '""')}"`;
};

/** `--from D --to D --case N --employee E --action A`, the same conditions as the audit screen. */
export function runAuditExport(args: string[]): number {
  const option = (name: string) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const raw = {
    limit: PAGE,
    ...(option('--case') !== undefined ? { caseId: Number(option('--case')) } : {}),
    ...(option('--employee') !== undefined ? { employeeId: option('--employee') } : {}),
    ...(option('--action') !== undefined ? { action: option('--action') } : {}),
    ...(option('--from') !== undefined ? { fromDay: option('--from') } : {}),
    ...(option('--to') !== undefined ? { toDay: option('--to') } : {}),
  };
  const parsed = AuditQuery.safeParse(raw);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) console.error(`${issue.path.join('.') || 'input'}: ${issue.message}`);
    return 2;
  }
  const { limit, beforeId: _ignored, ...filter } = parsed.data;
  const desk = openDesk();
  if (!desk) return 1;
  try {
    const rows: AuditRow[] = [];
    for (let before: number | undefined; ;) {
      const page = desk.services.audit.list(limit, before, filter as AuditFilter);
      rows.push(...page);
      if (page.length < limit) break;
      before = page[page.length - 1]!.id;
    }
    rows.reverse(); // oldest first, as a trail is read
    console.log(
      ['id', 'at', 'actor_employee_id', 'action', 'case_id', 'target', 'detail', 'hash'].map(csvCell).join(','),
    );
    for (const r of rows)
      console.log(
        [r.id, r.at, r.actor_employee_id, r.action, r.case_id, r.target, r.detail, r.hash].map(csvCell).join(','),
      );
    desk.services.audit.record({
      actor: null,
      action: 'audit.exported',
      detail: { via: 'cli', osUser: osUser(), filter, rows: rows.length },
    });
    return 0;
  } finally {
    desk.close();
  }
}
