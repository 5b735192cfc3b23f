// The desk's own log for IT: JSON lines in <data dir>/logs/desk.log (0600, inside the 0700 data
// directory), rotated by size (desk.1.log … desk.4.log), so a support bundle can carry it. What goes
// in is masked on the way: ID numbers as their first letter and last three digits (A******789), and
// any field named like a PIN, a password or a secret withheld. Returned data is never logged (the
// audit trail says who saw what; the log says what went wrong). Everything the desk prints with
// console.error and console.warn lands here too, masked, as well as on the console, masked.
//
// A hand-written writer rather than pino: pino's file transports run in worker threads it loads by
// path, which the single bundled main.js does not carry; a synchronous append of a rare line
// (errors, warnings, start and stop) costs microseconds and needs no worker.
import { appendFileSync, existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Clock } from '../clock';

const MAX_BYTES = 2 * 1024 * 1024;
const KEEP = 4;

/** A Taiwanese national ID or resident certificate number (old and new). */
const ID_NUMBER = /\b([A-Z])[A-D12389]\d{5}(\d{3})\b/g;
const SECRET_KEY = /pin|password|passphrase|secret|private.?key|cookie|token/i;

/** "pin=…", "password: …" written into a message. */
const SECRET_IN_TEXT = /\b(pin|password|passphrase|secret)(\s*[=:]\s*)[^\s,;"']+/gi;

export function maskText(text: string): string {
  return text
    .replace(ID_NUMBER, (_, first: string, last: string) => `${first}******${last}`)
    .replace(SECRET_IN_TEXT, (_, name: string, sep: string) => `${name}${sep}[withheld]`);
}

/** A value as it may be logged: text masked, secret fields withheld, depth and size bounded. */
export function masked(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return maskText(value.length > 4000 ? `${value.slice(0, 4000)}…` : value);
  if (value instanceof Error)
    return { name: value.name, message: maskText(value.message), stack: maskText(value.stack ?? '') };
  if (value === null || typeof value !== 'object') return value;
  if (depth > 4) return '[…]';
  if (Array.isArray(value)) return value.slice(0, 50).map((v) => masked(v, depth + 1));
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [k, SECRET_KEY.test(k) ? '[withheld]' : masked(v, depth + 1)]),
  );
}

export class DeskLog {
  readonly dir: string;
  private readonly file: string;

  constructor(
    dataDir: string,
    private readonly clock: Clock,
  ) {
    this.dir = join(dataDir, 'logs');
    this.file = join(this.dir, 'desk.log');
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
  }

  info(event: string, detail?: unknown): void {
    this.write('info', event, detail);
  }

  warn(event: string, detail?: unknown): void {
    this.write('warn', event, detail);
  }

  error(event: string, detail?: unknown): void {
    this.write('error', event, detail);
  }

  private write(level: string, event: string, detail: unknown): void {
    const line = JSON.stringify({
      at: this.clock.now().toISOString(),
      level,
      event: maskText(event),
      detail: masked(detail),
    });
    try {
      if (existsSync(this.file) && statSync(this.file).size + line.length > MAX_BYTES) this.rotate();
      appendFileSync(this.file, `${line}\n`, { mode: 0o600 });
    } catch {
      // A full or read-only disk must not stop the desk; the console still has it.
    }
  }

  private rotate(): void {
    rmSync(join(this.dir, `desk.${KEEP}.log`), { force: true });
    for (let n = KEEP - 1; n >= 1; n--) {
      const from = join(this.dir, `desk.${n}.log`);
      if (existsSync(from)) renameSync(from, join(this.dir, `desk.${n + 1}.log`));
    }
    renameSync(this.file, join(this.dir, 'desk.1.log'));
  }
}

/** The logs console.error and console.warn also go to (every open desk's; usually one). */
const active = new Set<DeskLog>();
let original: { error: typeof console.error; warn: typeof console.warn } | null = null;

/** From now on console.error/warn are masked and copied into `log`, until the returned function. */
export function routeConsole(log: DeskLog): () => void {
  active.add(log);
  if (!original) {
    original = { error: console.error, warn: console.warn };
    const route =
      (level: 'error' | 'warn', print: (...args: unknown[]) => void) =>
      (...args: unknown[]) => {
        const text = args.map((a) =>
          typeof a === 'string' ? a : a instanceof Error ? (a.stack ?? a.message) : safeJson(a),
        );
        const line = maskText(text.join(' '));
        print(line);
        for (const l of active) l[level]('console', line);
      };
    console.error = route('error', original.error);
    console.warn = route('warn', original.warn);
  }
  return () => {
    active.delete(log);
    if (active.size === 0 && original) {
      console.error = original.error;
      console.warn = original.warn;
      original = null;
    }
  };
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(masked(value));
  } catch {
    return String(value);
  }
}
