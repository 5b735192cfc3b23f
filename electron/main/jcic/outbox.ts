// The persistent JCIC outbox: when to send and when to follow. A submission is a row in SQLite
// before any byte leaves the desk; it is resent with the same submission id after a crash, restart or
// outage (JCIC treats a repeated id as the same submission), with backoff (outbox-sender.ts). Cases
// under review are polled; returned data is stored, then acknowledged, and the acknowledgement is
// retried until it lands (review-follower.ts).
import type { Db } from '../store/database';
import type { Clock, TimeSource } from '../clock';
import type { AuditLog } from '../audit/audit-log';
import type { CaseService } from '../cases/case-service';
import type { ResultStore } from '../cases/result-store';
import type { FormStore } from '../cases/form-store';
import type { StaffDirectory } from '../staff/staff-directory';
import type { Policy } from '../policy/policy';
import type { JcicStatus } from '../../../common/contract';
import type { JcicGateway } from './jcic-gateway';
import { runPool } from './pool';
import { JcicLink } from './jcic-link';
import { OutboxSender, type OutboxRow } from './outbox-sender';
import { ReviewFollower } from './review-follower';
import type { CombineLimits } from './form-combine';

export { backoffMs } from './outbox-sender';

/** Submissions in flight at once: enough to keep a loopback or VPN link busy. */
export const OUTBOX_CONCURRENCY = 4;
const CONCURRENCY = OUTBOX_CONCURRENCY;

export interface OutboxOptions {
  /** How often cases under review are asked about (ms, real time). */
  pollMs: number;
  /** How often the outbox looks for due work (ms, real time). */
  tickMs: number;
  /** Making a paper form's one PDF (default COMBINE_LIMITS). */
  combineLimits?: CombineLimits;
}

export class OutboxService {
  private timer: NodeJS.Timeout | null = null;
  private running = false;
  /** When reviews were last followed (performance.now(): real time, whatever the desk's clock). */
  private lastPoll = -Infinity;
  private gateway: JcicGateway | null = null;
  private readonly link: JcicLink;
  private readonly sender: OutboxSender;
  private readonly follower: ReviewFollower;

  constructor(
    private readonly db: Db,
    cases: CaseService,
    forms: FormStore,
    results: ResultStore,
    staff: StaffDirectory,
    audit: AuditLog,
    private readonly clock: Clock,
    retentionTime: TimeSource,
    policy: Policy,
    private readonly options: OutboxOptions,
  ) {
    this.link = new JcicLink(clock);
    this.sender = new OutboxSender(db, cases, forms, staff, audit, clock, retentionTime, policy, this.link);
    if (options.combineLimits) this.sender.combineLimits = options.combineLimits;
    this.follower = new ReviewFollower(db, cases, results, audit, retentionTime, policy, this.link);
  }

  /** Connects the outbox to JCIC; by default starts sending what waits right away. */
  useGateway(gateway: JcicGateway, options: { kick?: boolean } = {}): void {
    this.gateway = gateway;
    this.link.gatewayError = null;
    if (options.kick !== false) void this.kick();
  }

  /** What the connected JCIC says it is, once it has answered. */
  environment(): string | null {
    return this.gateway?.environment ?? null;
  }

  /** Asks JCIC now (IT's diagnostics): what it says it is, or why it did not answer. */
  async health(): Promise<{ state: 'ok' | 'warn' | 'broken'; detail: string }> {
    if (!this.gateway)
      return {
        state: 'warn',
        detail: `not connected yet${this.link.gatewayError ? `: ${this.link.gatewayError}` : ''}`,
      };
    try {
      const { environment } = await this.gateway.health();
      return {
        state: environment === 'sandbox' ? 'warn' : 'ok',
        detail: `answers over mutual TLS; environment: ${environment}${environment === 'sandbox' ? ' (訓練環境 / SANDBOX)' : ''}`,
      };
    } catch (e) {
      return { state: 'broken', detail: (e as Error).message };
    }
  }

  gatewayFailed(message: string): void {
    this.link.gatewayError = message;
    this.link.unreachable(message);
  }

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => this.kick(), this.options.tickMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.gateway?.close();
  }

  /** True while a round sends or follows (an update must not cut it short). */
  get sending(): boolean {
    return this.running;
  }

  /** Runs one round now unless one is running. Returns when the round is done. */
  kick(): Promise<void> {
    if (this.running || !this.gateway) return Promise.resolve();
    this.running = true;
    return this.round('tick').finally(() => {
      this.running = false;
    });
  }

  /** Sends everything due and, unless told not to, follows reviews now (tests and the benchmark). */
  async drain(follow = true): Promise<void> {
    while (this.running) await new Promise((r) => setTimeout(r, 5));
    this.running = true;
    try {
      await this.round(follow ? 'follow-now' : 'send-only');
    } finally {
      this.running = false;
    }
  }

  /** tick: send what is due, follow reviews when the poll interval has passed; follow-now: send, then
   * follow at once; send-only: only send (the benchmark's flush). */
  private async round(mode: 'tick' | 'follow-now' | 'send-only'): Promise<void> {
    const gateway = this.gateway!;
    for (;;) {
      const due = this.db
        .prepare(
          "SELECT * FROM outbox WHERE state = 'pending' AND next_attempt_at <= ? ORDER BY next_attempt_at LIMIT CAST(? AS INTEGER)",
        )
        .all(this.clock.now().toISOString(), CONCURRENCY * 16) as OutboxRow[];
      if (due.length === 0) break;
      const results = await runPool(due, CONCURRENCY, (row) => this.sender.send(gateway, row));
      if (!results.some(Boolean)) break; // JCIC is down: wait for the next tick
    }
    if (mode === 'follow-now' || (mode === 'tick' && performance.now() - this.lastPoll >= this.options.pollMs)) {
      this.lastPoll = performance.now();
      await this.follower.follow(gateway);
    }
  }

  status(sandbox: boolean, operatorUrl: string | null): JcicStatus {
    const pending = this.db
      .prepare("SELECT COUNT(*) AS n, MIN(next_attempt_at) AS next FROM outbox WHERE state = 'pending'")
      .get() as { n: number; next: string | null };
    const { link } = this;
    return {
      sandbox,
      reachable: link.gatewayError ? false : link.reachable,
      lastError: link.gatewayError ?? link.lastError,
      lastContactAt: link.lastContactAt,
      pending: pending.n,
      nextAttemptAt: pending.next,
      operatorUrl,
    };
  }
}
