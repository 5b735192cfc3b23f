// An eSCL (AirScan) network scanner named in the policy, on its twin (test/support/escl-server.ts):
// the desk lists it with what it can do beside the other drivers' scanners, its feeder's pages land
// in a case through the same intake as a file, and a jam, an empty feeder, an open hatch and a busy
// scanner each give their fixed words with nothing imported; a page that never finishes meets its
// deadline and the job is deleted on the scanner.
import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ADMIN, OFFICER, deskFixture, errorCode, newDraft, type DeskFixture } from '../support/desk-fixture';
import { startEsclServer, type EsclServer } from '../support/escl-server';
import { runCliAsync } from '../support/cli';
import { noSaneConfig } from '../support/sane-config';
import { ScannerService, scannerDrivers } from '../../electron/main/capture/scanners/scanner-service';
import {
  esclDriver,
  esclDeviceId,
  MAX_XML_BYTES,
  parseEsclCapabilities,
  problemOfStatus,
  readXml,
} from '../../electron/main/capture/scanners/escl-driver';
import type { ScannerDriver } from '../../electron/main/capture/scanners/scanner-driver';

let f: DeskFixture;
let scanner: EsclServer;
let deviceId: string;
const savedSane = process.env.SANE_CONFIG_DIR;

before(async () => {
  // SANE with no backend: this desk's only scanner is the network one (SANE's own are tested apart).
  process.env.SANE_CONFIG_DIR = noSaneConfig();
  scanner = await startEsclServer();
  deviceId = esclDeviceId(scanner.base);
  f = deskFixture({ branchCode: '0123', esclScanners: [scanner.base, 'http://127.0.0.1:9/eSCL'] });
  await f.ok('setup.createAdmin', ADMIN);
  await f.addStaff(OFFICER);
  await f.ok('auth.login', { employeeId: OFFICER.employeeId, password: OFFICER.password });
});
after(async () => {
  f?.dispose();
  await scanner?.close();
  if (savedSane === undefined) delete process.env.SANE_CONFIG_DIR;
  else process.env.SANE_CONFIG_DIR = savedSane;
});
beforeEach(() => {
  scanner.fault = 'none';
  scanner.sheets = 2;
});

const feederScan = (caseId: number) =>
  f.call('cases.scan', { caseId, deviceId, resolution: 200, mode: 'color', source: 'feeder' });

test('the policy names the scanner: listed by its make and model with its resolutions, modes and sources (one that does not answer is left out)', async () => {
  const scanners = await f.ok('scanners.list', {});
  assert.deepEqual(scanners, [
    {
      id: `escl:${scanner.base}`,
      name: 'Branch & Co AirScan 4000',
      driver: 'escl',
      capabilities: { resolutions: [150, 200, 300, 600], modes: ['color', 'gray'], sources: ['flatbed', 'feeder'] },
    },
  ]);
});

test('two sheets in the feeder become two pages of the case, through the intake and the quality gate', async () => {
  const { id } = await newDraft(f);
  const r = await feederScan(id);
  assert.ok(r.ok, JSON.stringify(r));
  assert.equal(r.value.pages.length, 2);
  assert.ok(r.value.pages.every((p) => p.mediaType === 'application/pdf' && p.fileName.startsWith('scan-')));
  // The bank's form has one page: the gate says two were scanned.
  assert.ok(r.value.quality.findings.some((x) => x.code === 'page_count'));
  assert.deepEqual(scanner.jobs.at(-1), {
    id: `job-${scanner.jobs.length}`,
    inputSource: 'Feeder',
    colorMode: 'RGB24',
    resolution: 200,
    format: 'image/jpeg',
    width: 2480,
    height: 3508,
  });
  // The flatbed gives one page, in grey as asked.
  const flatbed = await f.ok('cases.scan', { caseId: id, deviceId, resolution: 300, mode: 'gray', source: 'flatbed' });
  assert.equal(flatbed.pages.length, 3);
  assert.equal(scanner.jobs.at(-1)?.inputSource, 'Platen');
  assert.equal(scanner.jobs.at(-1)?.colorMode, 'Grayscale8');
  // The feeder's job ended itself (404 after the last sheet); the flatbed's, held open after its
  // page, is deleted so the scanner is free for the next scan.
  const [feederJob, flatbedJob] = scanner.jobs.slice(-2).map((j) => j.id);
  assert.ok(!scanner.requests.includes(`DELETE /eSCL/ScanJobs/${feederJob}`));
  assert.ok(scanner.requests.includes(`DELETE /eSCL/ScanJobs/${flatbedJob}`), scanner.requests.slice(-3).join('\n'));
});

test('the scanner gives no more pages than the case can take: one sheet too many is refused in words, with nothing imported', async () => {
  // The driver is told the case's room: here a case holding one page has nineteen left.
  const seen: (number | undefined)[] = [];
  const real = esclDriver([scanner.base]);
  const restore = withDriver({
    ...real,
    scan: (id, req, options) => (seen.push(options?.maxPages), real.scan(id, req, options)),
  });
  try {
    const { id } = await newDraft(f);
    await f.ok('cases.scan', { caseId: id, deviceId, resolution: 150, mode: 'gray', source: 'flatbed' });
    scanner.sheets = 2;
    await feederScan(id);
    assert.deepEqual(seen, [20, 19]);
  } finally {
    restore();
  }
  // Three sheets where two fit: the third is never read, the job is deleted, nothing is kept.
  scanner.sheets = 3;
  await assert.rejects(
    esclDriver([scanner.base]).scan(deviceId, { resolution: 150, mode: 'gray', source: 'feeder' }, { maxPages: 2 }),
    (e: Error & { problem?: string }) => e.problem === 'too_many_pages',
  );
  const job = scanner.jobs.at(-1)!.id;
  assert.equal(scanner.requests.filter((r) => r === `GET /eSCL/ScanJobs/${job}/NextDocument`).length, 3);
  assert.ok(scanner.requests.includes(`DELETE /eSCL/ScanJobs/${job}`));
});

test('a page that grows past the size a file may have is cut off as it arrives: its own words, nothing imported, the job deleted', async () => {
  const { id } = await newDraft(f);
  scanner.fault = 'huge-page';
  const r = await feederScan(id);
  assert.equal(errorCode(r), 'SCANNER_PROBLEM');
  assert.match(!r.ok ? r.error.message['zh-TW'] : '', /頁面檔案過大.*300 dpi/);
  assert.match(!r.ok ? r.error.message.en : '', /too large/);
  // The desk stopped reading just past the 20 MiB limit: the scanner got to send far less than its 64 MiB.
  assert.ok(scanner.hugeChunksSent < 40, `${scanner.hugeChunksSent} MiB sent`);
  const job = scanner.jobs.at(-1)!.id;
  assert.ok(scanner.requests.includes(`DELETE /eSCL/ScanJobs/${job}`));
  assert.equal((await f.ok('cases.get', { caseId: id })).pages.length, 0);
});

test('a jam after the first sheet, an empty feeder, an open hatch: each its own words beside the button, nothing imported', async () => {
  const { id } = await newDraft(f);
  for (const [fault, words] of [
    ['jam-after-first', /掃描器卡紙/],
    ['empty', /進紙匣沒有紙/],
    ['cover-open', /掃描器上蓋未關/],
  ] as const) {
    scanner.fault = fault;
    const r = await feederScan(id);
    assert.equal(errorCode(r), 'SCANNER_PROBLEM', fault);
    assert.match(!r.ok ? r.error.message['zh-TW'] : '', words, fault);
    assert.equal(!r.ok && r.error.at, 'scanner');
    // A job the scanner took and could not finish is deleted there, not left holding the scanner.
    const job = scanner.jobs.at(-1)!.id;
    assert.equal(job === null || scanner.requests.includes(`DELETE /eSCL/ScanJobs/${job}`), true, fault);
  }
  assert.equal((await f.ok('cases.get', { caseId: id })).pages.length, 0);
  assert.equal(scanner.jobs.at(-1)!.id, null, 'the open hatch refused the job');
});

/** The desk's scanner service rebuilt on a driver with short deadlines (the defaults are minutes). */
function withDriver(driver: ScannerDriver): () => void {
  const original = f.desk.services.scanners;
  f.desk.services.scanners = new ScannerService(f.desk.services.casePages, [driver]);
  return () => (f.desk.services.scanners = original);
}

test('a scanner busy with another job (503) is asked again a few times, then the officer hears it is busy', async () => {
  const restore = withDriver(esclDriver([scanner.base], { busyRetries: 2, busyPauseMs: 20 }));
  try {
    const { id } = await newDraft(f);
    scanner.fault = 'busy';
    const before = scanner.requests.length;
    const r = await feederScan(id);
    assert.equal(errorCode(r), 'SCANNER_PROBLEM');
    assert.match(!r.ok ? r.error.message['zh-TW'] : '', /掃描器正由其他程式使用中/);
    assert.equal(scanner.requests.slice(before).filter((x) => x === 'POST /eSCL/ScanJobs').length, 3);
  } finally {
    restore();
  }
});

test('a page that starts and never finishes meets its deadline: the scan fails in clear words and the job is deleted', async () => {
  const restore = withDriver(esclDriver([scanner.base], { pageMs: 1500 }));
  try {
    const { id } = await newDraft(f);
    scanner.fault = 'hang-second-page';
    const started = performance.now();
    const r = await feederScan(id);
    assert.ok(performance.now() - started < 10_000, 'the deadline, not the test runner, ended it');
    assert.equal(errorCode(r), 'SCANNER_PROBLEM');
    assert.match(!r.ok ? r.error.message.en : '', /The scan failed/);
    const job = scanner.jobs.at(-1)!.id;
    assert.ok(scanner.requests.includes(`DELETE /eSCL/ScanJobs/${job}`), scanner.requests.slice(-4).join('\n'));
    assert.equal((await f.ok('cases.get', { caseId: id })).pages.length, 0);
  } finally {
    restore();
  }
});

test('the driver says why in its detail for IT: the deadline of the page that hung', async () => {
  scanner.fault = 'hang-second-page';
  const driver = esclDriver([scanner.base], { pageMs: 800 });
  await assert.rejects(
    driver.scan(deviceId, { resolution: 150, mode: 'gray', source: 'feeder' }),
    (e: Error & { problem?: string }) => e.problem === 'failed' && /page 2: no answer within 0.8 s/.test(e.message),
  );
});

test('a driver that fails to list hides none of the others; a scanner no driver lists is not found', async () => {
  const broken: ScannerDriver = {
    list: () => Promise.reject(new Error('the driver itself broke')),
    capabilities: () => Promise.reject(new Error('unreachable')),
    scan: () => Promise.reject(new Error('unreachable')),
  };
  const service = new ScannerService(f.desk.services.casePages, [broken, ...scannerDrivers([scanner.base], 'darwin')]);
  const errors: unknown[] = [];
  const original = console.error;
  console.error = (...args: unknown[]) => void errors.push(args);
  try {
    assert.deepEqual(
      (await service.list()).map((s) => s.id),
      [deviceId],
    );
  } finally {
    console.error = original;
  }
  assert.equal(errors.length, 1, 'the broken driver is reported for IT');
  const restore = withDriver(esclDriver([scanner.base]));
  try {
    const { id } = await newDraft(f);
    const r = await f.call('cases.scan', {
      caseId: id,
      deviceId: 'escl:http://127.0.0.1:9/other',
      resolution: 200,
      mode: 'color',
      source: 'feeder',
    });
    assert.match(!r.ok ? r.error.message['zh-TW'] : '', /找不到這台掃描器/);
  } finally {
    restore();
  }
});

test("the driver's XML reader refuses what no scanner should send, quickly: a DOCTYPE, tags left open, depth, size", () => {
  const refused = (xml: string) => {
    const started = performance.now();
    assert.throws(() => readXml(xml), /malformed XML|oversized/);
    assert.ok(performance.now() - started < 1000, 'in one pass');
  };
  refused('<!DOCTYPE x [<!ENTITY a "aaaa">]><scan:ScannerStatus>&a;</scan:ScannerStatus>');
  refused('<scan:XResolution>'.repeat(50_000));
  refused('<a>'.repeat(40) + '</a>'.repeat(40));
  refused('<a>' + ' '.repeat(MAX_XML_BYTES) + '</a>');
  refused('<a><b></a></b>');
  assert.equal(
    problemOfStatus(
      '<s:ScannerStatus><pwg:State>Idle</pwg:State><!-- <scan:AdfState>ScannerAdfJam</scan:AdfState> --></s:ScannerStatus>',
      'feeder',
    ),
    null,
  );
  assert.equal(
    problemOfStatus(
      '<ScannerStatus><State>Idle</State><AdfState><![CDATA[ScannerAdfEmpty]]></AdfState></ScannerStatus>',
      'feeder',
    ),
    'no_paper',
  );
});

test('the worst document the XML reader accepts (its size and element caps, entities throughout) is read within the 50 ms a main-thread step may take', () => {
  const resolution = (r: number) =>
    `<scan:DiscreteResolution><scan:XResolution>${r}</scan:XResolution></scan:DiscreteResolution>`;
  const head = `<scan:ScannerCapabilities ${'x'.repeat(10)}><pwg:MakeAndModel>A&amp;B&#x53F0;</pwg:MakeAndModel><scan:PlatenInputCaps>`;
  const tail = '</scan:PlatenInputCaps></scan:ScannerCapabilities>';
  let body = '';
  // 3 elements around them, 2 a resolution, and short ones full of entities up to the cap of 2,000.
  for (let n = 0; n < 300; n++) body += resolution(n % 2 ? 300 : 200);
  for (let n = 0; n < 1397; n++) body += '<b>&amp;&#65;</b>';
  const doc = (head + body + tail).padEnd(MAX_XML_BYTES - 10, ' ');
  assert.ok(doc.length <= MAX_XML_BYTES && doc.length > MAX_XML_BYTES - 100, `${doc.length} bytes`);
  let worst = 0;
  for (let i = 0; i < 5; i++) {
    const started = performance.now();
    const caps = parseEsclCapabilities(doc, 'http://127.0.0.1/eSCL');
    worst = Math.max(worst, performance.now() - started);
    assert.deepEqual(caps.sources.flatbed?.resolutions, [200, 300]);
    assert.equal(caps.name, 'A&B台');
  }
  console.log(`[figures] eSCL worst accepted capabilities (${doc.length} bytes): ${worst.toFixed(1)} ms`);
  assert.ok(worst < 50, `${worst} ms`);
  // One element more is refused.
  assert.throws(() => readXml(head + body + '<b/>' + tail), /too large/);
  // Nested as deep as the reader allows, the lookups' worst shape: ranges in ranges, Min by the
  // thousand at the bottom.
  const open = '<scan:ResolutionRange><scan:XResolution>'.repeat(4);
  const close = '</scan:XResolution></scan:ResolutionRange>'.repeat(4);
  const nested = `<scan:ScannerCapabilities><scan:PlatenInputCaps>${open}${'<scan:Min>150</scan:Min>'.repeat(1985)}<scan:Max>300</scan:Max>${close}</scan:PlatenInputCaps></scan:ScannerCapabilities>`;
  let deepest = 0;
  for (let i = 0; i < 5; i++) {
    const started = performance.now();
    assert.deepEqual(
      parseEsclCapabilities(nested, 'http://127.0.0.1/eSCL').sources.flatbed?.resolutions,
      [150, 200, 300],
    );
    deepest = Math.max(deepest, performance.now() - started);
  }
  console.log(`[figures] eSCL worst nested capabilities (${nested.length} bytes): ${deepest.toFixed(1)} ms`);
  assert.ok(deepest < 50, `${deepest} ms`);
  assert.throws(() => readXml('<a>'.repeat(13) + '</a>'.repeat(13)), /too large/, 'deeper than 12 is refused');
});

test('desk scanners lists the policy’s eSCL scanners for IT beside SANE’s', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'escl-cli-'));
  writeFileSync(join(dir, 'policy.json'), JSON.stringify({ branchCode: '0123', esclScanners: [scanner.base] }));
  writeFileSync(join(dir, 'dll.conf'), ''); // no SANE scanner: only the network one
  const listed = await runCliAsync(['scanners'], {
    BRANCH_DESK_POLICY: join(dir, 'policy.json'),
    BRANCH_DESK_DATA_DIR: join(dir, 'data'),
    SANE_CONFIG_DIR: dir,
  });
  assert.equal(listed.code, 0, listed.out);
  assert.match(
    listed.stdout,
    new RegExp(`^${deviceId.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} {2}.+ \\(escl\\)$`, 'm'),
  );
  assert.match(listed.stdout, /sources: {5}flatbed, feeder/);
});
