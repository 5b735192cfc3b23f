// Runs the Electron smoke test where the Electron binary exists; elsewhere says so loudly.
// Native modules are built for Node (the unit tests need that); Electron needs them built for its
// own ABI, so they are rebuilt for Electron before the run and back for Node after it.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { electronBinary } from '../../native/electron-binary';

const root = join(__dirname, '..', '..');
const electron = electronBinary();
if (!electron.path) {
  console.log('');
  console.log('==================================================================');
  console.log(`SKIPPED: no Electron binary (${electron.why}).`);
  console.log('The Electron smoke test (window opens, preload exposes the contract,');
  console.log('insecure options off, navigation locked) runs wherever the binary exists.');
  console.log('==================================================================');
  process.exit(0);
}

const run = (cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env) =>
  spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env }).status ?? 1;

let status = run('npx', ['electron-builder', 'install-app-deps']);
if (status === 0) {
  status = run('npx', ['playwright', 'test', '-c', 'test/electron/playwright.config.ts'], {
    ...process.env,
    BRANCH_DESK_ELECTRON: electron.path,
  });
}
const restored = run('npm', ['rebuild', 'better-sqlite3']);
process.exit(status || restored);
