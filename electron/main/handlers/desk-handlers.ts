import { fieldIssue } from '../../../common/contract/field-problems';
import { DeskError } from '../errors';
import type { DeskServices } from '../services';
import type { Handlers } from '../dispatch';
import { advanceTestClock } from '../dev/test-clock';
import { demoAccounts } from '../demo/demo-setup';
import { certificateDates } from '../health/certificates';
import { workload } from '../health/workload';
import { toAuditEntry } from '../audit/audit-log';
import { supportBundle } from '../support/support-bundle';
import { schemaVersion } from '../store/database';
import { SCHEMA_VERSION } from '../store/migrations';

export function deskHandlers(
  s: DeskServices,
): Pick<
  Handlers,
  | 'desk.info'
  | 'desk.health'
  | 'desk.supportBundle'
  | 'audit.list'
  | 'audit.verify'
  | 'audit.verifyProgress'
  | 'dev.advanceClock'
> {
  const { policy } = s.options.loadedPolicy;
  const health = () => ({
    dataKey: { protection: s.vault.protection ?? 'file', description: s.vault.description ?? '' },
    // The certificates the policy names for a real JCIC (the built-in sandbox makes its own).
    certificates:
      policy.jcicEndpoint === ''
        ? []
        : [
            certificateDates('client certificate', policy.jcicClientCertificate, s.clock.now()),
            certificateDates('JCIC CA', policy.jcicCaCertificate, s.clock.now()),
          ],
    workload: workload(s.db),
  });
  return {
    'desk.info': () => ({
      version: s.options.version,
      sandbox: s.jcic.sandbox,
      bankCode: policy.bankCode,
      branchCode: policy.branchCode,
      language: policy.language,
      needsSetup: s.staff.count() === 0,
      idleLockMinutes: policy.idleLockMinutes,
      testClock: s.clock.adjustable,
      now: s.clock.now().toISOString(),
      retentionDays: policy.retentionDays,
      demoAccounts: s.jcic.sandbox ? demoAccounts(s.db) : [],
    }),
    'desk.health': () => health(),
    'desk.supportBundle': (_input, ctx) => {
      const now = s.clock.now();
      const bundle = supportBundle({
        version: s.options.version,
        policy,
        policyOrigin: s.options.loadedPolicy.origin,
        dataDir: s.options.dataDir,
        schemaVersion: schemaVersion(s.db),
        expectedSchemaVersion: SCHEMA_VERSION,
        diagnostics: JSON.stringify(
          { health: health(), updates: s.updates.status(), jcic: s.jcic.sandbox ? 'sandbox' : 'JCIC' },
          null,
          2,
        ),
        createdAt: now,
      });
      s.audit.record({ actor: ctx.user, action: 'desk.support_bundle', detail: { bytes: bundle.length } });
      return {
        fileName: `branch-desk-support-${now.toISOString().slice(0, 10)}.zip`,
        dataBase64: bundle.toString('base64'),
      };
    },
    'audit.list': ({ limit, beforeId, ...filter }) => {
      if (filter.fromDay && filter.toDay && filter.fromDay > filter.toDay)
        throw DeskError.validation([fieldIssue('toDay', 'date_order')]);
      const rows = s.audit.list(limit + 1, beforeId, filter);
      return { items: rows.slice(0, limit).map(toAuditEntry), more: rows.length > limit };
    },
    'audit.verify': async ({ full }, ctx) => {
      const verdict = await s.audit.verify({ full });
      // The check itself is on the record, after the entries it checked.
      s.audit.record({
        actor: ctx.user,
        action: 'audit.verified',
        detail: {
          rows: verdict.rows,
          intact: verdict.intact,
          problems: verdict.problems.map((p) => p.kind),
          from: verdict.startedAfter,
        },
      });
      return { ...verdict, unsignedCount: verdict.unsignedIds.length, unsignedIds: verdict.unsignedIds.slice(0, 100) };
    },
    'audit.verifyProgress': () => s.audit.progress,
    'dev.advanceClock': ({ minutes }, ctx) => ({ now: advanceTestClock(s, minutes, ctx.user, 'call') }),
  };
}
