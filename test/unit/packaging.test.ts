// The packaging configuration (build/electron-builder.yml) as electron-builder will read it: valid
// against electron-builder's own schema, a per-user NSIS installer and a per-machine MSI, the fuses
// that keep the binary to this app, the native modules and run-time data unpacked from the ASAR,
// the files and icon it packs present after `npm run build`; and `npm run dist` saying what this
// machine cannot build, and why.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { load } from 'js-yaml';
import sharp from 'sharp';
import { RUNTIME_MODULES } from '../../build/runtime-modules';
import { planDist, TARGETS } from '../../build/dist';

const root = join(__dirname, '..', '..');
type Config = Record<string, unknown> & {
  asarUnpack: string[];
  files: string[];
  electronFuses: Record<string, boolean>;
  win: { target: string[]; icon: string; signtoolOptions: { publisherName: string; signingHashAlgorithms: string[] } };
  nsis: Record<string, unknown>;
  msi: Record<string, unknown>;
  linux: { target: string[]; icon: string };
};
const config = load(readFileSync(join(root, 'build/electron-builder.yml'), 'utf8')) as Config;

test("the configuration is valid against electron-builder's schema", () => {
  const schema = JSON.parse(readFileSync(join(root, 'node_modules/app-builder-lib/scheme.json'), 'utf8'));
  const ajv = new Ajv({ strict: false, allErrors: true, allowUnionTypes: true });
  const valid = ajv.validate(schema, config);
  assert.ok(valid, ajv.errorsText(ajv.errors, { separator: '\n' }));
  // A misspelt option is refused (the schema forbids unknown properties): the check can fail.
  assert.equal(ajv.validate(schema, { ...config, nsis: { ...config.nsis, perMachines: false } }), false);
});

test('Windows: a per-user NSIS installer by default and a per-machine MSI for IT; Linux: AppImage and deb', () => {
  assert.deepEqual(config.win.target, ['nsis', 'msi']);
  assert.equal(config.nsis.perMachine, false, 'no admin rights needed');
  assert.equal(config.nsis.allowElevation, false);
  assert.equal(config.msi.perMachine, true);
  assert.match(String(config.msi.upgradeCode), /^[0-9a-f-]{36}$/, 'a fixed upgrade code: an MSI upgrades its own');
  assert.equal(config.nsis.shortcutName, '分行授權查詢桌面');
  assert.equal(config.productName, 'Branch Desk');
  assert.deepEqual(config.linux.target, ['AppImage', 'deb']);
  // Code signing from the environment; the publisher name electron-updater pins updates to.
  assert.equal(config.win.signtoolOptions.publisherName, '${env.BRANCH_DESK_PUBLISHER}');
  assert.deepEqual(config.win.signtoolOptions.signingHashAlgorithms, ['sha256']);
  assert.doesNotMatch(
    readFileSync(join(root, 'build/electron-builder.yml'), 'utf8'),
    /cscKeyPassword|certificatePassword/,
  );
});

test('the fuses keep the binary to this app: no Node mode, no NODE_OPTIONS or inspector, the ASAR only and checked, cookies encrypted', () => {
  assert.deepEqual(config.electronFuses, {
    runAsNode: false,
    enableNodeOptionsEnvironmentVariable: false,
    enableNodeCliInspectArguments: false,
    enableEmbeddedAsarIntegrityValidation: true,
    onlyLoadAppFromAsar: true,
    enableCookieEncryption: true,
  });
});

test('the native modules and what is loaded by path are unpacked from the ASAR, and exist', () => {
  const unpacked = config.asarUnpack.filter((p) => p.startsWith('node_modules/')).map((p) => p.slice(13, -3));
  // Pure JavaScript, read from inside the ASAR: electron-updater, pdf-lib.
  const needOutside = RUNTIME_MODULES.filter((m) => m !== 'electron-updater' && m !== 'pdf-lib');
  for (const m of needOutside) assert.ok(unpacked.includes(m), `${m} is unpacked`);
  // A scope (@img: sharp's libvips for this platform) holds packages; anything else is one.
  for (const m of unpacked)
    assert.ok(
      existsSync(join(root, 'node_modules', m, m.includes('/') || !m.startsWith('@') ? 'package.json' : '')),
      `${m} is installed`,
    );
  assert.ok(existsSync(join(root, 'node_modules/better-sqlite3/build/Release/better_sqlite3.node')));
  assert.ok(existsSync(join(root, 'node_modules/@tesseract.js-data/eng/4.0.0_best_int/eng.traineddata.gz')));
});

test('what is packed exists after npm run build: the bundles, the renderer, the icon', async () => {
  for (const file of ['dist/electron/main.js', 'dist/electron/preload.js', 'dist/renderer/index.html', 'package.json'])
    assert.ok(existsSync(join(root, file)), `${file} (run npm run build first)`);
  assert.deepEqual(config.files, ['dist/**', '!dist/**/*.map', 'package.json']);
  const icon = await sharp(join(root, 'build', config.win.icon)).metadata();
  assert.deepEqual([icon.width, icon.height], [512, 512]);
});

test('npm run dist says what this machine cannot build, and why', () => {
  const here = planDist({ platform: 'linux', electronAvailable: false, electronSource: 'https://github.com/…' });
  assert.equal(here.length, TARGETS.length);
  assert.ok(here.every((p) => !p.buildable));
  const why = (name: string) => {
    const plan = here.find((p) => p.target.name.startsWith(name))!;
    return plan.buildable ? '' : plan.why;
  };
  assert.match(why('Windows NSIS'), /built on Windows/);
  assert.match(why('Linux AppImage'), /Electron binary .* cannot be downloaded/);
  const online = planDist({ platform: 'linux', electronAvailable: true, electronSource: '' });
  assert.deepEqual(
    online.filter((p) => p.buildable).map((p) => p.target.name),
    ['Linux AppImage', 'Linux deb'],
  );
  // The command itself, on this machine: one line per target, each built or said why not.
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'build/dist.ts', '--check'], {
    cwd: root,
    encoding: 'utf8',
  });
  const lines = run.stdout.split('\n').filter((l) => /^(can build|cannot build here)/.test(l));
  assert.equal(lines.length, TARGETS.length, run.stdout + run.stderr);
  assert.ok(
    lines.some((l) => /^cannot build here: Windows MSI .* built on Windows/.test(l)) || process.platform === 'win32',
  );
  assert.equal(run.status, lines.some((l) => l.startsWith('can build')) ? 0 : 2);
});
