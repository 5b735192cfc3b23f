import type { DeskServices } from '../desk';
import type { Handlers } from '../dispatch';
import { DeskError } from '../errors';
import type { StaffRecord } from '../staff/staff-directory';
import { toAuditEntry } from '../audit/audit-log';

/** Audit actions that are someone looking at (or taking away) the customer's form or data. */
const ACCESS_ACTIONS = ['form.', 'results.'];

export function caseHandlers(
  s: DeskServices,
): Pick<
  Handlers,
  | 'cases.list'
  | 'cases.create'
  | 'cases.createFrom'
  | 'cases.accessLog'
  | 'cases.get'
  | 'cases.addPages'
  | 'cases.removePage'
  | 'cases.page'
  | 'cases.captureAuthorization'
  | 'cases.requestApproval'
  | 'cases.approve'
  | 'cases.sendBack'
  | 'cases.results'
  | 'cases.recordPrint'
  | 'jcic.status'
> {
  /** The supervisor deciding: the signed-in supervisor, or one who steps up at this desk with their own credentials. */
  const decider = async (user: StaffRecord, stepUp: { employeeId: string; password: string } | undefined) =>
    stepUp
      ? { approver: await s.sessions.verifyStepUp(stepUp.employeeId, stepUp.password), via: 'step-up' as const }
      : { approver: user, via: 'own-session' as const };

  return {
    'cases.createFrom': ({ caseId }, ctx) => s.cases.createFrom(caseId, ctx.user!),
    // Who has looked at this customer's form and data: the supervisor's view, itself on the record.
    'cases.accessLog': ({ caseId }, ctx) => {
      s.cases.visibleRow(caseId, ctx.user!);
      const rows = s.audit
        .list(500, undefined, { caseId })
        .filter((r) => ACCESS_ACTIONS.some((prefix) => r.action.startsWith(prefix)));
      s.audit.record({ actor: ctx.user, action: 'case.access_log_viewed', caseId });
      return rows.map(toAuditEntry);
    },
    'cases.list': ({ scope, search }, ctx) => s.cases.list(scope, ctx.user!, search),
    'cases.create': (input, ctx) => s.cases.create(input, ctx.user!),
    'cases.get': ({ caseId }, ctx) => {
      s.cases.visibleRow(caseId, ctx.user!);
      return s.cases.detail(caseId);
    },
    'cases.addPages': ({ caseId, fileName, dataBase64 }, ctx) =>
      s.cases.addPages(caseId, { kind: 'file', fileName, bytes: Buffer.from(dataBase64, 'base64') }, ctx.user!),
    'cases.removePage': ({ caseId, pageId }, ctx) => s.cases.removePage(caseId, pageId, ctx.user!),
    'cases.page': ({ caseId, pageId }, ctx) => s.cases.page(caseId, pageId, ctx.user!),
    'cases.captureAuthorization': ({ caseId, signedOn, validUntil }, ctx) =>
      s.cases.captureAuthorization(caseId, signedOn, validUntil, ctx.user!),
    'cases.requestApproval': ({ caseId }, ctx) => s.cases.requestApproval(caseId, ctx.user!),
    'cases.approve': async ({ caseId, supervisor }, ctx) => {
      s.cases.visibleRow(caseId, ctx.user!);
      const { approver, via } = await decider(ctx.user!, supervisor);
      const detail = s.cases.approve(caseId, approver, via);
      void s.outbox.kick();
      return detail;
    },
    'cases.sendBack': async ({ caseId, reason, supervisor }, ctx) => {
      s.cases.visibleRow(caseId, ctx.user!);
      const { approver } = await decider(ctx.user!, supervisor);
      return s.cases.sendBack(caseId, approver, reason);
    },
    'cases.results': ({ caseId }, ctx) => {
      s.cases.visibleRow(caseId, ctx.user!);
      const rows = s.results.list(caseId);
      if (rows.length === 0) throw new DeskError('NO_RESULTS');
      s.audit.record({
        actor: ctx.user,
        action: 'results.viewed',
        caseId,
        detail: { products: rows.map((r) => r.product) },
      });
      return {
        caseId,
        receivedAt: rows[0]!.receivedAt,
        expiresAt: rows
          .map((r) => r.expiresAt)
          .sort()
          .at(-1)!,
        products: Object.fromEntries(rows.map((r) => [r.product, r.data])),
      };
    },
    'cases.recordPrint': ({ caseId }, ctx) => {
      s.cases.visibleRow(caseId, ctx.user!);
      // Only data the desk still holds can be printed: a print of a purged case would be a record
      // of something that no longer exists.
      if (s.results.count(caseId) === 0) throw new DeskError('NO_RESULTS');
      const user = ctx.user!;
      const id = s.audit.record({ actor: user, action: 'results.printed', caseId });
      return {
        reference: `P-${id}`,
        printedAt: s.clock.now().toISOString(),
        by: { employeeId: user.employeeId, name: user.name, branchCode: user.branchCode },
      };
    },
    'jcic.status': () => s.outbox.status(s.jcic.sandbox, s.jcic.operatorUrl),
  };
}
