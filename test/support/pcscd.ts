// The smart-card service for the card tests: the machine's one pcscd (a second instance refuses to
// run), started in the foreground by the test, with Debian's vpcd reader (TCP 35963), and stopped or
// restarted by it to check that the desk recovers. Needs root (CI runs as root) and the pcscd and
// vsmartcard-vpcd packages; says so when they are missing rather than skipping.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
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

export class Pcscd {
  private child: ChildProcess | null = null;

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
