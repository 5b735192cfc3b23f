// Opens the desk's SQLite store: WAL, foreign keys, busy timeout, migrations to the current version.
import Database from 'better-sqlite3';
import { closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { MIGRATIONS, SCHEMA_VERSION } from './migrations';

export type Db = Database.Database;
export const DB_FILE = 'desk.sqlite';

export function openDatabase(dataDir: string): Db {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const file = join(dataDir, DB_FILE);
  // SQLite gives the -wal and -shm files the database file's own mode: created 0600, so are they.
  if (!existsSync(file)) closeSync(openSync(file, 'a', 0o600));
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  db.pragma('synchronous = NORMAL');
  // Purged data is overwritten in the file, not left in free pages until something reuses them.
  db.pragma('secure_delete = ON');
  migrate(db);
  cacheStatements(db);
  immediateTransactions(db);
  return db;
}

/** Every write transaction takes the write lock when it begins (BEGIN IMMEDIATE). A deferred one
 * that reads first and writes later can interleave with another process (a command-line tool
 * appending to the audit trail) and fork the chain, or fail to upgrade its lock. */
function immediateTransactions(db: Db): void {
  const make = db.transaction.bind(db);
  db.transaction = ((fn: (...args: unknown[]) => unknown) => {
    const transaction = make(fn);
    return Object.assign((...args: unknown[]) => transaction.immediate(...args), transaction);
  }) as Db['transaction'];
}

/** Services call db.prepare(sql) where they need it; compiling the same SQL again on every call
 * cost more than the rest of an outbox send, so each connection keeps its compiled statements. */
function cacheStatements(db: Db): void {
  const compile = db.prepare.bind(db);
  const cache = new Map<string, Database.Statement>();
  db.prepare = ((sql: string) => {
    let statement = cache.get(sql);
    if (!statement) {
      statement = compile(sql);
      cache.set(sql, statement);
    }
    return statement;
  }) as Db['prepare'];
}

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

export function migrate(db: Db): void {
  const current = schemaVersion(db);
  if (current > SCHEMA_VERSION) {
    throw new Error(
      `The data store is from a newer Branch Desk (schema ${current} > ${SCHEMA_VERSION}); install the newer version`,
    );
  }
  for (let version = current; version < SCHEMA_VERSION; version++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[version]!);
      db.pragma(`user_version = ${version + 1}`);
    })();
  }
}

export interface StoreInspection {
  exists: boolean;
  schemaVersion: number | null;
  expectedVersion: number;
  journalMode: string | null;
}

/** Looks at the store without changing it (no migration, no write): for `desk doctor`. */
export function inspectDatabase(dataDir: string): StoreInspection {
  const file = join(dataDir, DB_FILE);
  if (!existsSync(file))
    return { exists: false, schemaVersion: null, expectedVersion: SCHEMA_VERSION, journalMode: null };
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return {
      exists: true,
      schemaVersion: schemaVersion(db),
      expectedVersion: SCHEMA_VERSION,
      journalMode: db.pragma('journal_mode', { simple: true }) as string,
    };
  } finally {
    db.close();
  }
}

/** Runs `read` on the store opened read-only (no migration, no write); null when there is none. */
export function withReadOnlyStore<T>(dataDir: string, read: (db: Database.Database) => T): T | null {
  const file = join(dataDir, DB_FILE);
  if (!existsSync(file)) return null;
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return read(db);
  } finally {
    db.close();
  }
}
