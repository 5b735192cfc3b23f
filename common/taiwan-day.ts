// Dates on forms and in the rules are Taiwan calendar days. Taiwan keeps UTC+8 all year (no
// daylight saving), so the branch's day for an instant is the UTC date eight hours later —
// whatever time zone the machine or the CI runner happens to be set to.
const OFFSET_MS = 8 * 3600 * 1000;

/** One day in milliseconds (the one definition every layer uses). */
export const DAY_MS = 86_400_000;

/** The Taiwan calendar day (YYYY-MM-DD) of an instant. */
export function taiwanDay(at: Date | string): string {
  return new Date(new Date(at).getTime() + OFFSET_MS).toISOString().slice(0, 10);
}

/** The instant (ISO) a Taiwan calendar day starts, `plusDays` later. */
export function taiwanDayStart(day: string, plusDays = 0): string {
  return new Date(Date.parse(`${day}T00:00:00+08:00`) + plusDays * DAY_MS).toISOString();
}
