// The Electron main entry (bundled to dist/electron/main.js): the real electron module, the built
// renderer and preload, and the desk as every entry point makes it. The host itself, and every
// protection it sets, lives in electron-host.ts, where it is unit-tested against a stand-in.
import { app, BrowserWindow, dialog, ipcMain, safeStorage, session } from 'electron';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadDeskEnvironment } from '../main/bootstrap';
import { createDesk } from '../main/desk';
import { startElectronHost } from './electron-host';
import { updateInstaller } from './updater';

const rendererIndex = join(__dirname, '..', 'renderer', 'index.html');

void startElectronHost(
  { app, BrowserWindow, dialog, ipcMain, session, safeStorage },
  {
    rendererIndex,
    rendererUrl: pathToFileURL(rendererIndex).toString(),
    preloadPath: join(__dirname, 'preload.js'),
    platform: process.platform,
    createDesk: (keyProtectors, installerFor) => {
      const environment = loadDeskEnvironment();
      const installer = installerFor(environment.loadedPolicy.policy.updateUrl);
      return createDesk({ ...environment, keyProtectors, updateInstaller: installer });
    },
    updateInstaller,
  },
);
