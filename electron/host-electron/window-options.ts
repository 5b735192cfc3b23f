// The window's security settings and navigation rule, as plain data and a pure function so they
// are unit-tested here even where no Electron binary exists. Importing only types from electron.
import type { BrowserWindowConstructorOptions } from 'electron';

export const IPC_CHANNEL = 'branch-desk:call';

export function secureWindowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 860,
    minWidth: 960,
    minHeight: 640,
    title: '分行授權查詢桌面 Branch Desk',
    show: false,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      spellcheck: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
    },
  };
}

/** The renderer may show only its own page: any navigation elsewhere is refused. */
export function isAllowedNavigation(target: string, rendererUrl: string): boolean {
  try {
    const a = new URL(target);
    const b = new URL(rendererUrl);
    return a.protocol === b.protocol && a.host === b.host && a.pathname === b.pathname;
  } catch {
    return false;
  }
}
