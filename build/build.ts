// Builds the bundles: the renderer (one script, one stylesheet, index.html with the CSP) and the
// Electron main and preload. `--renderer` builds only the renderer.
import { build } from 'esbuild';
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONTENT_SECURITY_POLICY } from '../electron/main/security';
import { RUNTIME_MODULES } from './runtime-modules';

const root = join(__dirname, '..');
const out = join(root, 'dist');
const rendererOnly = process.argv.includes('--renderer');

/** One classic script for the browser (an IIFE: it loads the same from the web host and from the
 * Electron window's file:// page, under script-src 'self'). */
const classicScript = (name: string, entry: string, dir: string, extra: Parameters<typeof build>[0] = {}) =>
  build({
    entryPoints: { [name]: entry },
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'chrome120',
    outdir: join(out, dir),
    minify: true,
    sourcemap: true,
    logLevel: 'warning',
    ...extra,
  });

async function main(): Promise<void> {
  mkdirSync(join(out, 'renderer'), { recursive: true });
  await classicScript('app', join(root, 'renderer/main.tsx'), 'renderer', {
    jsx: 'automatic',
    define: { 'process.env.NODE_ENV': '"production"' },
  });
  // pdf.js's worker as a classic script (its package ships an ES module), so it starts the same
  // way from the web host and from the Electron window's file:// page; its decoders' data files
  // sit next to it. WebAssembly stays off (see renderer/pdf/render-pdf.ts): no .wasm is copied.
  const pdfjs = join(root, 'node_modules/pdfjs-dist');
  await classicScript('pdf.worker', join(pdfjs, 'build/pdf.worker.mjs'), 'renderer/pdfjs', { sourcemap: false });
  // The PDF drawing code (pdf.js's display layer) as its own script, loaded on first use.
  await classicScript('pdf-view', join(root, 'renderer/pdf/pdf-view-entry.ts'), 'renderer/pdfjs');
  // The chart library (Chart.js, for the statistics screen) as its own script, loaded on first use
  // (renderer/charts/load-charts.ts).
  await classicScript('charts', join(root, 'renderer/charts/charts-entry.ts'), 'renderer/charts');
  for (const dir of ['standard_fonts', 'cmaps'])
    cpSync(join(pdfjs, dir), join(out, 'renderer/pdfjs', dir), { recursive: true });
  cpSync(join(pdfjs, 'wasm/openjpeg_nowasm_fallback.js'), join(out, 'renderer/pdfjs/wasm/openjpeg_nowasm_fallback.js'));
  await build({
    entryPoints: { app: join(root, 'renderer/styles.css') },
    bundle: true,
    outdir: join(out, 'renderer'),
    minify: true,
    logLevel: 'warning',
  });
  // frame-ancestors only works as a header (the web host sends it); a <meta> policy must leave it out.
  const metaPolicy = CONTENT_SECURITY_POLICY.split('; ')
    .filter((d) => !d.startsWith('frame-ancestors'))
    .join('; ');
  const html = readFileSync(join(root, 'renderer/index.html'), 'utf8').replace('%CSP%', metaPolicy);
  writeFileSync(join(out, 'renderer/index.html'), html);
  if (rendererOnly) return;

  const node = {
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: true,
    logLevel: 'warning',
  } as const;
  await build({
    ...node,
    entryPoints: [join(root, 'electron/host-electron/main.ts')],
    outfile: join(out, 'electron/main.js'),
    external: ['electron', ...RUNTIME_MODULES],
  });
  // The main process's helpers, each bundled beside main.js (workers/start-worker.ts and the
  // process clients find them there): untrusted files are checked in a worker thread; WAL
  // checkpoints run in a worker with a connection of their own; PC/SC runs in the card service
  // process (a stopped smart-card service can block its calls); the card's PKCS#11 module loads only
  // in the signer process (C_Login blocks its thread); a full audit verification runs in a worker; the
  // training card's keys and certificates are made in one; a paper form is made into the one PDF
  // JCIC gets in one.
  for (const entry of [
    'intake/intake-worker',
    'store/checkpoint-worker',
    'card/card-service-process',
    'esign/signer-process',
    'audit/audit-verify-worker',
    'cardcheck/crl-worker',
    'esign/training/training-pki-worker',
    'esign/c3-file-worker',
    'jcic/form-combine-worker',
    'stats/stats-worker',
  ]) {
    await build({
      ...node,
      entryPoints: [join(root, `electron/main/${entry}.ts`)],
      outfile: join(out, `electron/${entry.split('/').pop()}.js`),
      external: [...RUNTIME_MODULES],
    });
  }
  await build({
    ...node,
    entryPoints: [join(root, 'electron/host-electron/preload.ts')],
    outfile: join(out, 'electron/preload.js'),
    external: ['electron'],
  });
  // The sandbox JCIC runs as its own process, started by the desk (or by `npm run sandbox`).
  await build({
    ...node,
    entryPoints: [join(root, 'sandbox/jcic/main.ts')],
    outfile: join(out, 'sandbox/jcic.js'),
    external: ['better-sqlite3'],
  });
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
