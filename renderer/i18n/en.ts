import type { zhTW } from './zh-TW';

type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };

export const en: Shape<typeof zhTW> = {
  app: { title: 'Branch Desk', sandbox: '訓練環境 / SANDBOX', sandboxNote: 'No JCIC connection configured: the built-in sandbox JCIC answers with test data', testClock: 'Test clock mode (automated tests only)', language: '中文' },
  roles: { it_admin: 'IT administrator', officer: 'Loan officer', supervisor: 'Supervisor' },
  setup: {
    title: 'First-run setup: create the first IT administrator', intro: 'This desk has no accounts yet. Create the first IT administrator, who then adds officers and supervisors.',
    submit: 'Create administrator and sign in',
  },
  fields: { employeeId: 'Employee ID', name: 'Name', branchCode: 'Branch code', role: 'Role', password: 'Password', passwordAgain: 'Password again', passwordHint: 'At least 10 characters with letters and digits' },
  login: { title: 'Sign in', submit: 'Sign in' },
  lock: { title: 'Desk locked', intro: 'The session of {{name}} ({{employeeId}}) is locked. Enter the password to unlock.', unlock: 'Unlock', switchUser: 'Sign in as someone else' },
  shell: { signedInAs: '{{name}} ({{role}}, branch {{branch}})', lockNow: 'Lock', logout: 'Sign out', idleLockAt: 'Locks when idle at {{time}}' },
  home: { title: 'Workspace', desk: 'This desk', bank: 'Bank code', branch: 'Branch code', version: 'Version', notSet: 'not set', jcic: 'JCIC connection', sandboxJcic: 'Built-in sandbox JCIC (training)', realJcic: 'Production JCIC' },
  staff: {
    title: 'Staff', add: 'Add a staff member', create: 'Add', list: 'Staff list', status: 'Status', active: 'Active', disabled: 'Disabled', locked: 'Locked until {{time}}',
    disable: 'Disable', enable: 'Enable', changeRole: 'Change role', resetPassword: 'Reset password', newPassword: 'New password', created: 'Added {{name}}',
    confirmReset: 'Confirm', cancel: 'Cancel', actions: 'Actions',
  },
  audit: { title: 'Audit trail', at: 'When', actor: 'Who', action: 'Action', target: 'Subject', detail: 'Detail', more: 'Load earlier entries' },
  errors: { mismatch: 'The two passwords differ' },
};
