// The OS-conventional place for the desk's data (the same places Electron's userData uses),
// overridable for tests and for IT.
import { homedir } from 'node:os';
import { join } from 'node:path';

export const DATA_DIR_ENV = 'BRANCH_DESK_DATA_DIR';
const APP_DIR = 'BranchDesk';

export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  const override = env[DATA_DIR_ENV];
  if (override) return override;
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), APP_DIR);
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', APP_DIR);
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'branch-desk');
}
