// What the main side is made of: the desk's options and its services, declared once. Handlers,
// the dispatcher and tools depend on this module, never on the composition root (desk.ts).
import type { Db } from './store/database';
import type { AuditLog } from './audit/audit-log';
import type { SessionService } from './auth/session-service';
import type { StaffDirectory } from './staff/staff-directory';
import type { PrivilegeGrants } from './staff/privilege-grants';
import type { Clock } from './clock';
import type { LoadedPolicy } from './policy/policy';
import type { CaseService } from './cases/case-service';
import type { CasePages } from './cases/case-pages';
import type { PageEditor } from './cases/page-editor';
import type { CaptureProgress } from './capture/capture-progress';
import type { ScannerService } from './capture/scanners/scanner-service';
import type { CaseApproval } from './cases/case-approval';
import type { CaseViews } from './cases/case-views';
import type { CaseList } from './cases/case-list';
import type { SubjectSeal } from './cases/subject-seal';
import type { OutboxService } from './jcic/outbox';
import type { UpdateInstaller, UpdateService } from './updates/update-service';
import type { RetentionService } from './retention/retention-service';
import type { ResultStore } from './cases/result-store';
import type { Vault } from './vault/vault';
import type { RetentionClock } from './time/retention-clock';
import type { KeyProtector } from '../../native/key-protection/key-protector';
import type { EsignService } from './esign/esign-service';
import type { EsignOptions } from './esign/esign-setup';
import type { CombineLimits } from './jcic/form-combine';

export interface DeskOptions {
  dataDir: string;
  loadedPolicy: LoadedPolicy;
  clock: Clock;
  version: string;
  /** Timers, the JCIC connection and the sandbox; off for one-shot tools such as `desk purge`. */
  background?: boolean;
  /** Seconds the built-in sandbox takes to review (training default 5). */
  sandboxReviewDelaySeconds?: number;
  /** How often cases under JCIC review are polled (ms). */
  jcicPollMs?: number;
  /** The longest the retention timer waits before looking again (ms; default a minute). */
  retentionCheckMs?: number;
  /** Key protectors this host can use, best first (the Electron host puts the OS key store first). */
  keyProtectors?: readonly KeyProtector[];
  /** The limits of making a paper form's one PDF at sending (tests; default COMBINE_LIMITS). Read at
   * each combination. */
  combineLimits?: CombineLimits;
  /** The host's update installer (electron-updater in the packaged desktop app); none: the desk
   * checks and shows what the bank's server offers, and cannot install. */
  updateInstaller?: UpdateInstaller | null;
  /** The platform whose release metadata is read (tests; default this one). */
  updatePlatform?: NodeJS.Platform;
  /** Electronic authorization: the environment of the card and signer processes (tests). */
  esign?: EsignOptions;
  /** 'if-available': command-line tools use the data key when they can open it (a key file), and run
   * without it otherwise (the key wrapped by an OS key store only the desktop app reaches): deleting
   * needs no key, and their audit entries then wait for the desk to sign them. They never make one. */
  dataKey?: 'required' | 'if-available';
}

export interface JcicConnection {
  /** True when the JCIC the desk talks to is a sandbox (built in, or a server that says so). The one
   * answer to "is this training?": every screen's label, demo data and the operator link follow it. */
  readonly sandbox: boolean;
  operatorUrl: string | null;
}

export interface DeskServices {
  db: Db;
  clock: Clock;
  audit: AuditLog;
  staff: StaffDirectory;
  grants: PrivilegeGrants;
  sessions: SessionService;
  cases: CaseService;
  casePages: CasePages;
  pageEditor: PageEditor;
  captureProgress: CaptureProgress;
  scanners: ScannerService;
  caseApproval: CaseApproval;
  esign: EsignService;
  caseViews: CaseViews;
  caseList: CaseList;
  subjects: SubjectSeal;
  outbox: OutboxService;
  updates: UpdateService;
  retention: RetentionService;
  results: ResultStore;
  vault: Vault;
  /** The time deletions are decided by: never behind the latest time seen. */
  retentionClock: RetentionClock;
  jcic: JcicConnection;
  options: DeskOptions;
}
