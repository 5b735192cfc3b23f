// The one API contract between the renderer and the main side. Each call is declared once, here:
// its name, input schema, output schema, who may make it, and whether it counts as user activity.
// The Electron preload exposes exactly these names; the web host serves exactly these names; the
// main side validates every input against these schemas before any service sees it.
import { CASE_STATES } from '../domain/case-states';
import * as z from '../zod';
import type { DeskErrorPayload } from './errors';
import { AUDIT_PROBLEMS } from '../domain/audit-problems';
import { call, Role, type CallSpec } from './call';
import { esignCalls } from './esign';
import { captureCalls } from './capture';
import { updateCalls } from './updates';
import { statsCalls } from './stats';

import {
  CaseDetail,
  CaseId,
  CasePage,
  CaseResults,
  DemoAccount,
  IsoDate,
  JcicStatus,
  NewCase,
  PagesDigest,
  StepUp,
} from './cases';

export * from './errors';
export * from './cases';
export * from './esign';
export * from './capture';
export * from './updates';
export * from './stats';

export { ROLES, Role, type Access, type CallSpec } from './call';
const Empty = z.object({}).strict();
const Ok = z.object({ ok: z.literal(true) });

export const EmployeeId = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9]{1,20}$/, 'employee_id');
export const PersonName = z.string().trim().min(1, 'required').max(60);
export const BranchCode = z
  .string()
  .trim()
  .regex(/^\d{4}$/, 'branch_code');
export const Password = z.string().min(1, 'required').max(200);
export const Language = z.enum(['zh-TW', 'en']);

/** A grant of approval authority waiting for a second person (or, the first supervisor, flagged). */
export const Grant = z.object({
  id: z.number().int(),
  staffId: z.number().int(),
  employeeId: z.string(),
  name: z.string(),
  change: z.enum(['create', 'role', 'enable']),
  role: z.enum(['it_admin', 'supervisor']),
  state: z.enum(['pending', 'provisional', 'confirmed', 'cancelled']),
  requestedBy: z.object({ employeeId: z.string(), name: z.string() }).nullable(),
  requestedAt: z.string(),
  /** Whether the one asking may confirm it (not its grantor, not its member, the right role). */
  mayConfirm: z.boolean(),
});
export type Grant = z.infer<typeof Grant>;

export const StaffMember = z.object({
  id: z.number().int(),
  employeeId: z.string(),
  name: z.string(),
  branchCode: z.string(),
  role: Role,
  disabled: z.boolean(),
  mustChangePassword: z.boolean(),
  lockedUntil: z.string().nullable(),
  createdAt: z.string(),
  /** An open grant for this member: its role takes effect only when another person confirms. */
  grant: Grant.pick({ id: true, change: true, role: true, state: true }).nullable(),
});
export type StaffMember = z.infer<typeof StaffMember>;

export const SessionView = z.object({
  user: StaffMember.pick({ id: true, employeeId: true, name: true, branchCode: true, role: true }),
  locked: z.boolean(),
  /** The password was set by an administrator: nothing but changing it is allowed until it is. */
  mustChangePassword: z.boolean(),
  /** When the desk will lock itself if nothing happens (ISO). */
  idleLockAt: z.string(),
});
export type SessionView = z.infer<typeof SessionView>;

export const DeskInfo = z.object({
  version: z.string(),
  /** True when no JCIC endpoint is configured: the built-in sandbox serves, and every screen says so. */
  sandbox: z.boolean(),
  bankCode: z.string().nullable(),
  branchCode: z.string().nullable(),
  language: Language,
  needsSetup: z.boolean(),
  idleLockMinutes: z.number().int(),
  /** True only when the desk runs with the adjustable test clock (never in production). */
  testClock: z.boolean(),
  now: z.string(),
  retentionDays: z.object({ T50: z.number().int(), T51: z.number().int(), T52: z.number().int() }),
  /** Sandbox only, after the demo was created: shown on the sign-in screen. */
  demoAccounts: z.array(DemoAccount),
});
export type DeskInfo = z.infer<typeof DeskInfo>;

export const AuditEntry = z.object({
  id: z.number().int(),
  at: z.string(),
  actorEmployeeId: z.string().nullable(),
  action: z.string(),
  target: z.string().nullable(),
  caseId: z.number().int().nullable(),
  detail: z.string().nullable(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

/** One page of the trail, newest first; `more`: older entries exist (ask with the last id as beforeId). */
export const AuditPage = z.object({ items: z.array(AuditEntry), more: z.boolean() });
export type AuditPage = z.infer<typeof AuditPage>;

/** The desk's own state for its IT administrator: what an outage or an audit finding starts from. */
export const DeskHealth = z.object({
  dataKey: z.object({ protection: z.enum(['os-keystore', 'file']), description: z.string() }),
  certificates: z.array(
    z.object({
      label: z.string(),
      validTo: z.string().nullable(),
      daysLeft: z.number().int().nullable(),
      state: z.enum(['ok', 'warn', 'broken']),
      problem: z.string().nullable(),
      problemCode: z.enum(['expired', 'not-yet-valid', 'expiring', 'unreadable']).nullable(),
    }),
  ),
  workload: z.object({
    casesByState: z.record(z.string(), z.number().int()),
    outboxPending: z.number().int(),
    outboxFailed: z.number().int(),
    oldestPendingSince: z.string().nullable(),
    nextExpiry: z.string().nullable(),
    clockMovedBack: z.object({ lastEntryAt: z.string(), now: z.string(), minutes: z.number().int() }).nullable(),
    permissionsTightened: z.object({ at: z.string(), paths: z.array(z.string()) }).nullable(),
  }),
});
export type DeskHealth = z.infer<typeof DeskHealth>;

/** What a printed copy of returned data carries, so a copy found anywhere leads back to its print. */
export const PrintRecord = z.object({
  reference: z.string(),
  printedAt: z.string(),
  by: z.object({ employeeId: z.string(), name: z.string(), branchCode: z.string() }),
});
export type PrintRecord = z.infer<typeof PrintRecord>;

export const AuditVerdict = z.object({
  intact: z.boolean(),
  /** Entries checked (those before a verified checkpoint included). */
  rows: z.number().int(),
  firstBrokenId: z.number().int().nullable(),
  macChecked: z.boolean(),
  /** The trail was compared with its anchor outside the database. */
  anchorChecked: z.boolean(),
  /** Entries from before the trail was signed (schema 4): listed so an auditor can look at exactly those. */
  unsignedCount: z.number().int(),
  unsignedIds: z.array(z.number().int()),
  /** Steps back in time between entries; `explained` when the desk recorded the clock change itself. */
  clockBack: z.array(z.object({ id: z.number().int(), from: z.string(), to: z.string(), explained: z.boolean() })),
  /** The walk started after this verified checkpoint (null: from the first entry). */
  startedAfter: z.number().int().nullable(),
  problems: z.array(
    z.object({
      kind: z.enum(AUDIT_PROBLEMS),
      entryId: z.number().int().nullable(),
      foundAt: z.string().optional(),
      detail: z.string(),
    }),
  ),
});
export type AuditVerdict = z.infer<typeof AuditVerdict>;

/** Narrowing the trail the way an auditor asks: which case, whose actions, what kind, when. */
export const AuditQuery = z
  .object({
    limit: z.number().int().min(1).max(500),
    beforeId: z.number().int().positive().optional(),
    caseId: z.number().int().positive().optional(),
    employeeId: z.string().trim().min(1).max(20).optional(),
    action: z
      .string()
      .trim()
      .min(1)
      .max(60)
      .regex(/^[a-z_.]+$/, 'action_prefix')
      .optional(),
    fromDay: IsoDate.optional(),
    toDay: IsoDate.optional(),
  })
  .strict();
export type AuditQuery = z.infer<typeof AuditQuery>;

const NewStaff = z
  .object({
    employeeId: EmployeeId,
    name: PersonName,
    branchCode: BranchCode,
    role: Role,
    password: Password,
  })
  .strict();

const StaffId = z.number().int().positive();

export const contract = {
  'desk.info': call(Empty, DeskInfo, 'anyone', { passive: true }),
  'setup.createAdmin': call(NewStaff.omit({ role: true }), SessionView, 'anyone'),

  'auth.login': call(z.object({ employeeId: EmployeeId, password: Password }).strict(), SessionView, 'anyone'),
  'auth.unlock': call(z.object({ password: Password }).strict(), SessionView, 'locked'),
  'auth.lock': call(Empty, Ok, 'signed-in', { duringPasswordChange: true }),
  'auth.changePassword': call(
    z.object({ currentPassword: Password, newPassword: Password }).strict(),
    SessionView,
    'signed-in',
    { duringPasswordChange: true },
  ),
  'auth.logout': call(Empty, Ok, 'locked'),
  'session.current': call(Empty, SessionView.nullable(), 'anyone', { passive: true }),
  'session.touch': call(Empty, Ok, 'signed-in', { duringPasswordChange: true }),

  'staff.list': call(
    z
      .object({
        limit: z.number().int().min(1).max(200).default(100),
        /** The page after this employee ID (the list is in employee-ID order). */
        afterEmployeeId: z.string().max(20).optional(),
      })
      .strict(),
    z.object({ items: z.array(StaffMember), more: z.boolean() }),
    ['it_admin'],
  ),
  'staff.create': call(NewStaff, StaffMember, ['it_admin']),
  'staff.setDisabled': call(z.object({ staffId: StaffId, disabled: z.boolean() }).strict(), StaffMember, ['it_admin']),
  'staff.setRole': call(z.object({ staffId: StaffId, role: Role }).strict(), StaffMember, ['it_admin']),
  'staff.resetPassword': call(z.object({ staffId: StaffId, password: Password }).strict(), StaffMember, ['it_admin']),
  // Grants of approval authority: a second supervisor or administrator confirms them.
  'staff.grants': call(Empty, z.array(Grant), ['it_admin', 'supervisor'], { passive: true }),
  'staff.confirmGrant': call(z.object({ grantId: z.number().int().positive() }).strict(), Grant, [
    'it_admin',
    'supervisor',
  ]),
  'staff.cancelGrant': call(z.object({ grantId: z.number().int().positive() }).strict(), Grant, [
    'it_admin',
    'supervisor',
  ]),

  'audit.list': call(AuditQuery, AuditPage, ['it_admin']),
  // From the last verified checkpoint, or from the first entry with `full`.
  'audit.verify': call(z.object({ full: z.boolean().optional() }).strict(), AuditVerdict, ['it_admin']),
  'audit.verifyProgress': call(
    Empty,
    z.object({ running: z.boolean(), full: z.boolean(), checked: z.number().int(), total: z.number().int() }),
    ['it_admin'],
    { passive: true },
  ),
  'desk.health': call(Empty, DeskHealth, ['it_admin'], { passive: true }),
  // For a support call: masked logs, policy, versions, diagnostics (electron/main/support/); a zip.
  'desk.supportBundle': call(Empty, z.object({ fileName: z.string(), dataBase64: z.string() }), ['it_admin']),

  'setup.createDemo': call(Empty, Ok, 'anyone'),

  'cases.accessLog': call(
    z
      .object({
        caseId: CaseId,
        limit: z.number().int().min(1).max(200).default(50),
        beforeId: z.number().int().positive().optional(),
      })
      .strict(),
    AuditPage,
    ['supervisor'],
  ),
  // A purged case keeps no identity: the officer types the customer again (it must be the same person).
  'cases.createFrom': call(
    z.object({ caseId: CaseId, subject: NewCase.shape.subject.optional() }).strict(),
    CaseDetail,
    ['officer'],
  ),
  'cases.list': call(
    z
      .object({
        scope: z.enum(['mine', 'awaiting_approval', 'all']),
        /** A case number (#12), a full ID or business number, or the start of a name. */
        search: z.string().trim().max(60).optional(),
        /** One page of at most this many cases. */
        limit: z.number().int().min(1).max(200).default(50),
        cursor: z.string().max(200).optional(),
        /** Only cases in these states (the homes' queues of work). */
        states: z.array(z.enum(CASE_STATES)).min(1).max(CASE_STATES.length).optional(),
      })
      .strict(),
    CasePage,
    ['officer', 'supervisor'],
    { passive: true },
  ),
  'cases.create': call(NewCase, CaseDetail, ['officer']),
  // Screens poll these two: passive, so an open case or list never keeps the desk from locking.
  'cases.get': call(z.object({ caseId: CaseId }).strict(), CaseDetail, ['officer', 'supervisor'], { passive: true }),
  'cases.addPages': call(
    z
      .object({
        caseId: CaseId,
        fileName: z.string().min(1).max(255),
        // An empty file is the intake's to refuse, with its own message ("the file is empty").
        dataBase64: z.string().max(30 * 1024 * 1024),
      })
      .strict(),
    CaseDetail,
    ['officer'],
  ),
  'cases.removePage': call(z.object({ caseId: CaseId, pageId: z.number().int().positive() }).strict(), CaseDetail, [
    'officer',
  ]),
  'cases.page': call(
    z.object({ caseId: CaseId, pageId: z.number().int().positive() }).strict(),
    z.object({ mediaType: z.string(), dataBase64: z.string() }),
    ['officer', 'supervisor'],
  ),
  'cases.captureAuthorization': call(
    z.object({ caseId: CaseId, signedOn: IsoDate, validUntil: IsoDate }).strict(),
    CaseDetail,
    ['officer'],
  ),
  'cases.requestApproval': call(z.object({ caseId: CaseId }).strict(), CaseDetail, ['officer']),
  // The supervisor approves the pages their screen showed: `pagesDigest` as the case detail gave it.
  'cases.approve': call(
    z.object({ caseId: CaseId, pagesDigest: PagesDigest, supervisor: StepUp.optional() }).strict(),
    CaseDetail,
    ['officer', 'supervisor'],
  ),
  'cases.sendBack': call(
    z
      .object({
        caseId: CaseId,
        reason: z.string().trim().min(1, 'required').max(500),
        supervisor: StepUp.optional(),
      })
      .strict(),
    CaseDetail,
    ['officer', 'supervisor'],
  ),
  'cases.results': call(z.object({ caseId: CaseId }).strict(), CaseResults, ['officer', 'supervisor']),
  'cases.recordPrint': call(z.object({ caseId: CaseId }).strict(), PrintRecord, ['officer', 'supervisor']),
  'jcic.status': call(Empty, JcicStatus, 'signed-in', { passive: true }),

  // Automated tests move time; on a desk with the system clock this call does not exist.
  'dev.advanceClock': call(
    z
      .object({
        minutes: z
          .number()
          .min(0)
          .max(60 * 24 * 400),
      })
      .strict(),
    z.object({ now: z.string() }),
    ['it_admin'],
    { testClockOnly: true },
  ),
  ...esignCalls,
  ...captureCalls,
  ...updateCalls,
  ...statsCalls,
} as const satisfies Record<string, CallSpec>;

export type Contract = typeof contract;
export type CallName = keyof Contract;
export type InputOf<N extends CallName> = z.input<Contract[N]['input']>;
export type OutputOf<N extends CallName> = z.output<Contract[N]['output']>;
export type Result<T> = { ok: true; value: T } | { ok: false; error: DeskErrorPayload };

export const CALL_NAMES = Object.keys(contract) as CallName[];

/** What the preload exposes as `window.desk`: one function per contract call, nothing else. */
export type DeskBridge = { [N in CallName]: (input: InputOf<N>) => Promise<Result<OutputOf<N>>> };
