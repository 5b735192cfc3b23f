// The smart-card service for the card tests: the machine's one pcscd (a second instance refuses to
// run), started in the foreground by the test, with Debian's vpcd reader (TCP 35963), and stopped or
// restarted by it to check that the desk recovers. Needs root (CI runs as root) and the pcscd and
// vsmartcard-vpcd packages; says so when they are missing rather than skipping.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';

const PID_FILE = '/run/pcscd/pcscd.pid';

export function pcscdProblem(): string | null {
  if (!existsSync('/usr/sbin/pcscd')) return 'pcscd is not installed (apt-get install pcscd)';
  if (!existsSync('/usr/lib/pcsc/drivers/serial/libifdvpcd.so'))
    return 'the virtual reader is not installed (apt-get install vsmartcard-vpcd)';
  if (process.getuid?.() !== 0) return 'pcscd must be started as root for the card tests';
  return null;
}

function running(): number | null {
  try {
    const pid = Number(readFileSync(PID_FILE, 'utf8').trim());
    process.kill(pid, 0);
    return pid;
  } catch {
    return null;
  }
}

const portOpen = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });

/** One test file at a time owns the machine's pcscd (test files run in parallel). */
const LOCK = '/tmp/branch-desk-pcscd.lock';

async function acquire(): Promise<void> {
  const started = Date.now();
  for (;;) {
    try {
      mkdirSync(LOCK);
      writeFileSync(`${LOCK}/pid`, String(process.pid));
      return;
    } catch {
      // Held: by a live test process, wait; by one that died, take it over.
      let holder = 0;
      try {
        holder = Number(readFileSync(`${LOCK}/pid`, 'utf8').trim());
      } catch {
        await new Promise((r) => setTimeout(r, 200)); // being written by its new holder
        continue;
      }
      let alive = false;
      try {
        process.kill(holder, 0);
        alive = holder > 0;
      } catch {
        alive = false;
      }
      if (!alive) rmSync(LOCK, { recursive: true, force: true });
      else if (Date.now() - started > 300_000) throw new Error('the pcscd lock was held for 5 minutes');
      else await new Promise((r) => setTimeout(r, 200));
    }
  }
}

export class Pcscd {
  private child: ChildProcess | null = null;
  private locked = false;

  /** Takes the machine's pcscd for this test file (waits for another file to let go), then starts it. */
  async own(): Promise<void> {
    await acquire();
    this.locked = true;
    await this.start();
  }

  async release(): Promise<void> {
    await this.stop();
    if (this.locked) rmSync(LOCK, { recursive: true, force: true });
    this.locked = false;
  }

  async start(): Promise<void> {
    const other = running();
    if (other) throw new Error(`another pcscd (pid ${other}) is running; stop it before the card tests`);
    this.child = spawn('/usr/sbin/pcscd', ['-f'], { stdio: 'ignore' });
    const started = Date.now();
    while (!(await portOpen(35963))) {
      if (Date.now() - started > 10_000) throw new Error('pcscd did not open the virtual reader within 10 s');
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  async stop(): Promise<void> {
    const child = this.child;
    this.child = null;
    if (!child || child.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  }

  async restart(): Promise<void> {
    await this.stop();
    await this.start();
  }
}
