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
];

export const SCHEMA_VERSION = MIGRATIONS.length;
