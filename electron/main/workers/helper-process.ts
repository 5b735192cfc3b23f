// Starts one of the desk's helper processes (the card service, the signer) and speaks to it: in the
// desktop app an Electron utility process (a Chromium-managed child with its own crash handling), and
// under the web host, the CLI and the tests a Node child process. Either way the desk sees the same
// small interface; the child's side is parent-channel.ts.
import { fork } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export interface HelperChild {
  readonly connected: boolean;
  /** False when the child is gone (the message is dropped). */
  send(message: unknown): boolean;
  onMessage(listener: (message: unknown) => void): void;
  onExit(listener: () => void): void;
  kill(): void;
}

/** The part of Electron's utilityProcess module used here (a fake stands in for it in the tests). */
export interface UtilityProcessModule {
  fork(
    modulePath: string,
    args: string[],
    options: { serviceName: string; env: NodeJS.ProcessEnv; stdio: 'inherit' },
  ): {
    postMessage(message: unknown): void;
    on(event: 'message', listener: (message: unknown) => void): unknown;
    on(event: 'exit', listener: (code: number) => void): unknown;
    kill(): boolean;
  };
}

/** Electron's utilityProcess when this is the Electron main process; otherwise null. */
export function electronUtilityProcess(): UtilityProcessModule | null {
  if (!process.versions.electron || (process as { type?: string }).type !== 'browser') return null;
  // Required only inside Electron's main process (the web host and tests never load electron).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require('electron') as { utilityProcess: UtilityProcessModule }).utilityProcess;
}

/** `name`: the helper's file name without extension, beside the caller (TypeScript from the source
 * tree through tsx, the bundle beside main.js). */
export function startHelper(
  callerFile: string,
  name: string,
  options: { env?: Record<string, string>; serviceName: string },
  utility: UtilityProcessModule | null = electronUtilityProcess(),
): HelperChild {
  const dir = join(callerFile, '..');
  const source = join(dir, `${name}.ts`);
  const fromSource = callerFile.endsWith('.ts') && existsSync(source);
  const file = fromSource ? source : join(dir, `${name}.js`);
  const env = { ...process.env, ...options.env };
  if (utility) {
    const child = utility.fork(file, [], { serviceName: options.serviceName, env, stdio: 'inherit' });
    let alive = true;
    child.on('exit', () => (alive = false));
    return {
      get connected() {
        return alive;
      },
      send: (message) => (alive ? (child.postMessage(message), true) : false),
      onMessage: (listener) => void child.on('message', listener),
      onExit: (listener) => void child.on('exit', () => listener()),
      // Once gone, a kill is nothing (an exit listener that kills again must not loop).
      kill: () => void (alive && child.kill()),
    };
  }
  const child = fork(file, [], {
    execArgv: fromSource ? ['--import', 'tsx'] : [],
    env: { ...env, ELECTRON_RUN_AS_NODE: '1' },
    serialization: 'advanced',
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  child.on('error', () => undefined); // a failed fork or a broken channel ends in 'exit'
  return {
    get connected() {
      return child.connected;
    },
    send: (message) => {
      if (!child.connected) return false;
      child.send(message as never, () => undefined);
      return true;
    },
    onMessage: (listener) => void child.on('message', listener),
    onExit: (listener) => void child.once('exit', () => listener()),
    kill: () => void child.kill('SIGKILL'),
  };
}
