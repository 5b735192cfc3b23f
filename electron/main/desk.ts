// Composition root of the main side: opens the store and wires the services. Both hosts (Electron
// IPC and the loopback web host) create one Desk and pass every call to `desk.call`.
import type { Db } from './store/database';
import { openDatabase } from './store/database';
import { AuditLog } from './audit/audit-log';
import { SessionService } from './auth/session-service';
import { LocalStaffDirectory } from './staff/local-staff-directory';
import type { StaffDirectory } from './staff/staff-directory';
import type { Clock } from './clock';
import type { LoadedPolicy } from './policy/policy';
import { createDispatcher, type Dispatcher } from './dispatch';
import { createHandlers } from './handlers';

export interface DeskOptions {
  dataDir: string;
  loadedPolicy: LoadedPolicy;
  clock: Clock;
  version: string;
}

export interface DeskServices {
  db: Db;
  clock: Clock;
  audit: AuditLog;
  staff: StaffDirectory;
  sessions: SessionService;
  options: DeskOptions;
}

export interface Desk {
  call: Dispatcher;
  services: DeskServices;
  close(): void;
}

export function createDesk(options: DeskOptions): Desk {
  const db = openDatabase(options.dataDir);
  const audit = new AuditLog(db, options.clock);
  const staff = new LocalStaffDirectory(db, options.clock);
  const sessions = new SessionService(db, staff, audit, options.clock, options.loadedPolicy.policy.idleLockMinutes);
  const services: DeskServices = { db, clock: options.clock, audit, staff, sessions, options };
  // Lock an idle session on time even when the renderer is not polling (window hidden, tab asleep).
  const idleTimer = setInterval(() => sessions.current(), 15_000);
  idleTimer.unref();
  audit.record({ actor: null, action: 'desk.started', detail: { version: options.version, policy: options.loadedPolicy.origin } });
  return {
    call: createDispatcher(services, createHandlers(services)),
    services,
    close() {
      clearInterval(idleTimer);
      db.close();
    },
  };
}
