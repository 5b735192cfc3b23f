// Time as the desk sees it. Retention, idle lock and lockout all read this, never Date.now(),
// so tests can move time forward instead of waiting.
/** Anything that tells the time (the clock, or the retention clock built on it). */
export interface TimeSource {
  now(): Date;
}

export interface Clock extends TimeSource {
  readonly adjustable: boolean;
  /** Moves the clock forward; refused on the system clock. */
  advance(ms: number): void;
}

export const systemClock: Clock = {
  now: () => new Date(),
  adjustable: false,
  advance() {
    throw new Error('the system clock cannot be advanced');
  },
};

/** Real time plus an offset that tests push forward. */
export function adjustableClock(start?: Date): Clock {
  let offset = start ? start.getTime() - Date.now() : 0;
  return {
    now: () => new Date(Date.now() + offset),
    adjustable: true,
    advance(ms: number) {
      offset += ms;
    },
  };
}

export const MINUTE = 60_000;
export const iso = (d: Date) => d.toISOString();
