// The time retention decides by: never earlier than the latest time the desk has seen, and moving
// forward only as the clock moves forward. Set the clock ten days back and restart: the desk goes on
// from where it was, so data is still deleted three days after receipt, not thirteen. Dates on
// forms, sessions and the audit trail keep the clock's own time (an honest record, with the jump
// itself on the record); only deletions and what counts as expired read this.
import type { Clock } from '../clock';

export class RetentionClock {
  private effective: number;
  private lastSeen: number;

  /** `highWater`: the latest time seen before this start (the audit anchor keeps it). */
  constructor(
    private readonly clock: Clock,
    highWater: Date | null,
  ) {
    this.lastSeen = clock.now().getTime();
    this.effective = Math.max(this.lastSeen, highWater?.getTime() ?? 0);
  }

  /** How far the clock is behind the latest time seen (ms; 0 when it is not). */
  get behindMs(): number {
    this.now();
    return Math.max(0, this.effective - this.clock.now().getTime());
  }

  now(): Date {
    const seen = this.clock.now().getTime();
    // Forward steps count; a step back counts as no time at all.
    this.effective = Math.max(this.effective + Math.max(0, seen - this.lastSeen), seen);
    this.lastSeen = seen;
    return new Date(this.effective);
  }
}
