// `desk audit verify` and `desk audit export`: the audit trail for an auditor or IT, without the
// desk's window. Both run on the store directly (no data key needed) and leave their own audit row.
import { fieldIssue, fromZodIssue } from '../../common/contract/field-problems';
import { userInfo } from 'node:os';
import { loadDeskEnvironment } from '../main/bootstrap';
import { createDesk } from '../main/desk';
import { StartupError } from '../main/errors';
import { AuditQuery } from '../../common/contract';
import { AUDIT_PROBLEM_LABELS } from '../../common/domain/audit-problems';
import type { AuditFilter, AuditRow } from '../main/audit/audit-log';

const PAGE = 500;

function openDesk() {
  try {
    return createDesk({ ...loadDeskEnvironment(), background: false, dataKey: 'if-available' });
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

/** `desk audit verify [--full]`: the same check as the audit screen's. With a key file (browser mode,
 * Linux without a keyring) the MACs and the anchor are checked too; where the key is in the OS key
 * store only the desktop app reaches, the chain is, and the output says what was not. */
export async function runAuditVerify(args: string[] = []): Promise<number> {
  const desk = openDesk();
  if (!desk) return 1;
  try {
    const verdict = await desk.services.audit.verify({ full: args.includes('--full') });
    desk.services.audit.record({
      actor: null,
      action: 'audit.verified',
      detail: {
        via: 'cli',
        osUser: osUser(),
        rows: verdict.rows,
        intact: verdict.intact,
        problems: verdict.problems.map((p) => p.kind),
      },
    });
    const from = verdict.startedAfter
      ? ` (from the verified checkpoint at entry ${verdict.startedAfter}; --full walks from the first)`
      : '';
    if (!verdict.macChecked)
      console.log(
        'MACs and the anchor not checked: the data key is in the OS key store; run the check on the audit screen / 簽章未檢查',
      );
    if (verdict.unsignedIds.length)
      console.log(
        `entries from before the trail was signed: ${verdict.unsignedIds.length} (${verdict.unsignedIds.slice(0, 20).join(', ')}${verdict.unsignedIds.length > 20 ? ', …' : ''})`,
      );
    for (const step of verdict.clockBack.filter((c) => c.explained))
      console.log(`clock moved back at entry ${step.id} (${step.from} → ${step.to}), recorded by the desk`);
    if (verdict.intact) {
      console.log(
        `intact: ${verdict.rows} audit entries${from}: chain${verdict.macChecked ? ', MACs' : ''}${verdict.anchorChecked ? ' and anchor' : ''} match / 稽核軌跡完整`,
      );
      return 0;
    }
    console.log(`ALTERED: ${verdict.problems.length} problem(s) / 稽核軌跡遭更動`);
    for (const p of verdict.problems) {
      const label = AUDIT_PROBLEM_LABELS[p.kind];
      console.log(
        `  ${p.kind}${p.entryId ? ` at entry ${p.entryId}` : ''}: ${label['zh-TW']} / ${label.en} — ${p.detail}`,
      );
    }
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
    // The option at fault, in the same words the audit screen uses.
    const options: Record<string, string> = {
      caseId: '--case',
      employeeId: '--employee',
      action: '--action',
      fromDay: '--from',
      toDay: '--to',
    };
    for (const issue of parsed.error.issues.map((i) => fromZodIssue(i, raw)))
      console.error(`${options[issue.path] ?? issue.path}: ${issue.message.en}`);
    return 2;
  }
  if (parsed.data.fromDay && parsed.data.toDay && parsed.data.fromDay > parsed.data.toDay) {
    console.error(`--to: ${fieldIssue('toDay', 'date_order').message.en}`);
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
