// The desktop app's update installer: electron-updater's generic provider on the policy's update URL,
// doing only what the desk decides (electron/main/updates/update-service.ts): no download of its own
// accord, no install on quit unless the officer chose it. The desk has already verified the bank's
// signature on the metadata; it checks the downloaded file against that metadata again after
// electron-updater's own sha512 (and, on Windows, its publisher check). Unpackaged, or without a URL:
// none.
import { autoUpdater } from 'electron-updater';
import type { UpdateInstaller } from '../main/updates/update-service';

export function updateInstaller(updateUrl: string, packaged: boolean): UpdateInstaller | null {
  if (!updateUrl || !packaged) return null;
  autoUpdater.setFeedURL({ provider: 'generic', url: updateUrl });
  // Deliberate, not unfinished: the desk decides (update-service.ts) when a release is fetched, only
  // after the bank's signature on its metadata verified, and when it installs, as the officer chose.
  autoUpdater.autoDownload = false;
  autoUpdater.autoInstallOnAppQuit = false;
  autoUpdater.on('error', (e: Error) => console.error('[updater]', e.message));
  return {
    async download(release, onProgress) {
      const found = await autoUpdater.checkForUpdates();
      // The server could have changed between the desk's signed read and this one.
      if (found?.updateInfo.version !== release.version)
        throw new Error(`electron-updater sees ${found?.updateInfo.version ?? 'nothing'}, not ${release.version}`);
      const progress = (p: { percent: number }) => onProgress(p.percent);
      autoUpdater.on('download-progress', progress);
      try {
        const [file] = await autoUpdater.downloadUpdate();
        if (!file) throw new Error('electron-updater downloaded no file');
        return file;
      } finally {
        autoUpdater.off('download-progress', progress);
      }
    },
    installNow: () => autoUpdater.quitAndInstall(false, true),
    installAtClose: () => {
      autoUpdater.autoInstallOnAppQuit = true;
    },
  };
}
