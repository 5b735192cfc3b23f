import { whoseData } from '../cases/whose-data';
import type { DeskServices } from '../services';
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
    'cases.createFrom': ({ caseId, subject }, ctx) => s.cases.createFrom(caseId, ctx.user!, subject),
    // Who has looked at this customer's form and data: the supervisor's view, itself on the record.
    'cases.accessLog': ({ caseId, limit, beforeId }, ctx) => {
      s.cases.visibleRow(caseId, ctx.user!);
      const rows = s.audit.list(limit + 1, beforeId, { caseId, actionIn: ACCESS_ACTIONS });
      s.audit.record({ actor: ctx.user, action: 'case.access_log_viewed', caseId });
      return { items: rows.slice(0, limit).map(toAuditEntry), more: rows.length > limit };
    },
    'cases.list': ({ scope, search, limit, cursor, states }, ctx) =>
      s.caseList.list(scope, ctx.user!, { search, limit, cursor, states }),
    'cases.create': (input, ctx) => s.cases.create(input, ctx.user!),
    'cases.get': ({ caseId }, ctx) => {
      s.cases.visibleRow(caseId, ctx.user!);
      return s.caseViews.detail(caseId);
    },
    'cases.addPages': ({ caseId, fileName, dataBase64 }, ctx) =>
      s.captureProgress.track(caseId, 'file', (report) =>
        s.casePages.add(
          caseId,
          { kind: 'file', fileName, bytes: Buffer.from(dataBase64, 'base64') },
          ctx.user!,
          report,
        ),
      ),
    'cases.removePage': ({ caseId, pageId }, ctx) => s.casePages.remove(caseId, pageId, ctx.user!),
    'cases.page': ({ caseId, pageId }, ctx) => s.casePages.view(caseId, pageId, ctx.user!),
    'cases.captureAuthorization': ({ caseId, signedOn, validUntil }, ctx) =>
      s.caseApproval.capture(caseId, signedOn, validUntil, ctx.user!),
    'cases.requestApproval': ({ caseId }, ctx) => s.caseApproval.requestApproval(caseId, ctx.user!),
    'cases.approve': async ({ caseId, pagesDigest, supervisor }, ctx) => {
      s.cases.visibleRow(caseId, ctx.user!);
      const { approver, via } = await decider(ctx.user!, supervisor);
      // The password check above took a while: the case is read again inside the approval.
      const detail = s.caseApproval.approve(caseId, approver, via, pagesDigest);
      void s.outbox.kick();
      return detail;
    },
    'cases.sendBack': async ({ caseId, reason, supervisor }, ctx) => {
      s.cases.visibleRow(caseId, ctx.user!);
      const { approver } = await decider(ctx.user!, supervisor);
      return s.caseApproval.sendBack(caseId, approver, reason);
    },
    'cases.results': ({ caseId }, ctx) => {
      const row = s.cases.visibleRow(caseId, ctx.user!);
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
        subject: whoseData(row, s.cases.subject(row), ctx.user!),
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
