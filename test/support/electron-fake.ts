// A recording stand-in for the parts of the electron module the host uses (HostElectron), so the
// host's wiring runs under node:test where no Electron binary exists. It does nothing by itself:
// it keeps every option, handler and call, and lets a test fire the events Electron would.
import type { BrowserWindowConstructorOptions } from 'electron';
import type { HostDesk, HostElectron, HostWebContents } from '../../electron/host-electron/electron-host';
import type { SafeStorageParts } from '../../electron/host-electron/safe-storage-key-protector';

type Listener = (...args: never[]) => unknown;

export interface FakeWindow {
  options: BrowserWindowConstructorOptions;
  /** Every call on the window, in order, e.g. 'setContentProtection:true', 'show'. */
  calls: string[];
  /** What Electron does once the page has painted. */
  fireReadyToShow(): void;
}

export interface Recording {
  /** Every call on app, in order: 'enableSandbox', 'requestSingleInstanceLock', 'whenReady', 'quit', 'exit:2'. */
  app: string[];
  appListeners: Map<string, Listener[]>;
  windows: FakeWindow[];
  errorBoxes: [string, string][];
  ipc: Map<string, (event: { senderFrame: { url: string } | null }, ...args: unknown[]) => unknown>;
  permissionRequest?: Parameters<HostElectron['session']['defaultSession']['setPermissionRequestHandler']>[0];
  permissionCheck?: Parameters<HostElectron['session']['defaultSession']['setPermissionCheckHandler']>[0];
  headers?: Parameters<HostElectron['session']['defaultSession']['webRequest']['onHeadersReceived']>[0];
}

export interface FakeElectronOptions {
  singleInstance?: boolean;
  packaged?: boolean;
  safeStorage?: SafeStorageParts;
  /** Throws from the BrowserWindow constructor (a failure after the desk has started). */
  windowFails?: boolean;
}

export function fakeElectron(options: FakeElectronOptions = {}): { electron: HostElectron; record: Recording } {
  const record: Recording = { app: [], appListeners: new Map(), windows: [], errorBoxes: [], ipc: new Map() };
  const on = (event: string, listener: Listener) => {
    record.appListeners.set(event, [...(record.appListeners.get(event) ?? []), listener]);
  };
  const app: HostElectron['app'] = {
    isPackaged: options.packaged ?? true,
    enableSandbox: () => void record.app.push('enableSandbox'),
    requestSingleInstanceLock: () => (record.app.push('requestSingleInstanceLock'), options.singleInstance ?? true),
    whenReady: () => (record.app.push('whenReady'), Promise.resolve()),
    quit: () => void record.app.push('quit'),
    exit: (code) => void record.app.push(`exit:${code}`),
    on,
  };
  class BrowserWindow {
    private readonly readyToShow: (() => void)[] = [];
    private readonly window: FakeWindow;
    constructor(windowOptions: BrowserWindowConstructorOptions) {
      if (options.windowFails) throw new Error('no display');
      this.window = { options: windowOptions, calls: [], fireReadyToShow: () => this.readyToShow.forEach((f) => f()) };
      record.windows.push(this.window);
    }
    setContentProtection(enable: boolean) {
      this.window.calls.push(`setContentProtection:${enable}`);
    }
    once(event: string, listener: () => void) {
      this.window.calls.push(`once:${event}`);
      if (event === 'ready-to-show') this.readyToShow.push(listener);
    }
    show() {
      this.window.calls.push('show');
    }
    async loadFile(path: string) {
      this.window.calls.push(`loadFile:${path}`);
    }
  }
  const electron: HostElectron = {
    app,
    BrowserWindow,
    dialog: { showErrorBox: (title, content) => void record.errorBoxes.push([title, content]) },
    ipcMain: { handle: (channel, listener) => void record.ipc.set(channel, listener) },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (handler) => void (record.permissionRequest = handler),
        setPermissionCheckHandler: (handler) => void (record.permissionCheck = handler),
        webRequest: { onHeadersReceived: (listener) => void (record.headers = listener) },
      },
    },
    safeStorage: options.safeStorage ?? fakeSafeStorage({ available: false }),
  };
  return { electron, record };
}

/** A web contents as 'web-contents-created' hands it over; each method says what the host did. */
export function fakeWebContents() {
  const listeners = new Map<string, Listener[]>();
  let openHandler: (() => { action: string }) | undefined;
  const contents: HostWebContents = {
    on: (event: string, listener: Listener) => void listeners.set(event, [...(listeners.get(event) ?? []), listener]),
    setWindowOpenHandler: (handler) => void (openHandler = handler),
  };
  /** Fires `event` as Electron would; true when some listener called preventDefault. */
  const fire = (event: string, ...args: unknown[]): boolean => {
    let prevented = false;
    const e = { preventDefault: () => void (prevented = true) };
    for (const listener of listeners.get(event) ?? []) (listener as (...a: unknown[]) => unknown)(e, ...args);
    return prevented;
  };
  return {
    contents,
    listened: (event: string) => (listeners.get(event) ?? []).length > 0,
    navigate: (url: string) => fire('will-navigate', url),
    redirect: (url: string) => fire('will-redirect', url),
    attachWebview: () => fire('will-attach-webview', {}, {}),
    open: () => openHandler?.(),
    openHandlerSet: () => openHandler !== undefined,
  };
}

export interface FakeSafeStorageOptions {
  available?: boolean;
  backend?: ReturnType<SafeStorageParts['getSelectedStorageBackend']>;
  /** Throws when asked for the storage backend, as a reminder that the call only means something on Linux. */
  backendThrows?: boolean;
}

/** Stands in for safeStorage: a keyed XOR behind a 'v10' prefix (Chromium's), that only it can undo. */
export function fakeSafeStorage(options: FakeSafeStorageOptions = {}): SafeStorageParts & { calls: string[] } {
  const calls: string[] = [];
  const flip = (b: Buffer) => Buffer.from(b.map((x) => x ^ 0xa5));
  return {
    calls,
    isEncryptionAvailable: () => (calls.push('isEncryptionAvailable'), options.available ?? true),
    getSelectedStorageBackend: () => {
      calls.push('getSelectedStorageBackend');
      if (options.backendThrows) throw new Error('getSelectedStorageBackend is Linux only');
      return options.backend ?? 'gnome_libsecret';
    },
    encryptString: (plain) => (
      calls.push('encryptString'),
      Buffer.concat([Buffer.from('v10'), flip(Buffer.from(plain, 'utf8'))])
    ),
    decryptString: (encrypted) => {
      calls.push('decryptString');
      if (encrypted.subarray(0, 3).toString() !== 'v10')
        throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
      return flip(encrypted.subarray(3)).toString('utf8');
    },
  };
}

/** A desk that records the calls it is given and whether it was closed. */
export function fakeDesk(updateUrl = 'https://updates.bank.example/desk/') {
  const calls: [string, unknown][] = [];
  let closed = 0;
  const desk: HostDesk = {
    call: async (name, input) => (calls.push([name, input]), { ok: true, value: { answered: name } }),
    close: () => void closed++,
  };
  return { desk, updateUrl, calls, closed: () => closed };
}
