// Keeps the desk up to date from the bank's own server without ever surprising the counter: checks
// at start and every few hours (policy updateCheckHours), decides with update-decision.ts (the bank's
// signature first, then the kill switch, the minimum version and the staged rollout), downloads in
// the background through the host's installer (electron-updater in the desktop app; the browser mode
// has none), checks the download against the signed metadata, and installs only when the officer
// says: now (refused while something is being signed, captured or sent) or when the desk closes.
// Every check, refusal, download and install choice is an audit row.
import type { AuditLog } from '../audit/audit-log';
import type { Clock } from '../clock';
import type { Policy } from '../policy/policy';
import type { StaffRecord } from '../staff/staff-directory';
import type { UpdateStatus } from '../../../common/contract/updates';
import type { Bilingual } from '../../../common/contract/errors';
import { DeskError } from '../errors';
import { decideUpdate, type Release, type UpdateDecision } from './update-decision';
import { fetchFeed, FeedUnreachable } from './release-feed';
import { checkDownload, type DownloadProblem } from './download-check';
import { BUILT_IN_RELEASE_KEYS } from './pinned-keys';

/** The host's part: electron-updater in the packaged desktop app. */
export interface UpdateInstaller {
  /** Downloads the release's installer; resolves with the file's path once it is complete. */
  download(release: Release, onProgress: (percent: number) => void): Promise<string>;
  /** Quits the desk and installs the downloaded release now. */
  installNow(): void;
  /** Installs the downloaded release when the desk is next closed. */
  installAtClose(): void;
}

/** What is going on that an install must not cut short, in the officer's words; null when nothing. */
export type BusyCheck = () => Bilingual | null;

export interface UpdateServiceOptions {
  version: string;
  deskId: string;
  platform?: NodeJS.Platform;
  installer?: UpdateInstaller | null;
  busy?: BusyCheck;
}

export class UpdateService {
  private timer: NodeJS.Timeout | null = null;
  private checking: Promise<UpdateStatus> | null = null;
  private last: { at: string; decision: UpdateDecision | { kind: 'unreachable'; detail: string } } | null = null;
  private download: UpdateStatus['download'] = { state: 'idle', percent: 0, problem: null, detail: null };
  private downloaded: string | null = null;
  private downloadedVersion: string | null = null;
  private atClose = false;

  constructor(
    private readonly policy: Policy,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
    private readonly options: UpdateServiceOptions,
  ) {}

  /** A check soon after start, then every updateCheckHours. */
  start(): void {
    if (this.timer || !this.policy.updateUrl) return;
    const first = setTimeout(() => void this.check(), 10_000);
    first.unref();
    this.timer = setInterval(() => void this.check(), this.policy.updateCheckHours * 3_600_000);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  status(): UpdateStatus {
    const decision = this.last?.decision ?? null;
    const offered = decision?.kind === 'update' ? decision.release : null;
    return {
      current: this.options.version,
      configured: this.policy.updateUrl !== '',
      canInstall: !!this.options.installer,
      lastCheckAt: this.last?.at ?? null,
      outcome: this.policy.updateUrl ? (decision?.kind ?? null) : 'not_configured',
      available: offered?.version ?? null,
      required: decision?.kind === 'update' ? decision.required : decision?.kind === 'below_minimum',
      detail: decision ? detailOf(decision) : null,
      download: { ...this.download },
      installAtClose: this.atClose,
    };
  }

  /** Asks the server now (one check at a time: a second caller gets the first's answer). */
  check(): Promise<UpdateStatus> {
    if (!this.policy.updateUrl) return Promise.resolve(this.status());
    this.checking ??= this.checkOnce().finally(() => (this.checking = null));
    return this.checking;
  }

  private async checkOnce(): Promise<UpdateStatus> {
    let decision: UpdateDecision | { kind: 'unreachable'; detail: string };
    try {
      const feed = await fetchFeed(this.policy.updateUrl, this.options.platform);
      decision = decideUpdate({
        current: this.options.version,
        deskId: this.options.deskId,
        policy: {
          releaseKeys: [...BUILT_IN_RELEASE_KEYS, ...this.policy.updateReleaseKeys],
          updatesPaused: this.policy.updatesPaused,
          minimumVersion: this.policy.minimumVersion,
        },
        feed,
      });
    } catch (e) {
      if (!(e instanceof FeedUnreachable)) throw e;
      decision = { kind: 'unreachable', detail: e.message };
    }
    this.last = { at: this.clock.now().toISOString(), decision };
    const version = 'release' in decision ? decision.release.version : 'latest' in decision ? decision.latest : null;
    this.audit.record({
      actor: null,
      action: decision.kind === 'refused' ? 'update.refused' : 'update.checked',
      detail: { outcome: decision.kind, current: this.options.version, offered: version, detail: detailOf(decision) },
    });
    if (decision.kind === 'update') void this.fetchRelease(decision.release);
    return this.status();
  }

  /** The installer in the background; kept only when it is exactly the signed release's file. */
  private async fetchRelease(release: Release): Promise<void> {
    const installer = this.options.installer;
    if (!installer || this.download.state === 'downloading') return;
    if (this.download.state === 'ready' && this.downloadedVersion === release.version) return;
    const downloading = (percent: number): UpdateStatus['download'] => ({
      state: 'downloading',
      percent: Math.max(0, Math.min(100, Math.round(percent))),
      problem: null,
      detail: null,
    });
    this.download = downloading(0);
    const file = release.files[0]!;
    let found: { problem: DownloadProblem; detail: string } | null;
    try {
      const path = await installer.download(release, (percent) => (this.download = downloading(percent)));
      const windows = (this.options.platform ?? process.platform) === 'win32' || /\.exe$/i.test(file.url);
      const pin = {
        publisher: this.policy.updatePublisher,
        rootsFile: this.policy.updatePublisherRoots,
        now: this.clock.now(),
      };
      found = await checkDownload(path, file, windows, pin);
      if (!found) {
        this.downloaded = path;
        this.downloadedVersion = release.version;
        this.download = { state: 'ready', percent: 100, problem: null, detail: null };
        this.audit.record({ actor: null, action: 'update.downloaded', detail: { version: release.version } });
        return;
      }
    } catch (e) {
      found = { problem: 'failed', detail: (e as Error).message };
    }
    this.downloaded = null;
    this.download = { state: 'failed', percent: 0, ...found };
    this.audit.record({
      actor: null,
      action: found.problem === 'publisher' ? 'update.publisher_refused' : 'update.download_failed',
      detail: { version: release.version, problem: found.problem, error: found.detail },
    });
  }

  /** The officer's choice. Now: refused while work is in progress, so nothing is cut short. */
  install(when: 'now' | 'close', user: StaffRecord): UpdateStatus {
    const installer = this.options.installer;
    if (!installer || !this.downloaded || this.download.state !== 'ready') throw new DeskError('UPDATE_NOT_READY');
    if (when === 'now') {
      const work = this.options.busy?.() ?? null;
      if (work) throw new DeskError('UPDATE_BUSY', { work });
    }
    this.audit.record({
      actor: user,
      action: 'update.install_chosen',
      detail: { version: this.downloadedVersion, when },
    });
    if (when === 'now') installer.installNow();
    else {
      this.atClose = true;
      installer.installAtClose();
    }
    return this.status();
  }
}

/** What an install now would cut short, named for the officer: a signature, a capture, a submission. */
export function workInProgress(parts: {
  esign: { signing: boolean };
  captureProgress: { busy: boolean };
  outbox: { sending: boolean };
}): Bilingual | null {
  if (parts.esign.signing) return { 'zh-TW': '客戶簽章', en: "a customer's signature" };
  if (parts.captureProgress.busy) return { 'zh-TW': '授權書擷取', en: 'a form capture' };
  if (parts.outbox.sending) return { 'zh-TW': 'JCIC 送件', en: 'a JCIC submission' };
  return null;
}

function detailOf(decision: UpdateDecision | { kind: 'unreachable'; detail: string }): string | null {
  switch (decision.kind) {
    case 'refused':
      return `${decision.reason}: ${decision.detail}`;
    case 'unreachable':
      return decision.detail;
    case 'staged_out':
      return `${decision.release.version} is offered to ${decision.release.stagingPercentage}% of desks; this desk is in share ${decision.bucket}`;
    case 'below_minimum':
      return `below the minimum ${decision.minimumVersion}; the server's latest is ${decision.latest}`;
    default:
      return null;
  }
}
