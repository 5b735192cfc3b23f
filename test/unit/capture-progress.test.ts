// What the screen says while a capture runs, and a scan cancelled, through the contract on the
// desk's real intake and SANE's test backend (slowed down so that the scan is still running when it
// is asked about): a two-page TIFF reports each page being checked and its ID being read; a scan
// reports the scanner at work, can be cancelled then, and imports nothing, in the officer's words.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import sharp from 'sharp';
import { ADMIN, OFFICER, deskFixture, errorCode, newDraft, type DeskFixture } from '../support/desk-fixture';
import { capturedForm } from '../support/capture-forms';
import { saneTestConfig } from '../support/sane-config';

let f: DeskFixture;
const saved = process.env.SANE_CONFIG_DIR;
before(async () => {
  // A slow scanner: small reads, each after a pause (a page takes seconds, time to cancel it).
  process.env.SANE_CONFIG_DIR = saneTestConfig({
    'read-limit': 'true',
    'read-limit-size': '4096',
    'read-delay': 'true',
    'read-delay-duration': '200000',
    'test-picture': '"Solid black"',
  });
  f = deskFixture({ branchCode: '0123' });
  await f.ok('setup.createAdmin', ADMIN);
  await f.addStaff(OFFICER);
  await f.ok('auth.login', { employeeId: OFFICER.employeeId, password: OFFICER.password });
});
after(() => {
  f?.dispose();
  if (saved === undefined) delete process.env.SANE_CONFIG_DIR;
  else process.env.SANE_CONFIG_DIR = saved;
});

/** Every distinct answer of cases.captureProgress while `running` has not settled. */
async function watched<T>(caseId: number, running: Promise<T>): Promise<{ result: T; seen: string[] }> {
  const seen: string[] = [];
  let done = false;
  const settled = running.finally(() => (done = true));
  while (!done) {
    const p = await f.ok('cases.captureProgress', { caseId });
    const words = p ? `${p.what}:${p.step}:${p.page}/${p.of}` : 'none';
    if (seen.at(-1) !== words) seen.push(words);
    await new Promise((r) => setTimeout(r, 20));
  }
  return { result: await settled, seen };
}

test('a two-page TIFF says which page is checked and whose ID is read; nothing is said once it is in', async () => {
  const { id } = await newDraft(f);
  const page = await sharp(await capturedForm({ name: '陳大文', idNumber: 'A123456789' }))
    .raw()
    .toBuffer({ resolveWithObject: true });
  const tiff = await sharp(Buffer.concat([page.data, page.data]), {
    raw: { width: page.info.width, height: page.info.height * 2, channels: 3, pageHeight: page.info.height },
  })
    .tiff({ compression: 'jpeg' })
    .toBuffer();
  const { result, seen } = await watched(
    id,
    f.ok('cases.addPages', { caseId: id, fileName: 'form.tif', dataBase64: tiff.toString('base64') }),
  );
  assert.equal(result.pages.length, 2);
  for (const step of ['file:checking:1/2', 'file:reading_id:1/2', 'file:checking:2/2', 'file:reading_id:2/2'])
    assert.ok(seen.includes(step), `${step} in ${seen.join(' → ')}`);
  assert.equal(await f.ok('cases.captureProgress', { caseId: id }), null);
});

test('a scan says the scanner is at work, is cancelled then, and imports nothing', async () => {
  const { id } = await newDraft(f);
  assert.deepEqual(await f.ok('cases.cancelScan', { caseId: id }), { cancelled: false }, 'nothing to cancel');
  const scanning = f.call('cases.scan', {
    caseId: id,
    deviceId: 'test:0',
    resolution: 200,
    mode: 'color',
    source: 'flatbed',
  });
  for (let i = 0; ; i++) {
    const p = await f.ok('cases.captureProgress', { caseId: id });
    if (p?.step === 'scanning') {
      assert.equal(p.cancellable, true);
      break;
    }
    assert.ok(i < 200, 'the scan was never seen running');
    await new Promise((r) => setTimeout(r, 25));
  }
  // Well into the page (slowed down, it takes about 5 s), so scanimage itself is stopped.
  await new Promise((r) => setTimeout(r, 1500));
  const asked = performance.now();
  assert.deepEqual(await f.ok('cases.cancelScan', { caseId: id }), { cancelled: true });
  const answer = await scanning;
  assert.ok(performance.now() - asked < 2000, 'the scanner stopped when cancelled, not at the page’s end');
  assert.equal(errorCode(answer), 'SCANNER_PROBLEM');
  assert.match(answer.ok ? '' : answer.error.message['zh-TW'], /已取消掃描/);
  assert.equal((await f.ok('cases.get', { caseId: id })).pages.length, 0);
  assert.equal(await f.ok('cases.captureProgress', { caseId: id }), null);
});
