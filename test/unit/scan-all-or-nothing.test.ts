// A scan's pages go into the case together or not at all: another import that fills the case while
// the scan's pages are being checked refuses the whole scan, never half of it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ADMIN, OFFICER, deskFixture, errorCode, newDraft } from '../support/desk-fixture';
import { formPage, formPdf } from '../support/forms';
import { ScannerService } from '../../electron/main/capture/scanners/scanner-service';
import type { ScannerDriver } from '../../electron/main/capture/scanners/scanner-driver';

test('an import that fills the case during a scan refuses the whole scan; nothing of it is kept', async () => {
  const f = deskFixture({ branchCode: '0123' });
  try {
    await f.ok('setup.createAdmin', ADMIN);
    await f.addStaff(OFFICER);
    await f.ok('auth.login', { employeeId: OFFICER.employeeId, password: OFFICER.password });
    const { id } = await newDraft(f);
    await f.ok('cases.addPages', {
      caseId: id,
      fileName: 'first.pdf',
      dataBase64: (await formPdf(17)).toString('base64'),
    });
    // A feeder of three sheets: the case has room for three when the scan starts.
    const sheets = await Promise.all([1, 2, 3].map((n) => formPage(`SCAN ${n}`)));
    const driver: ScannerDriver = {
      list: async () => [{ id: 'fake:0', name: 'Fake feeder', driver: 'sane' }],
      capabilities: async () => ({ resolutions: [200], modes: ['color'], sources: ['feeder'] }),
      scan: async () => sheets,
    };
    f.desk.services.scanners = new ScannerService(f.desk.services.casePages, [driver]);
    const scan = f.call('cases.scan', {
      caseId: id,
      deviceId: 'fake:0',
      resolution: 200,
      mode: 'color',
      source: 'feeder',
    });
    // Meanwhile another page arrives (a file the officer dropped): the case now has room for two.
    await new Promise((r) => setTimeout(r, 50));
    const other = await f.call('cases.addPages', {
      caseId: id,
      fileName: 'other.png',
      dataBase64: (await formPage('OTHER')).toString('base64'),
    });
    assert.ok(other.ok, JSON.stringify(!other.ok && other.error));
    const scanned = await scan;
    assert.equal(errorCode(scanned), 'FILE_REJECTED');
    const pages = (await f.ok('cases.get', { caseId: id })).pages;
    assert.deepEqual(
      pages.map((p) => p.fileName),
      ['first.pdf', 'other.png'],
      'none of the scan went in',
    );
  } finally {
    f.dispose();
  }
});
