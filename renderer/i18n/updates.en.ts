import type { updatesZhTW } from './updates.zh-TW';
import type { Shape } from './shape';

export const updatesEn: Shape<typeof updatesZhTW> = {
  title: 'Version and updates',
  current: 'This version',
  available: 'New version to install',
  none: 'None',
  lastCheck: 'Last checked',
  never: 'Not checked yet',
  check: 'Check for updates now',
  checking: 'Checking…',
  installNow: 'Install now and restart',
  installAtClose: 'Install when the desk closes',
  atCloseChosen: 'Version {{version}} will be installed when the desk closes',
  required: "This version is older than IT's minimum: install the update soon",
  downloading: 'Downloading the update ({{percent}}%)…',
  ready: 'Version {{version}} is downloaded and ready to install',
  downloadProblem: {
    incomplete: 'The update did not download completely; it is downloaded again at the next check',
    altered:
      'The downloaded update is not the one the bank signed, so it was not kept; it is downloaded again at the next check',
    publisher:
      "The update's code signature is not from the bank's pinned publisher, so it will not be installed; please tell IT",
    failed: 'The update download failed; it is downloaded again at the next check',
  },
  browserMode: 'Updates cannot be installed in the browser mode: use the desktop app',
  outcome: {
    not_configured: 'The IT policy names no update server',
    update: 'A new version is available',
    current: 'This is the latest version',
    staged_out: 'A new version is being rolled out in stages; this PC is not in the current stage',
    paused: 'IT has paused updates',
    refused: "The update metadata failed the bank's signature check and was refused: tell IT",
    below_minimum: 'The update server has no version that meets the minimum: tell IT',
    unreachable: 'The update server did not answer; the desk will try again later',
  },
};
