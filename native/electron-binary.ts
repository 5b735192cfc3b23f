// Finds the Electron binary the `electron` npm package would run, without triggering its
// download (the package fetches the binary lazily on first use).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export function electronBinary(): { path: string | null; why: string } {
  let packageDir: string;
  try {
    packageDir = dirname(require.resolve('electron/package.json'));
  } catch {
    return { path: null, why: 'the electron package is not installed' };
  }
  const pathFile = join(packageDir, 'path.txt');
  if (!existsSync(pathFile)) return { path: null, why: 'the Electron binary has not been downloaded' };
  const binary = join(packageDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? { path: binary, why: 'present' } : { path: null, why: `missing ${binary}` };
}

export function electronInstaller(): string | null {
  try {
    return join(dirname(require.resolve('electron/package.json')), 'install.js');
  } catch {
    return null;
  }
}
