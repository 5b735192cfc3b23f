import type { DeskServices } from '../services';
import type { CallContext, Handlers } from '../dispatch';
import { DeskError } from '../errors';
import { passwordStrongEnough } from '../staff/password';
import type { StaffRecord } from '../staff/staff-directory';
import { isPrivileged, type GrantRow } from '../staff/privilege-grants';

export function staffHandlers(
  s: DeskServices,
): Pick<
  Handlers,
  | 'staff.list'
  | 'staff.create'
  | 'staff.setDisabled'
  | 'staff.setRole'
  | 'staff.resetPassword'
  | 'staff.grants'
  | 'staff.confirmGrant'
  | 'staff.cancelGrant'
> {
  const shown = (m: StaffRecord, open: GrantRow | undefined, lockedUntil: string | null) => ({
    ...m,
    lockedUntil,
    grant: open ? { id: open.id, change: open.change, role: open.role, state: open.state } : null,
  });
  const view = (m: StaffRecord) => shown(m, s.grants.openFor(m.id), s.sessions.lockedUntil(m.employeeId));
  /** A page: its grants and lockouts in one query each, not two per member. */
  const views = (members: StaffRecord[]) => {
    const grants = s.grants.openForEach(members.map((m) => m.id));
    const locks = s.sessions.lockedUntilEach(members.map((m) => m.employeeId));
    return members.map((m) => shown(m, grants.get(m.id), locks.get(m.employeeId) ?? null));
  };
  const grantView = (g: GrantRow, viewer: StaffRecord) => {
    const member = s.staff.get(g.staff_id)!;
    const by = g.requested_by === null ? undefined : s.staff.get(g.requested_by);
    const open = g.state === 'pending' || g.state === 'provisional';
    return {
      id: g.id,
      staffId: g.staff_id,
      employeeId: member.employeeId,
      name: member.name,
      change: g.change,
      role: g.role,
      state: g.state,
      requestedBy: by ? { employeeId: by.employeeId, name: by.name } : null,
      requestedAt: g.requested_at,
      mayConfirm:
        open &&
        g.requested_by !== viewer.id &&
        g.staff_id !== viewer.id &&
        (g.state === 'pending' || viewer.role === 'supervisor'),
    };
  };

  // The caller is always an active administrator and may not change their own account, so at
  // least one active administrator always remains.
  const target = (staffId: number, ctx: CallContext, selfChange: boolean): StaffRecord => {
    const member = s.staff.get(staffId);
    if (!member) throw new DeskError('STAFF_NOT_FOUND');
    if (selfChange && member.id === ctx.user!.id) throw new DeskError('SELF_CHANGE');
    return member;
  };

  return {
    'staff.list': ({ limit, afterEmployeeId }) => {
      const page = s.staff.list(limit + 1, afterEmployeeId);
      return { items: views(page.slice(0, limit)), more: page.length > limit };
    },
    'staff.create': async (input, ctx) => {
      if (!passwordStrongEnough(input.password)) throw new DeskError('WEAK_PASSWORD');
      const member = await s.staff.create({ ...input, mustChangePassword: true });
      s.audit.record({
        actor: ctx.user,
        action: 'staff.created',
        target: member.employeeId,
        detail: { role: member.role, branchCode: member.branchCode },
      });
      // Approval authority waits for a second person (the desk's first supervisor excepted, flagged).
      if (isPrivileged(member.role)) s.grants.request(member, 'create', member.role, ctx.user!);
      return view(member);
    },
    'staff.setDisabled': async ({ staffId, disabled }, ctx) => {
      const member = target(staffId, ctx, true);
      // Enabling a supervisor or administrator again gives back approval authority: a grant.
      if (!disabled && member.disabled && isPrivileged(member.role)) {
        s.grants.request(member, 'enable', member.role, ctx.user!);
        return view(s.staff.get(staffId)!);
      }
      if (disabled) s.grants.withdrawFor(staffId, ctx.user!);
      const updated = await s.staff.update(staffId, { disabled });
      s.audit.record({
        actor: ctx.user,
        action: disabled ? 'staff.disabled' : 'staff.enabled',
        target: member.employeeId,
      });
      return view(updated);
    },
    'staff.setRole': async ({ staffId, role }, ctx) => {
      const member = target(staffId, ctx, true);
      if (member.role === role) return view(member);
      // A role with approval authority takes effect when a second person confirms it.
      if (isPrivileged(role)) {
        s.grants.request(member, 'role', role, ctx.user!);
        return view(s.staff.get(staffId)!);
      }
      s.grants.withdrawFor(staffId, ctx.user!);
      const updated = await s.staff.update(staffId, { role });
      s.audit.record({
        actor: ctx.user,
        action: 'staff.role_changed',
        target: member.employeeId,
        detail: { from: member.role, to: role },
      });
      return view(updated);
    },
    'staff.resetPassword': async ({ staffId, password }, ctx) => {
      const member = target(staffId, ctx, false);
      if (!passwordStrongEnough(password)) throw new DeskError('WEAK_PASSWORD');
      // Someone else's password, once set by IT, is theirs to replace at the next sign-in.
      const updated = await s.staff.update(staffId, { password, mustChangePassword: member.id !== ctx.user!.id });
      s.sessions.clearLockout(member.employeeId); // a reset also releases a lockout
      s.audit.record({ actor: ctx.user, action: 'staff.password_reset', target: member.employeeId });
      return view(updated);
    },
    'staff.grants': (_input, ctx) => s.grants.open().map((g) => grantView(g, ctx.user!)),
    'staff.confirmGrant': ({ grantId }, ctx) => grantView(s.grants.confirm(grantId, ctx.user!), ctx.user!),
    'staff.cancelGrant': ({ grantId }, ctx) => grantView(s.grants.cancel(grantId, ctx.user!), ctx.user!),
  };
}
