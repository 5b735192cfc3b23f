// Composition root of the main side: opens the store and wires the services. Both hosts (Electron
// IPC and the loopback web host) create one Desk and pass every call to `desk.call`.
import { join } from 'node:path';
import { openDatabase } from './store/database';
import { WalCheckpointer } from './store/wal-checkpointer';
import { EsignService } from './esign/esign-service';
import { deskId, esignParts } from './esign/esign-setup';
import { systemClock } from './clock';
import { AuditLog } from './audit/audit-log';
import { SessionService } from './auth/session-service';
import { LocalStaffDirectory } from './staff/local-staff-directory';
import { PrivilegeGrants } from './staff/privilege-grants';
import { createDispatcher, type Dispatcher } from './dispatch';
import { createHandlers } from './handlers';
import { CaseService } from './cases/case-service';
import { CasePages } from './cases/case-pages';
import { PageEditor } from './cases/page-editor';
import { CaptureProgress } from './capture/capture-progress';
import { QualityGate } from './cases/quality-gate';
import { ScannerService, scannerDrivers } from './capture/scanners/scanner-service';
import { CaseApproval } from './cases/case-approval';
import { CaseViews } from './cases/case-views';
import { CaseList } from './cases/case-list';
import { SubjectSeal } from './cases/subject-seal';
import { sealLegacy } from './vault/legacy-seal';
import type { DeskOptions, DeskServices, JcicConnection } from './services';
import { FormStore } from './cases/form-store';
import { OutboxService } from './jcic/outbox';
import { UpdateService, workInProgress } from './updates/update-service';
import { DeskLog, routeConsole } from './log/desk-log';
import { auditToLog, loggedAction } from './log/audit-to-log';
import { HttpsJcicGateway } from './jcic/jcic-gateway';
import { launchSandbox, type SandboxLaunch } from './jcic/sandbox-launcher';
import { RetentionService } from './retention/retention-service';
import { ResultStore } from './cases/result-store';
import { DataKeyError, loadDataKey, type LoadedDataKey } from './vault/data-key';
import { AuditAnchor } from './audit/audit-anchor';
import { RetentionClock } from './time/retention-clock';
import { Vault } from './vault/vault';
import { fileKeyProtector } from '../../native/key-protection/file-key-protector';
import { checkWindowsAcl, restrictWindowsAcl, tightenDataDir } from '../../native/data-dir-access';

export type { DeskOptions, DeskServices, JcicConnection } from './services';

export interface Desk {
  call: Dispatcher;
  services: DeskServices;
  /** Resolves when the JCIC connection is set up (or has failed, which jcic.status reports). */
  jcicReady: Promise<void>;
  close(): void;
  /** After close(): resolves when the processes the desk started (the sandbox JCIC) have gone and
   * no worker of its writes into the data directory. */
  whenClosed(): Promise<void>;
}

export function createDesk(options: DeskOptions): Desk {
  const { policy } = options.loadedPolicy;
  // The data key first: without it nothing secret can be stored or read, so the desk does not start.
  // Readable by this account only, checked at every start (tools included).
  const tightened = secureDataDir(options.dataDir);
  const dataKey = openDataKey(options);
  const vault = new Vault(dataKey);
  const db = openDatabase(options.dataDir);
  const anchor = new AuditAnchor(options.dataDir, vault.derivedKey('audit anchor v1'));
  const audit = new AuditLog(db, options.clock, { mac: vault.derivedKey('audit mac v1'), anchor });
  // Retention goes on from the latest time seen before this start, whatever the clock says now.
  const retentionClock = new RetentionClock(options.clock, audit.highWater());
  audit.useRetentionClock(retentionClock);
  if (dataKey) audit.checkAnchor();
  if (tightened.length) {
    db.prepare("INSERT OR REPLACE INTO meta (key, value) VALUES ('permissions_tightened', ?)").run(
      JSON.stringify({ at: options.clock.now().toISOString(), paths: tightened.slice(0, 50) }),
    );
    audit.record({
      actor: null,
      action: 'datadir.permissions_tightened',
      detail: { paths: tightened.slice(0, 50), count: tightened.length },
    });
  }
  if (dataKey && dataKey.event !== 'opened')
    audit.record({
      actor: null,
      action: `vault.key_${dataKey.event === 'created' ? 'created' : 'moved_to_os_keystore'}`,
      detail: { protection: vault.protection },
    });
  const staff = new LocalStaffDirectory(db, options.clock);
  const grants = new PrivilegeGrants(db, staff, audit, options.clock);
  const sessions = new SessionService(db, staff, audit, options.clock, policy.idleLockMinutes, grants);
  const forms = new FormStore(join(options.dataDir, 'forms'), vault);
  const results = new ResultStore(db, vault, retentionClock);
  const subjects = new SubjectSeal(vault);
  const gate = new QualityGate(db, audit, options.clock, policy);
  const caseViews = new CaseViews(db, staff, subjects, results, gate);
  const cases = new CaseService(db, audit, options.clock, subjects, caseViews);
  const casePages = new CasePages(db, audit, options.clock, cases, forms, caseViews, subjects, gate);
  const caseApproval = new CaseApproval(db, audit, options.clock, cases, caseViews, gate);
  const caseList = new CaseList(db, subjects, caseViews);
  const esign = new EsignService(
    ...([db, audit, options.clock, policy, cases, caseViews, forms, subjects] as const),
    esignParts(policy, options.dataDir, options.clock, options.esign),
    deskId(db),
  );
  if (dataKey) sealLegacy(db, forms, results, cases, audit);
  const sandboxMode = policy.jcicEndpoint === '';
  const outbox = new OutboxService(db, cases, forms, results, staff, audit, options.clock, retentionClock, policy, {
    pollMs: options.jcicPollMs ?? (sandboxMode ? 2000 : 15_000),
    tickMs: 1000,
    ...(options.combineLimits ? { combineLimits: options.combineLimits } : {}),
  });
  const checkpointer = new WalCheckpointer(db);
  const retention = new RetentionService(
    db,
    cases,
    forms,
    audit,
    retentionClock,
    policy.retentionDays,
    checkpointer,
    options.retentionCheckMs,
  );
  const jcic: JcicConnection = {
    get sandbox() {
      return sandboxMode || outbox.environment() === 'sandbox';
    },
    operatorUrl: null,
  };
  const captureProgress = new CaptureProgress();
  const updates = new UpdateService(policy, audit, options.clock, {
    version: options.version,
    deskId: deskId(db),
    installer: options.updateInstaller ?? null,
    busy: () => workInProgress({ esign, captureProgress, outbox }),
    ...(options.updatePlatform ? { platform: options.updatePlatform } : {}),
  });
  const services: DeskServices = {
    db,
    clock: options.clock,
    audit,
    staff,
    grants,
    sessions,
    cases,
    casePages,
    pageEditor: new PageEditor(db, audit, cases, casePages, forms, caseViews, subjects),
    captureProgress,
    scanners: new ScannerService(casePages, scannerDrivers(policy.esclScanners)),
    caseApproval,
    caseViews,
    caseList,
    esign,
    subjects,
    outbox,
    updates,
    retention,
    results,
    vault,
    retentionClock,
    jcic,
    options,
  };

  // JCIC keeps real time: a desk on the test clock (its own fiction) checks JCIC's answers against
  // the system clock.
  const gatewayClock = options.clock.adjustable ? systemClock : options.clock;

  let sandboxLaunch: SandboxLaunch | null = null;
  const closing: (() => void)[] = [];
  let closedFully: Promise<void> = Promise.resolve();
  let closed = false;
  let idleTimer: NodeJS.Timeout | null = null;
  let jcicReady = Promise.resolve();
  let unrouteConsole = () => {};
  if (options.background !== false) {
    // A running desk keeps its log for IT (masked); its console errors and warnings go there too.
    const log = new DeskLog(options.dataDir, options.clock);
    unrouteConsole = routeConsole(log);
    audit.onRecorded(auditToLog(log), loggedAction);
    log.info('desk.started', {
      version: options.version,
      platform: process.platform,
      policy: options.loadedPolicy.origin,
      sandbox: sandboxMode,
    });
    closing.push(() => log.info('desk.closed'));
    // Only a running desk says it started; one-shot tools (desk purge) leave their own audit rows.
    audit.record({
      actor: null,
      action: 'desk.started',
      detail: { version: options.version, policy: options.loadedPolicy.origin },
    });
    // Whatever came due while the desk was closed goes first.
    retention.start();
    // Lock an idle session on time even when the renderer is not polling (window hidden, tab asleep).
    idleTimer = setInterval(() => sessions.current(), 15_000);
    idleTimer.unref();
    outbox.start();
    updates.start();
    jcicReady = connectJcic().catch((e: Error) => {
      if (closed) return; // a sandbox stopped by close() while starting is no connection failure
      audit.record({ actor: null, action: 'jcic.connection_failed', detail: { error: e.message } });
      outbox.gatewayFailed(e.message);
    });
  }

  async function connectJcic(): Promise<void> {
    if (sandboxMode) {
      // The training JCIC trusts for card signatures what this desk trusts (the training card's PKI,
      // made first if need be).
      const trustDirs = await esign.trustDirsForSandbox();
      if (closed) return;
      sandboxLaunch = launchSandbox(options.dataDir, options.sandboxReviewDelaySeconds ?? 5, trustDirs);
      const sandbox = await sandboxLaunch.ready;
      if (closed) return; // the desk closed while the sandbox was starting (close() stopped it)
      jcic.operatorUrl = sandbox.operatorUrl;
      outbox.useGateway(new HttpsJcicGateway(sandbox.endpoint, sandbox.files, gatewayClock));
      return;
    }
    const gateway = new HttpsJcicGateway(
      policy.jcicEndpoint,
      {
        clientCertificate: policy.jcicClientCertificate,
        clientKey: policy.jcicClientKey,
        caCertificate: policy.jcicCaCertificate,
      },
      gatewayClock,
    );
    outbox.useGateway(gateway);
    // Ask at once, so a server that calls itself a sandbox is labelled as one from the first screen;
    // if JCIC is down now, its first answer later does the same.
    await gateway.health().catch(() => null);
  }

  return {
    call: createDispatcher(services, createHandlers(services)),
    services,
    jcicReady,
    close() {
      closed = true;
      if (idleTimer) clearInterval(idleTimer);
      outbox.stop();
      updates.stop();
      retention.stop();
      checkpointer.close();
      esign.close();
      closedFully = Promise.all([sandboxLaunch?.stop(), esign.settled()]).then(() => undefined);
      audit.flushAnchor('now'); // the anchor follows the trail to its last entry before the store closes
      db.close();
      closing.forEach((step) => step());
      unrouteConsole();
    },
    whenClosed: () => closedFully,
  };
}

/** The data key, as the way of starting allows: the desk needs it (and makes it on first start);
 * command-line tools use it only if they can open it as it is. */
function openDataKey(options: DeskOptions): LoadedDataKey | null {
  const protectors = options.keyProtectors ?? [fileKeyProtector];
  if (options.dataKey !== 'if-available') return loadDataKey(options.dataDir, protectors, options.clock.now());
  try {
    return loadDataKey(options.dataDir, protectors, options.clock.now(), { create: false });
  } catch (e) {
    if (e instanceof DataKeyError) return null;
    throw e;
  }
}

/** 0700/0600 (tightened where looser), or on Windows the ACL limited to this user when it is not. */
function secureDataDir(dataDir: string): string[] {
  const tightened = tightenDataDir(dataDir);
  if (process.platform === 'win32' && !checkWindowsAcl(dataDir).ok) {
    restrictWindowsAcl(dataDir);
    tightened.push('. (Windows ACL limited to this user)');
  }
  return tightened;
}
