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
  shell: { signedInAs: '{{name}} ({{role}}, branch {{branch}})', lockNow: 'Lock', logout: 'Sign out', changePassword: 'Change password', idleLockAt: 'Locks when idle at {{time}}' },
  password: { title: 'Change password', required: 'IT set your password: choose a new one only you know before you start work.', current: 'Current password', next: 'New password', again: 'New password again', mismatch: 'The two new passwords differ', submit: 'Change password', done: 'Password changed' },
  health: { title: 'Desk status', dataKey: 'Data key', keyOs: 'Protected by the OS key store', keyFile: 'Kept in a file only (no OS key store: run the desktop application)', clientCert: 'JCIC client certificate', caCert: 'JCIC CA certificate', validTo: 'Valid until {{date}} ({{days}} days left)', renew: 'renew it before it expires', certBroken: 'unusable: {{problem}}', cases: 'Cases', noCases: 'none', outbox: 'JCIC outbox', outboxEmpty: 'Nothing waiting', outboxPending: '{{n}} waiting, the oldest since {{since}}', outboxFailed: '{{n}} cannot be sent and need IT (open the case for the reason)', nextExpiry: 'Next deletion by retention', nothingHeld: 'No returned data is held' },
  home: { title: 'Workspace', desk: 'This desk', bank: 'Bank code', branch: 'Branch code', version: 'Version', notSet: 'not set', jcic: 'JCIC connection', sandboxJcic: 'Built-in sandbox JCIC (training)', realJcic: 'Production JCIC' },
  staff: {
    title: 'Staff', add: 'Add a staff member', create: 'Add', list: 'Staff list', status: 'Status', active: 'Active', disabled: 'Disabled', locked: 'Locked until {{time}}', mustChange: 'Must change password',
    disable: 'Disable', enable: 'Enable', changeRole: 'Change role', resetPassword: 'Reset password', newPassword: 'New password', created: 'Added {{name}}',
    confirmReset: 'Confirm', cancel: 'Cancel', actions: 'Actions',
  },
  audit: { title: 'Audit trail', at: 'When', actor: 'Who', action: 'Action', target: 'Subject', caseId: 'Case no.', detail: 'Detail', more: 'Load earlier entries', filter: 'Search', actionPrefix: 'Action (or its start, e.g. results.)', fromDay: 'From', toDay: 'To', search: 'Search', clear: 'Clear', none: 'No entries match', verify: 'Verify the audit trail', intact: 'The audit trail is intact: the hash chain and MACs of all {{rows}} entries match', unsigned: '{{count}} of them carry no MAC (written by command-line tools or an older version); look at each: {{ids}}', broken: 'The audit trail was altered: the hash chain breaks at entry {{id}} ({{rows}} entries before it match). Report this to information security now' },
  errors: { mismatch: 'The two passwords differ' },
  demo: { offer: 'Training sandbox: create demo accounts and customers to walk the whole flow in two minutes', create: 'Create demo data', accounts: 'Demo accounts (shown in the sandbox only)', or: 'or create the first IT administrator yourself' },
  nav: { cases: 'Cases', approvals: 'Approvals' },
  jcic: { down: 'JCIC cannot be reached (bank VPN or JCIC down). Queued cases are kept and will be resent automatically at {{time}}; nothing to redo.', downNoRetry: 'JCIC cannot be reached (bank VPN or JCIC down): {{error}}', pending: '{{n}} waiting to go out', operator: 'Sandbox operator page' },
  cases: {
    title: 'Cases', new: 'New case', none: 'No cases yet', id: 'Case', subject: 'Subject', role: 'Role', purpose: 'Purpose', products: 'Products', state: 'State', preparedBy: 'Officer', updated: 'Updated', remaining: 'Data kept',
    approvals: 'Awaiting supervisor approval', noApprovals: 'Nothing awaits approval', open: 'Open',
    search: 'Search cases', searchHint: 'Case no., a whole ID or business number, or a name', searchGo: 'Search', searchClear: 'Show all', noMatch: 'No case matches “{{search}}”',
  },
  intake: {
    title: 'New case', demoCustomers: 'Demo customers', idNumber: 'National ID / resident certificate no.', name: 'Name', enterprise: 'Enterprise borrower', businessNumber: 'Business number', enterpriseName: 'Enterprise name',
    create: 'Create case', unavailable: 'Not available', ended: 'Ended', optional: '(optional)',
  },
  case: {
    back: 'Back to cases', form: 'Authorization form', importFile: 'Import the signed form (PDF, JPEG, PNG, TIFF; several pages)', page: 'Page {{n}}', pages: 'Pages {{from}}–{{to}}', pageOf: 'Page {{n}} of {{total}}', pdfPages: 'PDF, {{n}} pages', pdfUnreadable: 'This PDF cannot be shown; the file is kept and sent unchanged, so check the original', loadingPage: 'Loading…', openPage: 'Enlarge', closeViewer: 'Close', prevPage: 'Previous page', nextPage: 'Next page', removePage: 'Remove', noPages: 'No form imported yet',
    authorization: 'Authorization', signedOn: 'Signed on', validUntil: 'Valid until', capture: 'Confirm the form', requestApproval: 'Ask a supervisor to approve',
    approval: 'Supervisor approval', stepUpIntro: 'The supervisor enters their own employee ID and password at this desk (the preparing officer can never approve)', supervisorId: 'Supervisor employee ID', supervisorPassword: 'Supervisor password',
    approve: 'Approve', sendBack: 'Send back', reason: 'Reason for sending back', history: 'History', system: 'System', outbox: 'JCIC submission', attempts: '{{n}} attempts', nextAttempt: 'next try {{time}}',
    rejection: 'JCIC rejection reason', results: 'View data', retention: 'Data will be deleted at {{time}} ({{left}} left)', purged: 'The data was deleted at the end of its retention window; history and audit remain',
    approvedBy: 'Approved by', accessLog: 'Access log', showAccessLog: 'Show who has viewed or printed this case\'s data (this look is recorded too)', noAccess: 'Nobody has looked yet', recreate: 'Start a new case with these details (a newly signed form is needed)', enterprise: 'Enterprise borrower', waiting: 'Under JCIC review; the answer shows here when it comes',
  },
  results: {
    title: 'Returned data', print: 'Print', printedBy: 'Printed by {{name}} ({{employeeId}}) · branch {{branch}} · {{time}} · print reference {{reference}}', printRefused: 'Print returned data with the Print button on the screen: every print is recorded and names who printed it.', printNotice: 'Contains tax and personal data: for this credit review only; do not copy, pass on or take away; destroy after use as the rules require.', received: 'Received', T50: 'T50 Income', T51: 'T51 Property', T52: 'T52 Labour insurance',
    formatCode: 'Income format', payer: 'Payer', payerNo: 'Business no.', gross: 'Gross', income: 'Income', expenses: 'Expenses', withheld: 'Tax withheld', taxYear: 'Tax year',
    subtotal: 'Subtotal', total: 'Total income', byCategory: 'Totals by category',
    land: 'Land', buildings: 'Buildings', vehicles: 'Vehicles', investments: 'Investments', location: 'Location', lot: 'Lot', area: 'Area (m²)', share: 'Share', assessed: 'Assessed value', address: 'Address', plate: 'Plate', kind: 'Kind', make: 'Make', year: 'Year', company: 'Company', shares: 'Shares', none: 'None',
    employer: 'Insured employer', insuredSalary: 'Insured monthly salary', enrolled: 'Enrolled', withdrawn: 'Withdrawn', current: 'insured now',
    dbr: 'DBR 22× helper', annual: 'Annual income', monthly: 'Average monthly income', ceiling: 'Unsecured debt ceiling (22×)', debt: 'Customer\'s total unsecured debt (all institutions)', ratio: 'Ratio', within: 'Within 22×', over: 'Above 22×',
  },
  time: { days: '{{d}} d {{h}} h', hours: '{{h}} h {{m}} min', minutes: '{{m}} min' },
};
