// Who may use the loopback web host, done the way Jupyter Server does it: no secret ever goes on a
// command line or into a child's environment (any other account on the machine reads those in
// `ps`). The browser is opened on a 0600 launch file in the user's data directory; the file
// redirects with a one-time code, which works once, within a minute, and is exchanged for a
// session cookie with a different random value, named for this launch (its port). The printed
// address for developers and tests carries a one-time code too.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** How long a one-time code stays usable. */
export const LAUNCH_CODE_TTL_MS = 60_000;

const random = () => randomBytes(32).toString('base64url');

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export interface LaunchAccess {
  /** The cookie's name: includes the port, so a cookie of another launch is never even looked at. */
  readonly cookieName: string;
  /** A fresh one-time code for a printed address. */
  issueCode(): string;
  /** Writes a 0600 launch file that redirects with a fresh code; returns its path. */
  writeLaunchFile(dir: string): string;
  /** Spends a code: a new session value, or null (unknown, used, expired). */
  exchange(code: string): string | null;
  /** Whether a cookie value is a session this launch handed out. */
  sessionOk(value: string | undefined): boolean;
  /** Removes launch files not yet used. */
  close(): void;
}

export function launchAccess(origin: string, port: number, now: () => number = () => performance.now()): LaunchAccess {
  const codes = new Map<string, { expiresAt: number; file: string | null }>();
  const sessions: string[] = [];
  const files = new Set<string>();

  const issue = (file: string | null) => {
    const code = random();
    codes.set(code, { expiresAt: now() + LAUNCH_CODE_TTL_MS, file });
    // An unused launch file does not stay behind once its code has expired.
    setTimeout(() => codes.has(code) && forget(code, file), LAUNCH_CODE_TTL_MS).unref();
    return code;
  };

  return {
    cookieName: `branch_desk_${port}`,
    issueCode: () => issue(null),
    writeLaunchFile(dir) {
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      const file = join(dir, `launch-${port}-${randomBytes(6).toString('hex')}.html`);
      const target = `${origin}/launch?code=${issue(file)}`;
      // A meta refresh works from file:// under the strictest settings; the link is for the rare
      // browser that ignores it. Written exclusively (wx) and readable by this account only.
      writeFileSync(
        file,
        `<!doctype html><meta charset="utf-8"><meta http-equiv="refresh" content="0;url=${target}">` +
          `<title>Branch Desk</title><p><a href="${target}">分行授權查詢桌面 Branch Desk</a></p>\n`,
        { mode: 0o600, flag: 'wx' },
      );
      files.add(file);
      return file;
    },
    exchange(code) {
      // Expired codes are dropped first, so the map never grows with codes nobody used.
      const at = now();
      for (const [c, entry] of codes) if (entry.expiresAt <= at) forget(c, entry.file);
      for (const [candidate, entry] of codes) {
        if (!sameSecret(candidate, code)) continue;
        forget(candidate, entry.file);
        const session = random();
        sessions.push(session);
        return session;
      }
      return null;
    },
    sessionOk: (value) => value !== undefined && sessions.some((s) => sameSecret(s, value)),
    close() {
      for (const file of files) rmSync(file, { force: true });
      files.clear();
      codes.clear();
    },
  };

  function forget(code: string, file: string | null): void {
    codes.delete(code);
    if (file) {
      rmSync(file, { force: true });
      files.delete(file);
    }
  }
}
