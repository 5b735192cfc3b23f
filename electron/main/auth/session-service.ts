// The desk's one sign-in session. It lives here, in the main side, never in renderer storage.
// Lockout: 5 failed attempts lock an employee ID for 15 minutes. Idle lock: after the policy's
// minutes without user activity the session locks and only its owner's password reopens it.
import type { Db } from '../store/database';
import { MINUTE, type Clock } from '../clock';
import type { AuditLog } from '../audit/audit-log';
import { DeskError } from '../errors';
import type { StaffDirectory, StaffRecord } from '../staff/staff-directory';
import type { Access, SessionView } from '../../../common/contract';
import { passwordStrongEnough } from '../staff/password';

export const MAX_FAILED_ATTEMPTS = 5;
export const LOCKOUT_MINUTES = 15;

interface Session {
  user: StaffRecord;
  lastActivity: number;
  locked: boolean;
}

interface GuardRow {
  failed_count: number;
  locked_until: string | null;
}

export class SessionService {
  private session: Session | null = null;

  constructor(
    private readonly db: Db,
    private readonly directory: StaffDirectory,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
    private readonly idleLockMinutes: number,
    /** A member created with approval authority works only once a second person confirms it. */
    private readonly grants: { awaitingCreation(staffId: number): boolean },
  ) {}

  /** The session as the renderer may see it; applies the idle lock first. */
  current(): SessionView | null {
    this.applyIdleLock();
    const s = this.session;
    if (!s) return null;
    const { id, employeeId, name, branchCode, role } = s.user;
    return {
      user: { id, employeeId, name, branchCode, role },
      locked: s.locked,
      mustChangePassword: s.user.mustChangePassword,
      idleLockAt: new Date(s.lastActivity + this.idleLockMinutes * MINUTE).toISOString(),
    };
  }

  /** Enforces a call's declared access; returns the signed-in member (or null for 'anyone'). */
  authorize(access: Access, activity: boolean, duringPasswordChange = false): StaffRecord | null {
    this.applyIdleLock();
    const s = this.session;
    if (access === 'anyone') {
      if (s && !s.locked && activity) s.lastActivity = this.clock.now().getTime();
      return s && !s.locked ? s.user : null;
    }
    if (!s) throw new DeskError('NOT_SIGNED_IN');
    if (access === 'locked') return s.user;
    if (s.locked) throw new DeskError('SESSION_LOCKED');
    if (s.user.mustChangePassword && !duringPasswordChange) throw new DeskError('PASSWORD_CHANGE_REQUIRED');
    if (access !== 'signed-in' && !access.includes(s.user.role)) {
      this.audit.record({ actor: s.user, action: 'access.denied', detail: { required: access } });
      throw new DeskError('FORBIDDEN');
    }
    if (activity) s.lastActivity = this.clock.now().getTime();
    return s.user;
  }

  async login(employeeId: string, password: string): Promise<SessionView> {
    const member = await this.checkPassword(employeeId, password);
    if (member.disabled) {
      this.audit.record({ actor: member, action: 'auth.login_refused_disabled' });
      throw new DeskError('ACCOUNT_DISABLED');
    }
    if (this.grants.awaitingCreation(member.id)) {
      this.audit.record({ actor: member, action: 'auth.login_refused_grant_pending' });
      throw new DeskError('GRANT_PENDING');
    }
    if (this.session) this.end('auth.session_replaced');
    this.session = { user: member, lastActivity: this.clock.now().getTime(), locked: false };
    this.audit.record({ actor: member, action: 'auth.login' });
    return this.current()!;
  }

  async unlock(password: string): Promise<SessionView> {
    const s = this.session;
    if (!s) throw new DeskError('NOT_SIGNED_IN');
    try {
      const member = await this.checkPassword(s.user.employeeId, password);
      if (member.disabled) throw new DeskError('ACCOUNT_DISABLED');
      s.user = member;
    } catch (e) {
      // A locked-out or disabled account must not keep a session open behind the lock screen.
      if (e instanceof DeskError && (e.code === 'ACCOUNT_LOCKED' || e.code === 'ACCOUNT_DISABLED'))
        this.end('auth.session_ended');
      throw e;
    }
    s.locked = false;
    s.lastActivity = this.clock.now().getTime();
    this.audit.record({ actor: s.user, action: 'auth.unlock' });
    return this.current()!;
  }

  /** The member replaces their password (required after an administrator set it). The current
   * password is checked under the lockout rules; a lockout ends the session. */
  async changePassword(currentPassword: string, newPassword: string): Promise<SessionView> {
    const s = this.session;
    if (!s) throw new DeskError('NOT_SIGNED_IN');
    let member: StaffRecord;
    try {
      member = await this.checkPassword(s.user.employeeId, currentPassword);
    } catch (e) {
      if (e instanceof DeskError && e.code === 'ACCOUNT_LOCKED') this.end('auth.session_ended');
      // Signed in already: the employee ID is not in question, only the password typed.
      if (e instanceof DeskError && e.code === 'BAD_CREDENTIALS')
        throw new DeskError('WRONG_CURRENT_PASSWORD').about('currentPassword');
      if (e instanceof DeskError && e.code === 'BAD_CREDENTIALS_LAST_TRY')
        throw new DeskError('WRONG_CURRENT_PASSWORD_LAST_TRY', e.params).about('currentPassword');
      throw e;
    }
    if (newPassword === currentPassword) throw new DeskError('PASSWORD_REUSED');
    if (!passwordStrongEnough(newPassword)) throw new DeskError('WEAK_PASSWORD');
    s.user = await this.directory.update(member.id, { password: newPassword, mustChangePassword: false });
    s.lastActivity = this.clock.now().getTime();
    this.audit.record({
      actor: s.user,
      action: 'auth.password_changed',
      detail: { required: member.mustChangePassword },
    });
    return this.current()!;
  }

  lock(): void {
    const s = this.session;
    if (!s || s.locked) return;
    s.locked = true;
    this.audit.record({ actor: s.user, action: 'session.locked_by_user' });
  }

  logout(): void {
    if (this.session) this.end('auth.logout');
  }

  /** Starts a session for a member the caller has just created and authenticated (first-run setup). */
  startFor(member: StaffRecord): SessionView {
    if (this.session) this.end('auth.session_replaced');
    this.session = { user: member, lastActivity: this.clock.now().getTime(), locked: false };
    this.audit.record({ actor: member, action: 'auth.login', detail: { via: 'first-run-setup' } });
    return this.current()!;
  }

  /** Keeps the session's copy of its member in step with an administrator's change. */
  refreshMember(member: StaffRecord): void {
    if (this.session?.user.id === member.id) this.session.user = member;
  }

  /** A second person's credentials at this desk (a supervisor's step-up approval): same lockout rules. */
  async verifyStepUp(employeeId: string, password: string): Promise<StaffRecord> {
    const member = await this.checkPassword(employeeId, password);
    if (member.disabled) throw new DeskError('ACCOUNT_DISABLED');
    if (this.grants.awaitingCreation(member.id)) throw new DeskError('GRANT_PENDING');
    // A password IT chose is not the supervisor's own: it cannot approve anything.
    if (member.mustChangePassword) throw new DeskError('PASSWORD_CHANGE_REQUIRED');
    this.audit.record({
      actor: member,
      action: 'auth.step_up',
      detail: { sessionUser: this.session?.user.employeeId ?? null },
    });
    return member;
  }

  lockedUntil(employeeId: string): string | null {
    const row = this.db
      .prepare('SELECT failed_count, locked_until FROM login_guard WHERE employee_id = ?')
      .get(employeeId) as GuardRow | undefined;
    if (!row?.locked_until) return null;
    return row.locked_until > this.clock.now().toISOString() ? row.locked_until : null;
  }

  /** `lockedUntil` for a page of staff in one query (the staff list). */
  lockedUntilEach(employeeIds: readonly string[]): Map<string, string> {
    const rows = this.db
      .prepare(
        'SELECT employee_id, locked_until FROM login_guard WHERE employee_id IN (SELECT value FROM json_each(?)) AND locked_until > ?',
      )
      .all(JSON.stringify(employeeIds), this.clock.now().toISOString()) as {
      employee_id: string;
      locked_until: string;
    }[];
    return new Map(rows.map((r) => [r.employee_id, r.locked_until]));
  }

  clearLockout(employeeId: string): void {
    this.db.prepare('DELETE FROM login_guard WHERE employee_id = ?').run(employeeId);
  }

  /** Runs the lockout rules around one password check. */
  private async checkPassword(employeeId: string, password: string): Promise<StaffRecord> {
    const now = this.clock.now();
    const lockedUntil = this.lockedUntil(employeeId);
    if (lockedUntil) {
      this.audit.record({ actor: null, action: 'auth.login_refused_locked', target: employeeId });
      throw new DeskError('ACCOUNT_LOCKED', { minutes: minutesUntil(now, lockedUntil) });
    }
    const member = await this.directory.authenticate(employeeId, password);
    if (member) {
      this.clearLockout(employeeId);
      return member;
    }
    const row = this.db
      .prepare('SELECT failed_count, locked_until FROM login_guard WHERE employee_id = ?')
      .get(employeeId) as GuardRow | undefined;
    // A lock that has run out starts the count afresh.
    const failed = (row && !row.locked_until ? row.failed_count : 0) + 1;
    const known = this.directory.findByEmployeeId(employeeId);
    this.audit.record({
      actor: null,
      action: 'auth.login_failed',
      target: employeeId,
      detail: { attempt: failed, knownId: Boolean(known) },
    });
    if (failed >= MAX_FAILED_ATTEMPTS) {
      const until = new Date(now.getTime() + LOCKOUT_MINUTES * MINUTE).toISOString();
      this.db
        .prepare(
          `INSERT INTO login_guard (employee_id, failed_count, locked_until) VALUES (?, 0, ?)
        ON CONFLICT(employee_id) DO UPDATE SET failed_count = 0, locked_until = excluded.locked_until`,
        )
        .run(employeeId, until);
      this.audit.record({ actor: null, action: 'auth.account_locked', target: employeeId, detail: { until } });
      throw new DeskError('ACCOUNT_LOCKED', { minutes: LOCKOUT_MINUTES });
    }
    this.db
      .prepare(
        `INSERT INTO login_guard (employee_id, failed_count, locked_until) VALUES (?, ?, NULL)
      ON CONFLICT(employee_id) DO UPDATE SET failed_count = excluded.failed_count, locked_until = NULL`,
      )
      .run(employeeId, failed);
    if (failed === MAX_FAILED_ATTEMPTS - 1)
      throw new DeskError('BAD_CREDENTIALS_LAST_TRY', { minutes: LOCKOUT_MINUTES });
    throw new DeskError('BAD_CREDENTIALS');
  }

  private applyIdleLock(): void {
    const s = this.session;
    if (!s || s.locked) return;
    const idleLockAt = s.lastActivity + this.idleLockMinutes * MINUTE;
    if (this.clock.now().getTime() >= idleLockAt) {
      s.locked = true;
      this.audit.record({
        actor: s.user,
        action: 'session.idle_locked',
        detail: { idleSince: new Date(s.lastActivity).toISOString() },
      });
    }
  }

  private end(action: string): void {
    this.audit.record({ actor: this.session!.user, action });
    this.session = null;
  }
}

function minutesUntil(now: Date, untilIso: string): number {
  return Math.max(1, Math.ceil((new Date(untilIso).getTime() - now.getTime()) / MINUTE));
}
