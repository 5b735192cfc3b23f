// Auto-update from the URL IT sets in policy (electron-updater, generic provider). No URL, or an
// unpackaged run: no update check.
import { autoUpdater } from 'electron-updater';

export function startAutoUpdate(updateUrl: string, packaged: boolean): void {
  if (!updateUrl || !packaged) return;
  autoUpdater.setFeedURL({ provider: 'generic', url: updateUrl });
  autoUpdater.autoDownload = true;
  autoUpdater.autoInstallOnAppQuit = true;
  autoUpdater.on('error', (e) => console.error('[updater]', e.message));
  void autoUpdater.checkForUpdates().catch((e: Error) => console.error('[updater]', e.message));
}
