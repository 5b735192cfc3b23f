// The form door through the contract (cases.addPages) on a real desk: hostile files are refused in
// the intake worker with their own message while the desk keeps answering; accepted files are stored
// re-encoded, with nothing but the pages left.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import sharp from 'sharp';
import { PDFDocument } from 'pdf-lib';
import { ADMIN, OFFICER, deskFixture, errorCode, type DeskFixture, newDraft } from '../support/desk-fixture';
import { formPage, formPdf } from '../support/forms';
import { hostileFiles, objectFlood, objectStreamBomb, pageTreeBomb, PAYLOAD_MARKERS } from '../support/hostile-files';
import { runIntake } from '../../electron/main/intake/intake-runner';
import { INTAKE_LIMITS } from '../../electron/main/intake/intake-limits';
import { taiwanDay } from '../../common/taiwan-day';

const TODAY = taiwanDay(new Date());
const desks: DeskFixture[] = [];
after(() => desks.forEach((d) => d.dispose()));

async function officerDesk() {
  const f = deskFixture();
  desks.push(f);
  await f.ok('setup.createAdmin', ADMIN);
  await f.addStaff(OFFICER);
  await f.ok('auth.login', { employeeId: OFFICER.employeeId, password: OFFICER.password });
  return f;
}

async function draft(f: DeskFixture) {
  const c = await newDraft(f, ['T50']);
  return c.id;
}

const addFile = (f: DeskFixture, caseId: number, fileName: string, bytes: Buffer) =>
  f.call('cases.addPages', { caseId, fileName, dataBase64: bytes.toString('base64') });

const formFiles = (f: DeskFixture, caseId: number) => {
  try {
    return readdirSync(join(f.dataDir, 'forms', String(caseId)));
  } catch {
    return [];
  }
};

/** Runs `work` while asking desk.info every 10 ms; returns the slowest answer and the longest
 * event-loop stall seen meanwhile. */
async function whileWatching<T>(
  f: DeskFixture,
  work: () => Promise<T>,
): Promise<{ result: T; slowestInfoMs: number; maxStallMs: number }> {
  const loop = monitorEventLoopDelay({ resolution: 5 });
  loop.enable();
  let slowestInfoMs = 0;
  let done = false;
  const prober = (async () => {
    while (!done) {
      const started = performance.now();
      await f.call('desk.info', {});
      slowestInfoMs = Math.max(slowestInfoMs, performance.now() - started);
      await new Promise((r) => setTimeout(r, 10));
    }
  })();
  const result = await work();
  done = true;
  await prober;
  loop.disable();
  return { result, slowestInfoMs, maxStallMs: loop.max / 1e6 };
}

test('every hostile file is refused with its own message in the intake worker; nothing is stored; the desk answers within 100 ms throughout', async () => {
  const f = await officerDesk();
  const caseId = await draft(f);
  const files = (await hostileFiles()).filter((h) => h.refusal !== null);
  let slowest = 0;
  let longestStall = 0;
  for (const file of files) {
    const { result, slowestInfoMs, maxStallMs } = await whileWatching(f, () =>
      addFile(f, caseId, file.name, file.bytes),
    );
    assert.equal(errorCode(result), 'FILE_REJECTED', file.name);
    const message = !result.ok ? result.error.message : { 'zh-TW': '', en: '' };
    assert.match(message['zh-TW'], file.refusal!, `${file.name}: ${message['zh-TW']}`);
    assert.ok(message['zh-TW'].includes(file.name) && message.en.includes(file.name), 'the message names the file');
    slowest = Math.max(slowest, slowestInfoMs);
    longestStall = Math.max(longestStall, maxStallMs);
  }
  assert.equal((await f.ok('cases.get', { caseId })).pages.length, 0);
  assert.deepEqual(formFiles(f, caseId), []);
  console.log(
    `[figures] hostile files refused: ${files.length}/${files.length}; slowest desk.info ${slowest.toFixed(1)} ms; longest event-loop stall ${longestStall.toFixed(1)} ms`,
  );
  assert.ok(slowest < 100, `desk.info took ${slowest.toFixed(1)} ms during a hostile import`);
});

test('five bombs, a 48-megapixel scan and a PDF of 90,000 objects at once: bombs refused, the rest stored, the desk answers within 100 ms throughout', async () => {
  const f = await officerDesk();
  const caseId = await draft(f);
  const bomb = await objectStreamBomb();
  const tree = pageTreeBomb(8, 1);
  // Seconds of decoding and encoding: on the desk's own thread this alone would stall it.
  // …and seconds of pdf-lib parsing, which is JavaScript: on the desk's thread it would stall it.
  const scan = await formPage('LARGE', 6000, 8000);
  const objects = objectFlood(90_000);
  const { result, slowestInfoMs, maxStallMs } = await whileWatching(f, () =>
    Promise.all(
      [bomb, tree, scan, objects, bomb, tree, bomb].map((bytes, i) => addFile(f, caseId, `file-${i}`, bytes)),
    ),
  );
  assert.deepEqual(result.map(errorCode), [
    'FILE_REJECTED',
    'FILE_REJECTED',
    undefined,
    undefined,
    'FILE_REJECTED',
    'FILE_REJECTED',
    'FILE_REJECTED',
  ]);
  console.log(
    `[figures] five bombs, a large scan and 90,000 objects at once: slowest desk.info ${slowestInfoMs.toFixed(1)} ms; longest stall ${maxStallMs.toFixed(1)} ms`,
  );
  assert.ok(slowestInfoMs < 100, `desk.info took ${slowestInfoMs.toFixed(1)} ms`);
});

test('accepted files are stored re-encoded: a ZIP behind a PNG, HTML behind a PDF, scripts, attachments, links and EXIF are gone', async () => {
  const f = await officerDesk();
  const caseId = await draft(f);
  for (const file of (await hostileFiles()).filter((h) => h.refusal === null)) {
    const original = file.bytes.toString('latin1');
    assert.ok(
      PAYLOAD_MARKERS.some((m) => original.includes(m)),
      `${file.name} carries a payload to remove`,
    );
    const detail = await addFile(f, caseId, file.name, file.bytes);
    assert.ok(detail.ok, `${file.name} was refused`);
    const page = detail.value.pages.at(-1)!;
    const stored = Buffer.from((await f.ok('cases.page', { caseId, pageId: page.id })).dataBase64, 'base64');
    const text = stored.toString('latin1');
    for (const marker of PAYLOAD_MARKERS) assert.ok(!text.includes(marker), `${file.name} still holds ${marker}`);
    if (page.mediaType === 'application/pdf')
      assert.equal((await PDFDocument.load(stored)).getPageCount(), page.pageCount);
    else assert.equal((await sharp(stored).metadata()).width, page.width);
  }
});

test('good forms: PNG, JPEG and each TIFF page become one compact PDF page each (what JCIC gets), a PDF is rebuilt page for page; the 20-page limit holds', async () => {
  const f = await officerDesk();
  const caseId = await draft(f);
  const png = await formPage('p');
  const jpeg = await sharp(png).jpeg({ quality: 80 }).toBuffer();
  const tiff = await sharp(await formPage('t'))
    .tiff()
    .toBuffer();
  const byName = async (name: string, bytes: Buffer) => {
    const r = await addFile(f, caseId, name, bytes);
    assert.ok(r.ok, name);
    return r.value.pages.at(-1)!;
  };
  // The type comes from the content, not the name: a PNG called .jpg is read as the PNG it is.
  const fromPng = await byName('scan.jpg', png);
  assert.deepEqual([fromPng.mediaType, fromPng.width, fromPng.pageCount], ['application/pdf', 1654, 1]);
  assert.equal((await byName('scan.png', jpeg)).mediaType, 'application/pdf');
  const t = await byName('scan.tif', tiff);
  assert.deepEqual([t.mediaType, t.width], ['application/pdf', 1654]);
  const pdf = await byName('form.pdf', await formPdf(2));
  assert.deepEqual([pdf.mediaType, pdf.pageCount], ['application/pdf', 2]);
  // 5 pages so far: a 16-page PDF is one too many, and says how many fit.
  const over = await addFile(f, caseId, 'big.pdf', await formPdf(16));
  assert.equal(errorCode(over), 'FILE_REJECTED');
  assert.match(!over.ok ? over.error.message['zh-TW'] : '', /共 16 頁，超過本案件尚可加入的 15 頁/);
  assert.ok((await addFile(f, caseId, 'fits.pdf', await formPdf(15))).ok);
  assert.equal(errorCode(await addFile(f, caseId, 'one-more.png', png)), 'TOO_MANY_PAGES');
});

test('the limits stop the worker itself: too slow, too much memory, a heap too small', async () => {
  const pdf = await formPdf(3);
  const slow = await runIntake(pdf, 20, { today: TODAY, limits: { ...INTAKE_LIMITS, timeoutMs: 1 } });
  assert.deepEqual(slow.ok ? null : [slow.code, slow.params.seconds], ['too-slow', 0]);
  const greedy = await runIntake(await formPage('m', 6000, 8000), 20, {
    today: TODAY,
    limits: { ...INTAKE_LIMITS, rssGrowthMb: 8 },
  });
  assert.equal(greedy.ok ? null : greedy.code, 'too-much-memory');
  const tight = await runIntake(pdf, 20, { today: TODAY, limits: { ...INTAKE_LIMITS, heapMb: 2 } });
  assert.equal(tight.ok ? null : tight.code, 'too-much-memory');
  // The desk's own limits let a real form through.
  assert.equal((await runIntake(pdf, 20, { today: TODAY })).ok, true);
});

test('the bundled intake worker (what the desktop app runs, beside dist/electron/main.js) checks a file too', async () => {
  const { Worker } = await import('node:worker_threads');
  const bundle = join(__dirname, '..', '..', 'dist', 'electron', 'intake-worker.js');
  const worker = new Worker(bundle);
  try {
    const answer = await new Promise<{ ok: boolean; code?: string }>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
      worker.postMessage({ bytes: pageTreeBomb(8, 1), room: 20, asPdf: false });
    });
    assert.deepEqual([answer.ok, answer.code], [false, 'pdf-page-tree']);
  } finally {
    await worker.terminate();
  }
});
