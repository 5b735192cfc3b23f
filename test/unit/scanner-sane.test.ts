// Scanning through SANE (scanimage) with its `test` backend (Debian sane-utils), the scanner's twin:
// the desk lists it with what it can do, scans a feeder's pages into a case through the same intake
// as a file, and says in the officer's words when the feeder is jammed or empty, importing nothing.
// `desk scanners` prints the same list for IT.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { ADMIN, OFFICER, deskFixture, errorCode, newDraft, type DeskFixture } from '../support/desk-fixture';
import { runCliAsync } from '../support/cli';
import { capturedForm } from '../support/capture-forms';
import { plusDays, today } from '../support/case-flow-kit';
import { noSaneConfig, saneTestConfig } from '../support/sane-config';

/** SANE's test backend alone, its status for reads as given. */
const saneConfig = (readStatus = 'Default') => saneTestConfig({ 'read-status-code': `"${readStatus}"` });

let f: DeskFixture;
const saved = process.env.SANE_CONFIG_DIR;
before(async () => {
  assert.ok(existsSync('/usr/bin/scanimage'), 'the scanner tests need SANE (apt-get install sane-utils; .ci/run does)');
  process.env.SANE_CONFIG_DIR = saneConfig();
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

test('the test scanner is listed with its resolutions, modes and sources; its feeder scans ten pages into the case', async () => {
  const scanners = await f.ok('scanners.list', {});
  const scanner = scanners.find((s) => s.id === 'test:0');
  assert.ok(scanner, JSON.stringify(scanners));
  assert.deepEqual(scanner.capabilities, {
    resolutions: [150, 200, 300, 400, 600],
    modes: ['gray', 'color'],
    sources: ['flatbed', 'feeder'],
  });
  const { id } = await newDraft(f);
  const detail = await f.ok('cases.scan', {
    caseId: id,
    deviceId: 'test:0',
    resolution: 200,
    mode: 'color',
    source: 'feeder',
  });
  // The test backend's feeder holds ten sheets; each is a page of the case, written as its compact PDF.
  assert.equal(detail.pages.length, 10);
  assert.ok(detail.pages.every((p) => p.mediaType === 'application/pdf' && p.fileName.startsWith('scan-')));
  // A test pattern is no authorization form: the gate says so (ten pages, no ID).
  assert.deepEqual(
    detail.quality.findings
      .filter((x) => x.pageId === null)
      .map((x) => x.code)
      .sort(),
    ['id_missing', 'page_count'],
  );
  const flatbed = await f.ok('cases.scan', {
    caseId: id,
    deviceId: 'test:0',
    resolution: 300,
    mode: 'gray',
    source: 'flatbed',
  });
  assert.equal(flatbed.pages.length, 11, 'the flatbed scans one page');
  // Nine pages of room left and ten sheets in the feeder: refused in words, none of them imported.
  const over = await f.call('cases.scan', {
    caseId: id,
    deviceId: 'test:0',
    resolution: 150,
    mode: 'gray',
    source: 'feeder',
  });
  assert.equal(errorCode(over), 'SCANNER_PROBLEM');
  assert.match(!over.ok ? over.error.message['zh-TW'] : '', /超過本案件尚可加入的頁數/);
  assert.equal((await f.ok('cases.get', { caseId: id })).pages.length, 11);
});

test('a jammed feeder and an empty one: each its own words beside the scan button, and nothing imported', async () => {
  const { id } = await newDraft(f);
  for (const [status, words] of [
    ['SANE_STATUS_JAMMED', /掃描器卡紙/],
    ['SANE_STATUS_NO_DOCS', /進紙匣沒有紙/],
    ['SANE_STATUS_COVER_OPEN', /掃描器上蓋未關/],
  ] as const) {
    process.env.SANE_CONFIG_DIR = saneConfig(status);
    const r = await f.call('cases.scan', {
      caseId: id,
      deviceId: 'test:0',
      resolution: 200,
      mode: 'color',
      source: 'feeder',
    });
    assert.equal(errorCode(r), 'SCANNER_PROBLEM', status);
    assert.match(!r.ok ? r.error.message['zh-TW'] : '', words, status);
    assert.equal(!r.ok && r.error.at, 'scanner');
  }
  assert.equal((await f.ok('cases.get', { caseId: id })).pages.length, 0);
  process.env.SANE_CONFIG_DIR = saneConfig();
});

test('a case that can no longer take pages (sent to a supervisor) is refused before the scanner is started', async () => {
  const { id } = await newDraft(f);
  await f.ok('cases.addPages', {
    caseId: id,
    fileName: 'form.jpg',
    dataBase64: (await capturedForm({ idNumber: 'A123456789' })).toString('base64'),
  });
  await f.ok('cases.captureAuthorization', { caseId: id, signedOn: today(), validUntil: plusDays(30) });
  await f.ok('cases.requestApproval', { caseId: id });
  // The scanner would jam: the refusal is the case's, so it was not asked.
  process.env.SANE_CONFIG_DIR = saneConfig('SANE_STATUS_JAMMED');
  const r = await f.call('cases.scan', {
    caseId: id,
    deviceId: 'test:0',
    resolution: 200,
    mode: 'color',
    source: 'flatbed',
  });
  assert.equal(errorCode(r), 'ILLEGAL_TRANSITION');
  assert.equal((await f.ok('cases.get', { caseId: id })).pages.length, 1);
  process.env.SANE_CONFIG_DIR = saneConfig();
});

test('desk scanners lists what SANE reaches for IT; with none, it says so and exits 1', async () => {
  const listed = await runCliAsync(['scanners'], { SANE_CONFIG_DIR: saneConfig() });
  assert.equal(listed.code, 0, listed.stdout + listed.stderr);
  assert.match(listed.stdout, /^test:0 {2}Noname frontend-tester virtual device \(sane\)$/m);
  assert.match(listed.stdout, /resolutions: 150, 200, 300, 400, 600 dpi/);
  assert.match(listed.stdout, /sources: {5}flatbed, feeder/);
  const empty = noSaneConfig();
  const none = await runCliAsync(['scanners'], { SANE_CONFIG_DIR: empty });
  assert.equal(none.code, 1);
  assert.match(none.stdout, /找不到掃描器/);
});
