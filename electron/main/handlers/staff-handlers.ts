import type { DeskServices } from '../services';
import type { CallContext, Handlers } from '../dispatch';
import { DeskError } from '../errors';
import { passwordStrongEnough } from '../staff/password';
import type { StaffRecord } from '../staff/staff-directory';

export function staffHandlers(
  s: DeskServices,
): Pick<Handlers, 'staff.list' | 'staff.create' | 'staff.setDisabled' | 'staff.setRole' | 'staff.resetPassword'> {
  const view = (m: StaffRecord) => ({ ...m, lockedUntil: s.sessions.lockedUntil(m.employeeId) });

  // The caller is always an active administrator and may not change their own account, so at
  // least one active administrator always remains.
  const target = (staffId: number, ctx: CallContext, selfChange: boolean): StaffRecord => {
    const member = s.staff.get(staffId);
    if (!member) throw new DeskError('STAFF_NOT_FOUND');
    if (selfChange && member.id === ctx.user!.id) throw new DeskError('SELF_CHANGE');
    return member;
  };

  return {
    'staff.list': () => s.staff.list().map(view),
    'staff.create': async (input, ctx) => {
      if (!passwordStrongEnough(input.password)) throw new DeskError('WEAK_PASSWORD');
      const member = await s.staff.create({ ...input, mustChangePassword: true });
      s.audit.record({
        actor: ctx.user,
        action: 'staff.created',
        target: member.employeeId,
        detail: { role: member.role, branchCode: member.branchCode },
      });
      return view(member);
    },
    'staff.setDisabled': async ({ staffId, disabled }, ctx) => {
      const member = target(staffId, ctx, true);
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
  };
}
