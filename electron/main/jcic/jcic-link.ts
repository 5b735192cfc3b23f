// How the line to JCIC stands, as the outbox and the follower last found it: for jcic.status and
// the case screen. Answers the desk refused count as contact (JCIC, or something, answered).
import type { TimeSource } from '../clock';

export class JcicLink {
  reachable: boolean | null = null;
  lastError: string | null = null;
  lastContactAt: string | null = null;
  gatewayError: string | null = null;

  constructor(private readonly clock: TimeSource) {}

  contact(): void {
    this.reachable = true;
    this.lastError = null;
    this.lastContactAt = this.clock.now().toISOString();
  }

  unreachable(message: string): void {
    this.reachable = false;
    this.lastError = message;
  }

  answerRefused(message: string): void {
    this.reachable = true;
    this.lastError = message;
    this.lastContactAt = this.clock.now().toISOString();
  }
}
