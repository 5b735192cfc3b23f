// The data directory readable by this account only: 0700 directories and 0600 files on Linux and
// macOS (tightened at every start if anything is looser), and on Windows the directory's ACL limited
// to the user (icacls, no native module). Tax data, forms and the customer's identity live here;
// another account on the machine must not even see the file names.
import { execFileSync } from 'node:child_process';
import { chmodSync, lstatSync, mkdirSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { userInfo } from 'node:os';

/** Folders whose insides are not walked at start: Chromium's own profile, and the form folders (one
 * per live case: thousands after a long weekend). A 0700 folder already keeps everything inside it
 * from other accounts, so closing the folder itself is enough. */
const NOT_WALKED = new Set(['browser-profile', 'forms']);

/** Tightens what is looser than 0700/0600; returns the paths changed (relative to `dataDir`). Work
 * proportional to the directory's top levels, never to the number of cases. */
export function tightenDataDir(dataDir: string, platform = process.platform): string[] {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  if (platform === 'win32') return [];
  const tightened: string[] = [];
  const visit = (path: string, depth: number) => {
    const stat = lstatSync(path);
    if (stat.isSymbolicLink()) return; // never followed: it could point anywhere
    const wanted = stat.isDirectory() ? 0o700 : 0o600;
    if ((stat.mode & 0o777 & ~wanted) !== 0) {
      chmodSync(path, wanted);
      tightened.push(relative(dataDir, path) || '.');
    }
    if (stat.isDirectory() && depth < 3 && !NOT_WALKED.has(relative(dataDir, path))) {
      for (const name of readdirSync(path)) visitIfThere(join(path, name), depth + 1);
    }
  };
  // A file can go between the listing and its chmod: SQLite removes its -shm and -wal files when a
  // process that was closing (the sandbox JCIC of a desk just quit) lets go of them. Gone is fine.
  const visitIfThere = (path: string, depth: number) => {
    try {
      visit(path, depth);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
  };
  visit(dataDir, 0);
  return tightened;
}

/** Windows: removes inherited entries and grants this user alone full control of the directory. */
export function restrictWindowsAcl(dataDir: string, run = runIcacls): void {
  const user = windowsUser();
  run([dataDir, '/inheritance:r', '/grant:r', `${user}:(OI)(CI)F`]);
}

export interface AclCheck {
  ok: boolean;
  /** Accounts other than this user (and the system itself) that have access. */
  others: string[];
}

/** Windows: who else has access, from `icacls <dir>` output. */
export function checkWindowsAcl(dataDir: string, run = runIcacls): AclCheck {
  return parseIcacls(run([dataDir]), windowsUser(), dataDir);
}

/** `icacls` lists the path and its first entry on one line, then one entry per line. */
export function parseIcacls(output: string, user: string, dataDir: string): AclCheck {
  const entries = output
    .split(/\r?\n/)
    .map((line) => (line.startsWith(dataDir) ? line.slice(dataDir.length) : line).trim())
    .filter((line) => /:\(/.test(line))
    .map((line) => line.slice(0, line.indexOf(':(')).trim());
  const allowed = new Set([user.toLowerCase(), 'nt authority\\system', 'builtin\\administrators']);
  const others = entries.filter((e) => !allowed.has(e.toLowerCase()));
  return { ok: others.length === 0 && entries.some((e) => e.toLowerCase() === user.toLowerCase()), others };
}

function windowsUser(): string {
  const domain = process.env.USERDOMAIN;
  const name = userInfo().username;
  return domain ? `${domain}\\${name}` : name;
}

function runIcacls(args: string[]): string {
  return execFileSync('icacls', args, { encoding: 'utf8', windowsHide: true });
}
