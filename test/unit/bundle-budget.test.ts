// The first page's script stays within its budget: 300 KiB gzipped. pdf.js's display layer loads
// only when a PDF is drawn, and the chart library only when a chart is (each its own script); zod
// comes without its locales.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

export const FIRST_JS_BUDGET_KIB = 300;
const dist = join(__dirname, '..', '..', 'dist', 'renderer');

test(`the first page's script is at most ${FIRST_JS_BUDGET_KIB} KiB gzipped, without pdf.js, Chart.js and zod's locales`, () => {
  const app = join(dist, 'app.js');
  assert.ok(existsSync(app), 'run "npm run build" first');
  const code = readFileSync(app);
  const kib = gzipSync(code, { level: 9 }).length / 1024;
  console.log(`[figures] first_js_kib_gz ${kib.toFixed(1)}`);
  assert.ok(kib <= FIRST_JS_BUDGET_KIB, `app.js is ${kib.toFixed(1)} KiB gzipped`);
  const text = code.toString('utf8');
  assert.ok(!text.includes('GlobalWorkerOptions'), 'pdf.js is in the first script');
  assert.ok(
    readFileSync(join(dist, 'pdfjs', 'pdf-view.js'), 'utf8').includes('GlobalWorkerOptions'),
    'the PDF script carries pdf.js',
  );
  assert.ok(!/Zu klein|Trop grand/.test(text), "zod's locales are in the first script");
  assert.ok(!text.includes('Chart.js v'), 'Chart.js is in the first script');
  assert.ok(
    readFileSync(join(dist, 'charts', 'charts.js'), 'utf8').includes('Chart.js v'),
    'the chart script carries Chart.js',
  );
});
