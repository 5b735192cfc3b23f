// Starts the desk in browser mode: environment, desk, web host, and a clean shutdown on signals.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { loadDeskEnvironment } from '../main/bootstrap';
import { createDesk, type Desk } from '../main/desk';
import { StartupError } from '../main/errors';
import { startWebHost, type WebHost } from './web-host';
import { advanceTestClock, parseControlLine } from '../main/dev/test-clock';

export interface BrowserModeOptions {
  port: number;
  rendererDir: string;
  /** Print a one-time address on standard output (`npm run web`: one's own terminal is not shared). */
  printLaunchUrl: boolean;
}

export async function runBrowserMode(options: BrowserModeOptions): Promise<{ desk: Desk; host: WebHost }> {
  if (!existsSync(join(options.rendererDir, 'index.html'))) {
    console.error(`The renderer is not built (${options.rendererDir}); run "npm run build" first.`);
    process.exit(2);
  }
  let desk: Desk;
  try {
    const environment = loadDeskEnvironment();
    desk = createDesk({ ...environment });
  } catch (e) {
    if (e instanceof StartupError) {
      console.error(e.banner());
      process.exit(2);
    }
    throw e;
  }
  // Form files travel base64-encoded inside the JSON call: room for a 20 MB file.
  const host = await startWebHost({
    call: desk.call,
    rendererDir: options.rendererDir,
    port: options.port,
    maxBodyBytes: 40 * 1024 * 1024,
  });
  const { policy } = desk.services.options.loadedPolicy;
  const label = policy.jcicEndpoint === '' ? ' [訓練環境 / SANDBOX]' : '';
  if (options.printLaunchUrl) {
    console.log(`Branch Desk browser mode${label}: ${host.newLaunchUrl()}`);
    console.log('  (that address works once, within a minute; press Enter here for a new one)');
  } else {
    console.log(`Branch Desk browser mode${label} on ${host.origin}`);
  }
  if (desk.services.clock.adjustable)
    console.log('WARNING: test clock enabled (BRANCH_DESK_TEST_CLOCK=1); never use this on a production desk');
  listenOnTerminal(desk, host, options.printLaunchUrl);
  const stop = () => {
    void host
      .close()
      .then(() => {
        desk.close();
        return desk.whenClosed();
      })
      .then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return { desk, host };
}

/** Standard input belongs to whoever started the desk: an empty line prints a new one-time address
 * (when addresses are printed at all); with the test clock, the harness moves time by a JSON line
 * (electron/main/dev/test-clock.ts). */
function listenOnTerminal(desk: Desk, host: WebHost, printLaunchUrl: boolean): void {
  if (!printLaunchUrl && !desk.services.clock.adjustable) return;
  const lines = createInterface({ input: process.stdin });
  lines.on('line', (line) => {
    if (line.trim() === '') {
      if (printLaunchUrl) console.log(`Branch Desk: ${host.newLaunchUrl()}`);
      return;
    }
    const command = desk.services.clock.adjustable ? parseControlLine(line) : null;
    if (!command) return console.log(JSON.stringify({ control: 'refused' }));
    const now = advanceTestClock(desk.services, command.advanceClock, null, 'harness');
    console.log(JSON.stringify({ control: 'clockAdvanced', now }));
  });
  // Standard input closing (a detached start) must not keep the desk from exiting on its own.
  process.stdin.unref?.();
}
