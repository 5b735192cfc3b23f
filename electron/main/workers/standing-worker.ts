// One worker thread kept ready between jobs (starting one, with its modules, costs more than most
// jobs): handed out while healthy, replaced after a limit or a failure stopped it, and ended after a
// while unused. It never keeps a tool or a test process alive. Jobs under other limits than the
// desk's own (tests) get a worker of their own, ended after their one job.
import type { Worker } from 'node:worker_threads';

const IDLE_MS = 30_000;

export class StandingWorker<L> {
  private standing: { worker: Worker; idle: NodeJS.Timeout | null } | null = null;

  constructor(
    /** The desk's own limits: only these share the standing worker. */
    private readonly ownLimits: L,
    private readonly start: (limits: L) => Worker,
  ) {}

  /** A worker for a job under `limits`: the standing one for the desk's own. */
  acquire(limits: L): Worker {
    if (limits !== this.ownLimits) return this.start(limits);
    if (this.standing) {
      if (this.standing.idle) clearTimeout(this.standing.idle);
      this.standing.idle = null;
      return this.standing.worker;
    }
    const worker = this.start(limits);
    worker.unref();
    this.standing = { worker, idle: null };
    return worker;
  }

  /** After a job: a healthy standing worker waits for the next one; any other is ended. */
  release(worker: Worker, healthy: boolean): void {
    const standing = this.standing;
    const isStanding = standing?.worker === worker;
    if (!healthy || !isStanding) {
      if (isStanding) this.standing = null;
      void worker.terminate();
      return;
    }
    standing!.idle = setTimeout(() => {
      if (this.standing?.worker === worker) this.standing = null;
      void worker.terminate();
    }, IDLE_MS);
    standing!.idle.unref();
  }
}
