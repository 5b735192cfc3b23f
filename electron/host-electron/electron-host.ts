// The Electron host: one secure window over the same renderer bundle, the contract served over one
// IPC channel. Like the web host it holds no business logic: every call goes to desk.call.
// It takes the parts of the electron module it uses as a parameter (main.ts passes the real one) so
// that a recording stand-in can check every protection here even where no Electron binary exists.
import type { BrowserWindowConstructorOptions, PermissionCheckHandlerHandlerDetails } from 'electron';
import type { UpdateInstaller } from '../main/updates/update-service';
import type { Desk } from '../main/desk';
import { DeskError, StartupError } from '../main/errors';
import { allowsPermissionCheck, CONTENT_SECURITY_POLICY, grantsPermissionRequest } from '../main/security';
import type { KeyProtector } from '../../native/key-protection/key-protector';
import { fileKeyProtector } from '../../native/key-protection/file-key-protector';
import { IPC_CHANNEL, isAllowedNavigation, secureWindowOptions } from './window-options';
import { safeStorageKeyProtector, type SafeStorageParts } from './safe-storage-key-protector';

// Only what the host uses of Electron's API, typed loosely enough for a stand-in and strictly enough
// that the real module must fit (main.ts passes it without a cast).
interface PreventableEvent {
  preventDefault(): void;
}

export interface HostWebContents {
  on(event: 'will-navigate' | 'will-redirect', listener: (event: PreventableEvent, url: string) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: PreventableEvent) => void): unknown;
  setWindowOpenHandler(handler: () => { action: 'deny' }): void;
}

export interface HostApp {
  readonly isPackaged: boolean;
  enableSandbox(): void;
  requestSingleInstanceLock(): boolean;
  whenReady(): Promise<void>;
  quit(): void;
  exit(code?: number): void;
  on(event: 'web-contents-created', listener: (event: unknown, contents: HostWebContents) => void): unknown;
  on(event: 'window-all-closed' | 'will-quit', listener: () => void): unknown;
}

export interface HostWindow {
  setContentProtection(enable: boolean): void;
  once(event: 'ready-to-show', listener: () => void): unknown;
  show(): void;
  loadFile(path: string): Promise<void>;
}

type PermissionRequestHandler = (
  webContents: unknown,
  permission: string,
  callback: (granted: boolean) => void,
  details: { mediaTypes?: readonly string[]; requestingUrl?: string },
) => void;
type PermissionCheckHandler = (
  webContents: unknown,
  permission: string,
  requestingOrigin: string,
  details: Pick<PermissionCheckHandlerHandlerDetails, 'mediaType' | 'isMainFrame'>,
) => boolean;
type HeadersListener = (
  details: { responseHeaders?: Record<string, string[]> },
  callback: (response: { responseHeaders: Record<string, string[] | string> }) => void,
) => void;
type IpcListener = (event: { senderFrame: { url: string } | null }, ...args: unknown[]) => unknown;

export interface HostElectron {
  app: HostApp;
  BrowserWindow: new (options: BrowserWindowConstructorOptions) => HostWindow;
  dialog: { showErrorBox(title: string, content: string): void };
  ipcMain: { handle(channel: string, listener: IpcListener): void };
  session: {
    defaultSession: {
      setPermissionRequestHandler(handler: PermissionRequestHandler): void;
      setPermissionCheckHandler(handler: PermissionCheckHandler): void;
      webRequest: { onHeadersReceived(listener: HeadersListener): void };
    };
  };
  safeStorage: SafeStorageParts;
}

/** The desk as the host sees it: a way in and a way to close. */
export type HostDesk = Pick<Desk, 'call' | 'close'>;

/** The updater for the policy's update URL (none unpackaged or without a URL). */
export type InstallerFor = (updateUrl: string) => UpdateInstaller | null;

export interface HostDeps {
  /** The built renderer page and preload script (dist/renderer/index.html, dist/electron/preload.js). */
  rendererIndex: string;
  rendererUrl: string;
  preloadPath: string;
  platform: NodeJS.Platform;
  /** Makes the desk with the key protectors this host offers, best first, and this host's updater
   * for the policy's update URL; throws StartupError when it cannot start. */
  createDesk(keyProtectors: readonly KeyProtector[], installerFor: InstallerFor): HostDesk;
  /** electron-updater for the bank's server: the desk decides what to take (electron/main/updates). */
  updateInstaller(updateUrl: string, packaged: boolean): UpdateInstaller | null;
}

/** Wires the host. Resolves once the window is created (or the desk refused to start). */
export function startElectronHost(electron: HostElectron, deps: HostDeps): Promise<void> {
  const { app, BrowserWindow, dialog, ipcMain, session } = electron;
  const { rendererUrl } = deps;
  let desk: HostDesk | null = null;

  app.enableSandbox();
  // A second copy would open the same database and JCIC outbox: it quits before doing anything.
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return Promise.resolve();
  }

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

  const ready = app
    .whenReady()
    .then(() => {
      try {
        const osKeyStore = safeStorageKeyProtector(electron.safeStorage, deps.platform);
        desk = deps.createDesk(osKeyStore ? [osKeyStore, fileKeyProtector] : [fileKeyProtector], (url) =>
          deps.updateInstaller(url, app.isPackaged),
        );
      } catch (e) {
        dialog.showErrorBox('Branch Desk', e instanceof StartupError ? e.banner() : String(e));
        app.exit(2);
        return;
      }
      const current = desk;

      // The camera only (security.ts): 'media' is granted when every device asked for is video.
      session.defaultSession.setPermissionRequestHandler((_wc, permission, callback, details) =>
        callback(grantsPermissionRequest(permission, details.mediaTypes)),
      );
      session.defaultSession.setPermissionCheckHandler((_wc, permission, _origin, details) =>
        allowsPermissionCheck(permission, details.mediaType),
      );
      session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
        callback({
          responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] },
        });
      });

      ipcMain.handle(IPC_CHANNEL, (event, name, input) => {
        // Only our own page may call; a frame that somehow loaded elsewhere gets nothing.
        if (!event.senderFrame || !isAllowedNavigation(event.senderFrame.url, rendererUrl)) {
          return { ok: false, error: new DeskError('FORBIDDEN').toPayload() };
        }
        return current.call(String(name), input);
      });

      const window = new BrowserWindow(secureWindowOptions(deps.preloadPath));
      // Tax data on screen stays out of screenshots, screen recording and remote-support capture
      // (Windows and macOS honour this; elsewhere it does nothing). Set before the window is shown.
      window.setContentProtection(true);
      window.once('ready-to-show', () => window.show());
      void window.loadFile(deps.rendererIndex);
    })
    .catch((e: unknown) => {
      console.error(e);
      app.exit(1);
    });

  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => desk?.close());
  return ready;
}
