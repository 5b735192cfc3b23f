// SANE configurations for the scanner tests, each in its own folder (SANE_CONFIG_DIR): only the
// `test` backend (Debian sane-utils), its options set as a test needs them; or no backend at all.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** test.conf options by name (read-status-code, read-delay…), each replacing the shipped line. */
export type SaneTestOptions = Record<string, string>;

/** A folder with SANE's test backend alone, its pages a colour pattern, `options` applied. */
export function saneTestConfig(options: SaneTestOptions = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'sane-'));
  writeFileSync(join(dir, 'dll.conf'), 'test\n');
  let conf = readFileSync('/etc/sane.d/test.conf', 'utf8');
  for (const [name, value] of Object.entries({ 'test-picture': '"Color pattern"', ...options }))
    conf = conf.replace(new RegExp(`^${name} .*$`, 'm'), `${name} ${value}`);
  writeFileSync(join(dir, 'test.conf'), conf);
  return dir;
}

/** A folder with no SANE backend: no local scanner at all. */
export function noSaneConfig(): string {
  const dir = mkdtempSync(join(tmpdir(), 'sane-none-'));
  writeFileSync(join(dir, 'dll.conf'), '');
  return dir;
}
