// `npm run web -- --port <p>`: browser mode without opening anything; prints a one-time address.
import { resolve } from 'node:path';
import { runBrowserMode } from './browser-mode';

function argValue(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const portText = argValue('--port') ?? '0';
const port = Number(portText);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`--port must be a number from 0 to 65535 (got "${portText}")`);
  process.exit(2);
}
void runBrowserMode({ port, rendererDir: resolve(__dirname, '..', '..', 'dist', 'renderer'), printLaunchUrl: true });
