// `npm start`: the desk in Electron when its binary is here (the first run tries to fetch it),
// otherwise the same desk in browser mode, opened in the system Chromium as an app window.
import { spawn, spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { electronBinary, electronInstaller } from '../../native/electron-binary';
import { findChromium, openAppWindow } from '../../native/chromium';
import { checkCjkFont } from '../../native/cjk-font';
import { runBrowserMode } from '../host-web/browser-mode';

const root = resolve(__dirname, '..', '..');

function tryFetchElectron(): void {
  const installer = electronInstaller();
  if (!installer || process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) return;
  spawnSync(process.execPath, [installer], { stdio: 'ignore', timeout: 180_000 });
}

async function main(): Promise<void> {
  let electron = electronBinary();
  if (!electron.path) {
    tryFetchElectron();
    electron = electronBinary();
  }
  if (electron.path && !process.argv.includes('--browser')) {
    console.log(`Branch Desk: starting in Electron (${electron.path})`);
    const child = spawn(electron.path, [root], { stdio: 'inherit' });
    child.on('exit', (code) => process.exit(code ?? 0));
    return;
  }
  const why = electron.path
    ? '--browser was given'
    : `no Electron binary (${electron.why}; download not possible here)`;
  console.log(`Branch Desk: ${why}, so the desk runs in browser mode in Chromium instead.`);
  const fonts = checkCjkFont();
  if (!fonts.ok) console.warn(`Branch Desk: ${fonts.advice}`);
  const { host, desk } = await runBrowserMode({
    port: 0,
    rendererDir: join(root, 'dist', 'renderer'),
    printLaunchUrl: false,
  });
  const { dataDir } = desk.services.options;
  // The browser's command line names a file only this account can read, never the code itself.
  const launchFile = host.writeLaunchFile(join(dataDir, 'launch'));
  const browser = findChromium();
  if (!browser || !openAppWindow(browser, pathToFileURL(launchFile).toString(), join(dataDir, 'browser-profile'))) {
    console.log(`No Chromium-family browser found: open ${launchFile} in one within a minute (it works once).`);
  }
}

void main();
