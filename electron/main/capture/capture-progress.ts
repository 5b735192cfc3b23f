// What a capture into a case is doing now (a scan, a file's or a shot's pages through the intake
// worker), for the screen to say while the officer waits (`cases.captureProgress`, polled), and the
// scan's cancel (`cases.cancelScan`). In memory only: a capture is one call in flight.
export type CaptureStep = 'scanning' | 'checking' | 'reading_id';

export interface CaptureState {
  what: 'file' | 'camera' | 'scanner';
  step: CaptureStep;
  /** The page being worked on (1 is first) of how many; 0 of 0 until the count is known. */
  page: number;
  of: number;
  cancellable: boolean;
}

/** What the intake reports for a page as it works. */
export type StepReport = (step: CaptureStep, page: number, of: number) => void;

export class CaptureProgress {
  private readonly running = new Map<number, CaptureState & { abort: AbortController | null }>();

  /** Runs one capture into the case, reporting its steps; `abort` makes it cancellable. */
  async track<T>(
    caseId: number,
    what: CaptureState['what'],
    run: (report: StepReport, signal: AbortSignal | null) => Promise<T>,
    cancellable = false,
  ): Promise<T> {
    const abort = cancellable ? new AbortController() : null;
    const first: CaptureStep = what === 'scanner' ? 'scanning' : 'checking';
    const entry = { what, step: first, page: 0, of: 0, cancellable, abort };
    this.running.set(caseId, entry);
    try {
      return await run((step, page, of) => Object.assign(entry, { step, page, of }), abort?.signal ?? null);
    } finally {
      if (this.running.get(caseId) === entry) this.running.delete(caseId);
    }
  }

  /** True while any capture runs (an update must not cut it short). */
  get busy(): boolean {
    return this.running.size > 0;
  }

  get(caseId: number): CaptureState | null {
    const entry = this.running.get(caseId);
    if (!entry) return null;
    const { what, step, page, of, cancellable } = entry;
    return { what, step, page, of, cancellable };
  }

  /** Stops a cancellable capture (a scan while the scanner runs); false when there is none. */
  cancel(caseId: number): boolean {
    const entry = this.running.get(caseId);
    if (!entry?.abort || entry.step !== 'scanning') return false;
    entry.abort.abort();
    return true;
  }
}
