// The Electron host: one secure window over the same renderer bundle, the contract served over one
// IPC channel. Like the web host it holds no business logic: every call goes to desk.call.
import { app, BrowserWindow, dialog, ipcMain, session } from 'electron';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadDeskEnvironment } from '../main/bootstrap';
import { createDesk, type Desk } from '../main/desk';
import { DeskError, StartupError } from '../main/errors';
import { ALLOWED_PERMISSIONS, CONTENT_SECURITY_POLICY } from '../main/security';
import { IPC_CHANNEL, isAllowedNavigation, secureWindowOptions } from './window-options';
import { startAutoUpdate } from './updater';
import { safeStorageKeyProtector } from './safe-storage-key-protector';
import { fileKeyProtector } from '../../native/key-protection/file-key-protector';

const rendererIndex = join(__dirname, '..', 'renderer', 'index.html');
const rendererUrl = pathToFileURL(rendererIndex).toString();
let desk: Desk | null = null;

app.enableSandbox();
if (!app.requestSingleInstanceLock()) app.quit();

// Every web contents, present or future: no navigation away, no new windows, no webviews.
app.on('web-contents-created', (_event, contents) => {
  contents.on('will-navigate', (event, url) => {
    if (!isAllowedNavigation(url, rendererUrl)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAllowedNavigation(url, rendererUrl)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
});

app.whenReady().then(() => {
  try {
    const osKeyStore = safeStorageKeyProtector();
    desk = createDesk({ ...loadDeskEnvironment(), keyProtectors: osKeyStore ? [osKeyStore, fileKeyProtector] : [fileKeyProtector] });
  } catch (e) {
    dialog.showErrorBox('Branch Desk', e instanceof StartupError ? e.banner() : String(e));
    app.exit(2);
    return;
  }
  const current = desk;

  session.defaultSession.setPermissionRequestHandler((_wc, permission, callback) => callback(ALLOWED_PERMISSIONS.includes(permission)));
  session.defaultSession.setPermissionCheckHandler((_wc, permission) => ALLOWED_PERMISSIONS.includes(permission));
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });

  ipcMain.handle(IPC_CHANNEL, (event, name: unknown, input: unknown) => {
    // Only our own page may call; a frame that somehow loaded elsewhere gets nothing.
    if (!event.senderFrame || !isAllowedNavigation(event.senderFrame.url, rendererUrl)) {
      return { ok: false, error: new DeskError('FORBIDDEN').toPayload() };
    }
    return current.call(String(name), input);
  });

  const window = new BrowserWindow(secureWindowOptions(join(__dirname, 'preload.js')));
  // Tax data on screen stays out of screenshots, screen recording and remote-support capture
  // (Windows and macOS honour this; elsewhere it does nothing).
  window.setContentProtection(true);
  window.once('ready-to-show', () => window.show());
  void window.loadFile(rendererIndex);
  startAutoUpdate(current.services.options.loadedPolicy.policy.updateUrl, app.isPackaged);
}).catch((e: unknown) => {
  console.error(e);
  app.exit(1);
});

app.on('window-all-closed', () => app.quit());
app.on('will-quit', () => desk?.close());
