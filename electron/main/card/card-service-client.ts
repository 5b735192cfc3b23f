// The desk's side of the card service: starts the process, keeps its latest snapshot, answers its
// pings, and starts a new process whenever the old one exits (the PC/SC service went away, a reader
// wedged it) or stops answering, with a growing pause. Nothing here waits on a native call, so a
// hung reader or a stopped service never freezes the window: the state says "unavailable" instead.
import { startHelper, type HelperChild, type UtilityProcessModule } from '../workers/helper-process';
import { CARD_SKIP_ENV, CardServiceMessage, type Insertion, type ReaderSnapshot } from './card-protocol';

export interface CardServiceState {
  service: 'starting' | 'unavailable' | 'running';
  readers: ReaderSnapshot[];
  /** Why the service is unavailable (pcsc-lite's words), for IT. */
  detail: string | null;
}

const BACKOFF_MS = [250, 500, 1000, 2000, 5000, 10_000];
const PING_MS = 2000;

export class CardServiceClient {
  private child: HelperChild | null = null;
  private current: CardServiceState = { service: 'starting', readers: [], detail: null };
  private readonly listeners = new Set<(state: CardServiceState) => void>();
  private failures = 0;
  private healthySince = 0;
  private timers: NodeJS.Timeout[] = [];
  /** Liveness is measured in elapsed time (performance.now()), whatever the desk's clock says. */
  private lastPong = 0;
  private stopped = false;
  /** Cards that hung a process: the next ones do not read them again until they are put in again. */
  private skip: Insertion[] = [];
  private wedged = false;

  constructor(private readonly options: { env?: Record<string, string>; utility?: UtilityProcessModule | null } = {}) {}

  start(): void {
    this.stopped = false;
    this.spawn();
    const ping = setInterval(() => this.ping(), PING_MS);
    ping.unref();
    this.timers.push(ping);
  }

  state(): CardServiceState {
    return this.current;
  }

  onChange(listener: (state: CardServiceState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Resolves with the first state that satisfies `test` (tests, and flows that wait for a card). */
  waitFor(test: (state: CardServiceState) => boolean, timeoutMs: number): Promise<CardServiceState> {
    if (test(this.current)) return Promise.resolve(this.current);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        off();
        reject(new Error(`card state not reached within ${timeoutMs} ms: ${JSON.stringify(this.current)}`));
      }, timeoutMs);
      const off = this.onChange((state) => {
        if (!test(state)) return;
        clearTimeout(timer);
        off();
        resolve(state);
      });
    });
  }

  close(): void {
    this.stopped = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers = [];
    this.child?.kill();
    this.child = null;
  }

  private set(state: CardServiceState): void {
    this.current = state;
    for (const listener of this.listeners) listener(state);
  }

  private spawn(): void {
    const child = startHelper(
      __filename,
      'card-service-process',
      {
        env: { ...this.options.env, [CARD_SKIP_ENV]: JSON.stringify(this.skip) },
        serviceName: 'Branch Desk card service',
      },
      this.options.utility,
    );
    this.child = child;
    this.lastPong = performance.now();
    this.healthySince = 0; // this process has not yet been healthy
    child.onMessage((raw: unknown) => {
      const parsed = CardServiceMessage.safeParse(raw);
      if (!parsed.success || this.child !== child) return;
      const m = parsed.data;
      this.lastPong = performance.now();
      if (m.t === 'ready') this.healthySince = performance.now();
      else if (m.t === 'unavailable') {
        this.skip = []; // the smart-card service itself went: its event counters start again
        this.set({ service: 'unavailable', readers: [], detail: m.message });
      } else if (m.t === 'snapshot') this.set({ service: 'running', readers: m.readers, detail: null });
      else if (m.t === 'wedged') {
        // The other readers stay on screen while a fresh process starts; this one says why.
        this.skip = [...this.skip.slice(-7), m.skip];
        this.wedged = true;
        const readers = this.current.readers.map((r) =>
          r.name === m.skip.reader
            ? { ...r, state: 'card_error' as const, error: m.message, problem: 'not_answering' as const }
            : r,
        );
        this.set({ service: 'running', readers, detail: m.message });
      }
    });
    child.onExit(() => {
      if (this.child !== child) return;
      this.child = null;
      if (this.stopped) return;
      const wedged = this.wedged;
      this.wedged = false;
      if (this.current.service !== 'unavailable' && !wedged)
        this.set({ service: 'unavailable', readers: [], detail: 'the card service stopped; restarting' });
      // A process that ran a minute was healthy: start again quickly.
      if (this.healthySince && performance.now() - this.healthySince > 60_000) this.failures = 0;
      const wait = wedged ? BACKOFF_MS[0]! : BACKOFF_MS[Math.min(this.failures++, BACKOFF_MS.length - 1)]!;
      const timer = setTimeout(() => {
        this.timers = this.timers.filter((t) => t !== timer);
        if (!this.stopped) this.spawn();
      }, wait);
      this.timers.push(timer);
    });
  }

  private ping(): void {
    const child = this.child;
    if (!child?.connected) return;
    // Two pings unanswered: wedged in a native call. Kill it; the exit starts a new one.
    if (performance.now() - this.lastPong > 2 * PING_MS + 500) {
      child.kill();
      return;
    }
    child.send({ t: 'ping' });
  }
}
