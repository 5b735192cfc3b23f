// Dates on forms and in the rules are Taiwan calendar days. Taiwan keeps UTC+8 all year (no
// daylight saving), so the branch's day for an instant is the UTC date eight hours later —
// whatever time zone the machine or the CI runner happens to be set to.
const OFFSET_MS = 8 * 3600 * 1000;

/** The Taiwan calendar day (YYYY-MM-DD) of an instant. */
export function taiwanDay(at: Date | string): string {
  return new Date(new Date(at).getTime() + OFFSET_MS).toISOString().slice(0, 10);
}
