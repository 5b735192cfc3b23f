// Starts the desk in browser mode: environment, desk, web host, and a clean shutdown on signals.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { loadDeskEnvironment } from '../main/bootstrap';
import { createDesk, type Desk } from '../main/desk';
import { StartupError } from '../main/errors';
import { startWebHost, type WebHost } from './web-host';

export interface BrowserModeOptions {
  port: number;
  rendererDir: string;
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
  const host = await startWebHost({ call: desk.call, rendererDir: options.rendererDir, port: options.port, maxBodyBytes: 40 * 1024 * 1024 });
  const { policy } = desk.services.options.loadedPolicy;
  const label = policy.jcicEndpoint === '' ? ' [訓練環境 / SANDBOX]' : '';
  console.log(`Branch Desk browser mode${label}: ${host.launchUrl}`);
  if (desk.services.clock.adjustable) console.log('WARNING: test clock enabled (BRANCH_DESK_TEST_CLOCK=1); never use this on a production desk');
  const stop = () => {
    void host.close().then(() => {
      desk.close();
      process.exit(0);
    });
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return { desk, host };
}
