// Moving the adjustable test clock (automated tests only; a desk on the system clock refuses).
// One function behind both ways a test moves time: the `dev.advanceClock` call (an IT
// administrator signed in) and the test harness's control line on the web host's standard input.
import { MINUTE } from '../clock';
import type { DeskServices } from '../services';
import { DeskError } from '../errors';
import type { Actor } from '../audit/audit-log';

export function advanceTestClock(
  s: Pick<DeskServices, 'clock' | 'audit' | 'retention' | 'outbox'>,
  minutes: number,
  actor: Actor | null,
  via: string,
): string {
  if (!s.clock.adjustable) throw new DeskError('NOT_ALLOWED_IN_PRODUCTION');
  s.clock.advance(minutes * MINUTE);
  s.audit.record({ actor, action: 'dev.clock_advanced', detail: { minutes, via } });
  void s.retention.sweep();
  void s.outbox.kick();
  return s.clock.now().toISOString();
}

/** The harness's control line: one JSON object per line on standard input, `{"advanceClock": minutes}`.
 * Only the process that started the desk holds its standard input, so nothing on the page or
 * elsewhere on the machine can move the clock this way. Answers on standard output. */
export function parseControlLine(line: string): { advanceClock: number } | null {
  try {
    const value = JSON.parse(line) as { advanceClock?: unknown };
    const minutes = value.advanceClock;
    return typeof minutes === 'number' && Number.isFinite(minutes) && minutes >= 0 ? { advanceClock: minutes } : null;
  } catch {
    return null;
  }
}
