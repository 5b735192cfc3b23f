// Versioned schema. Each migration runs once, in order, inside a transaction; PRAGMA user_version
// records how far the database has come. Never edit a shipped migration: add the next one.
export const MIGRATIONS: readonly string[] = [
  // 1: staff, login guard, append-only audit
  `
  CREATE TABLE staff (
    id INTEGER PRIMARY KEY,
    employee_id TEXT NOT NULL UNIQUE COLLATE NOCASE,
    name TEXT NOT NULL,
    branch_code TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('it_admin','officer','supervisor')),
    password_hash TEXT NOT NULL,
    disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0,1)),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  );
  -- failed sign-ins are counted per typed employee ID, known or not, so that the answer never
  -- tells whether an ID exists
  CREATE TABLE login_guard (
    employee_id TEXT PRIMARY KEY COLLATE NOCASE,
    failed_count INTEGER NOT NULL,
    locked_until TEXT
  );
  CREATE TABLE audit (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL,
    actor_id INTEGER REFERENCES staff(id),
    actor_employee_id TEXT,
    action TEXT NOT NULL,
    target TEXT,
    case_id INTEGER,
    detail TEXT,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
  );
  CREATE INDEX audit_case ON audit(case_id);
  CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;
  CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;
  `,
  // 2: cases, their history, form pages, the JCIC outbox, returned data, desk settings
  `
  CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
  CREATE TABLE cases (
    id INTEGER PRIMARY KEY,
    state TEXT NOT NULL,
    subject_id TEXT NOT NULL,
    subject_kind TEXT NOT NULL,
    subject_name TEXT NOT NULL,
    enterprise_number TEXT,
    enterprise_name TEXT,
    role TEXT NOT NULL,
    purpose TEXT NOT NULL,
    products TEXT NOT NULL,
    signed_on TEXT,
    valid_until TEXT,
    created_by INTEGER NOT NULL REFERENCES staff(id),
    approved_by INTEGER REFERENCES staff(id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    jcic_status TEXT,
    rejection_code TEXT,
    rejection_text TEXT,
    data_expires_at TEXT
  );
  CREATE INDEX cases_state ON cases(state);
  CREATE TABLE case_events (
    id INTEGER PRIMARY KEY,
    case_id INTEGER NOT NULL REFERENCES cases(id),
    at TEXT NOT NULL,
    actor_id INTEGER REFERENCES staff(id),
    from_state TEXT,
    to_state TEXT NOT NULL,
    reason TEXT
  );
  CREATE INDEX case_events_case ON case_events(case_id);
  CREATE TABLE case_pages (
    id INTEGER PRIMARY KEY,
    case_id INTEGER NOT NULL REFERENCES cases(id),
    position INTEGER NOT NULL,
    file_name TEXT NOT NULL,
    media_type TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    bytes INTEGER NOT NULL,
    width INTEGER,
    height INTEGER,
    stored_as TEXT NOT NULL,
    added_at TEXT NOT NULL
  );
  CREATE INDEX case_pages_case ON case_pages(case_id);
  CREATE TABLE outbox (
    case_id INTEGER PRIMARY KEY REFERENCES cases(id),
    submission_id TEXT NOT NULL UNIQUE,
    state TEXT NOT NULL CHECK (state IN ('pending','sent','failed')),
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT NOT NULL,
    last_error TEXT,
    sent_at TEXT,
    ack_pending INTEGER NOT NULL DEFAULT 0
  );
  CREATE TABLE case_results (
    case_id INTEGER NOT NULL REFERENCES cases(id),
    product TEXT NOT NULL,
    data TEXT NOT NULL,
    received_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    PRIMARY KEY (case_id, product)
  );
  `,
  // 3: a stored form item may be a multi-page PDF; the case's page limit counts its pages.
  // Items stored before this version count as one page (their PDFs are not re-read here).
  `
  ALTER TABLE case_pages ADD COLUMN page_count INTEGER NOT NULL DEFAULT 1 CHECK (page_count >= 1);
  `,
  // 4: each audit row also carries a MAC of its chain hash under a key derived from the data key, so
  // rewriting the trail and recomputing the plain hashes no longer passes verification. Rows written
  // by delete-only tools (which run without the key) and rows from before this version have none.
  `
  ALTER TABLE audit ADD COLUMN mac TEXT;
  `,
  // 5: a password an administrator set (new account, reset) must be replaced by its owner at the
  // next sign-in, so no one but the member knows it.
  `
  ALTER TABLE staff ADD COLUMN must_change_password INTEGER NOT NULL DEFAULT 0 CHECK (must_change_password IN (0,1));
  `,
  // 6: the customer's identity sealed at rest (the vault, context subject:<case>), with a keyed hash
  // of the ID for exact search, keyed hashes of the name's first one to four characters and of the
  // whole name (case_name_keys) for search by name, and masked forms for lists. subject_id and
  // subject_name stay as columns (SQLite cannot drop them while older rows need sealing by the
  // desk, which alone holds the key) but are written empty from this version on. The form's pages
  // are frozen at confirmation (pages_digest) and the supervisor approves that digest
  // (approved_digest), which the outbox checks before sending.
  `
  ALTER TABLE cases ADD COLUMN subject_sealed BLOB;
  ALTER TABLE cases ADD COLUMN subject_id_hash TEXT;
  ALTER TABLE cases ADD COLUMN subject_id_masked TEXT;
  ALTER TABLE cases ADD COLUMN subject_name_masked TEXT;
  ALTER TABLE cases ADD COLUMN pages_digest TEXT;
  ALTER TABLE cases ADD COLUMN approved_digest TEXT;
  CREATE INDEX cases_subject_id_hash ON cases(subject_id_hash);
  CREATE TABLE case_name_keys (
    key TEXT NOT NULL,
    case_id INTEGER NOT NULL REFERENCES cases(id),
    PRIMARY KEY (key, case_id)
  ) WITHOUT ROWID;
  `,
  // 7: entries from tools that run without the data key wait here until the desk signs them into
  // the trail (they cannot make a MAC, and an unsigned entry in the trail is a break); the trail
  // searched by time and by person without a full scan.
  `
  CREATE TABLE audit_inbox (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    actor_id INTEGER,
    actor_employee_id TEXT,
    action TEXT NOT NULL,
    target TEXT,
    case_id INTEGER,
    detail TEXT
  );
  CREATE TRIGGER audit_inbox_no_update BEFORE UPDATE ON audit_inbox BEGIN SELECT RAISE(ABORT, 'the audit inbox is append-only'); END;
  CREATE INDEX audit_at ON audit(at);
  CREATE INDEX audit_actor ON audit(actor_employee_id COLLATE NOCASE, id);
  `,
  // 8: granting approval authority takes two people. Making someone a supervisor or an IT
  // administrator (creating one, changing a role to one, re-enabling one) is a grant that takes
  // effect only when a different supervisor or administrator confirms it; the very first supervisor
  // of a desk takes effect at once but stays 'provisional' (flagged) until another supervisor
  // confirms it. Members from before this version keep their roles (no grant).
  `
  CREATE TABLE staff_grants (
    id INTEGER PRIMARY KEY,
    staff_id INTEGER NOT NULL REFERENCES staff(id),
    change TEXT NOT NULL CHECK (change IN ('create', 'role', 'enable')),
    role TEXT NOT NULL CHECK (role IN ('it_admin', 'supervisor')),
    requested_by INTEGER REFERENCES staff(id),
    requested_at TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('pending', 'provisional', 'confirmed', 'cancelled')),
    decided_by INTEGER REFERENCES staff(id),
    decided_at TEXT
  );
  CREATE INDEX staff_grants_open ON staff_grants(state) WHERE state IN ('pending', 'provisional');
  CREATE INDEX staff_grants_staff ON staff_grants(staff_id);
  `,
  // 9: five years of a busy branch (50,000 cases, a million audit entries) without a full scan on
  // any screen, timer or start: each list, search, retention query and outbox scan has its index;
  // the outbox's and the legacy sweep's indexes hold only the rows they look for.
  `
  CREATE INDEX cases_created_by ON cases(created_by, id);
  CREATE INDEX cases_queue ON cases(state, updated_at, id);
  CREATE INDEX cases_expiring ON cases(state, data_expires_at);
  CREATE INDEX cases_lapsing ON cases(state, valid_until);
  CREATE INDEX cases_enterprise_number ON cases(enterprise_number) WHERE enterprise_number IS NOT NULL;
  CREATE INDEX cases_enterprise_name ON cases(enterprise_name) WHERE enterprise_name IS NOT NULL;
  CREATE INDEX cases_legacy_subject ON cases(id) WHERE subject_id != '';
  DROP INDEX cases_state;
  CREATE INDEX case_results_expiry ON case_results(expires_at);
  CREATE INDEX outbox_due ON outbox(next_attempt_at) WHERE state = 'pending';
  CREATE INDEX outbox_ack ON outbox(case_id) WHERE ack_pending = 1;
  CREATE INDEX audit_case_id ON audit(case_id, id);
  DROP INDEX audit_case;
  `,
  // 10: what the desk says about a case is a code with parameters, worded in the reader's language
  // (common/domain/case-notes.ts): a history line's note, the outbox's problem (its technical detail
  // stays in last_error). A supervisor's send-back is a state of its own, its reason on the case.
  `
  ALTER TABLE case_events ADD COLUMN note TEXT;
  ALTER TABLE outbox ADD COLUMN last_problem TEXT;
  ALTER TABLE cases ADD COLUMN sent_back_reason TEXT;
  `,
  // 11: electronic authorization with the customer's MOICA card. The signed CMS is the case's one
  // form page (application/pkcs7-signature), so the digest the supervisor approves, the outbox's
  // check and the purge cover it like paper; what the checks found is sealed beside it.
  `
  ALTER TABLE cases ADD COLUMN authorization_method TEXT NOT NULL DEFAULT 'paper';
  ALTER TABLE cases ADD COLUMN esign_sealed BLOB;
  `,
  // 12: the quality gate on captured forms. A page image's measurements and a verdict on the ID
  // read off it (never the ID itself: common/domain/quality-findings.ts), and the officers'
  // overrides of findings, each with its reason, for the supervisor and the audit.
  `
  ALTER TABLE case_pages ADD COLUMN quality TEXT;
  CREATE TABLE case_finding_overrides (
    case_id INTEGER NOT NULL REFERENCES cases(id),
    finding TEXT NOT NULL,
    reason TEXT NOT NULL,
    by_staff INTEGER NOT NULL REFERENCES staff(id),
    at TEXT NOT NULL,
    PRIMARY KEY (case_id, finding)
  );
  `,
  // 13: the page editor. A page image's original as captured (sealed like the page, purged with the
  // case) and the edits that made the stored page from it, so the officer corrects them on the
  // original and never on a page already cut.
  `
  ALTER TABLE case_pages ADD COLUMN original_as TEXT;
  ALTER TABLE case_pages ADD COLUMN edits TEXT;
  `,
  // 14: the paper form's type, chosen on the case from IT's formTypes (null: the policy's first, as
  // every case before this version had); the quality gate counts pages against it.
  `
  ALTER TABLE cases ADD COLUMN form_type TEXT;
  `,
];

export const SCHEMA_VERSION = MIGRATIONS.length;
