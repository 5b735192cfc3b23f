import type { DeskServices } from '../services';
import type { Handlers } from '../dispatch';
import { DeskError } from '../errors';
import { passwordStrongEnough } from '../staff/password';
import { createDemo } from '../demo/demo-setup';

export function authHandlers(
  s: DeskServices,
): Pick<
  Handlers,
  | 'setup.createAdmin'
  | 'setup.createDemo'
  | 'auth.login'
  | 'auth.unlock'
  | 'auth.lock'
  | 'auth.changePassword'
  | 'auth.logout'
  | 'session.current'
  | 'session.touch'
> {
  return {
    'setup.createAdmin': async (input) => {
      if (s.staff.count() > 0) throw new DeskError('SETUP_ALREADY_DONE');
      if (!passwordStrongEnough(input.password)) throw new DeskError('WEAK_PASSWORD');
      const admin = await s.staff.create({ ...input, role: 'it_admin' });
      s.audit.record({ actor: admin, action: 'setup.first_admin_created', target: admin.employeeId });
      return s.sessions.startFor(admin);
    },
    'setup.createDemo': async () => {
      const { policy } = s.options.loadedPolicy;
      if (!s.jcic.sandbox) throw new DeskError('SANDBOX_ONLY');
      if (s.staff.count() > 0) throw new DeskError('SETUP_ALREADY_DONE');
      await createDemo(s.db, s.staff, s.grants, s.audit, policy.branchCode ?? '0001');
      return { ok: true as const };
    },
    'auth.login': ({ employeeId, password }) => {
      if (s.staff.count() === 0) throw new DeskError('SETUP_REQUIRED');
      return s.sessions.login(employeeId, password);
    },
    'auth.unlock': ({ password }) => s.sessions.unlock(password),
    'auth.changePassword': ({ currentPassword, newPassword }) =>
      s.sessions.changePassword(currentPassword, newPassword),
    'auth.lock': () => {
      s.sessions.lock();
      return { ok: true as const };
    },
    'auth.logout': () => {
      s.sessions.logout();
      return { ok: true as const };
    },
    'session.current': () => s.sessions.current(),
    'session.touch': () => ({ ok: true as const }),
  };
}
