// The document camera's shot and the page editor through the contract, on the desk's real intake: a
// camera frame (the sheet on a desk at an angle, drawn by the tests) is cut to the sheet, its
// perspective taken out and read like a scan; the original is kept for the editor, which turns,
// crops and straightens the page on the main side from numbers, refuses corners that are not a
// sheet, and moves pages; each edit is audited and takes a confirmed case back to draft.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import {
  ADMIN,
  OFFICER,
  SUPERVISOR,
  deskFixture,
  errorCode,
  newDraft,
  type DeskFixture,
} from '../support/desk-fixture';
import { cameraFrame, capturedForm } from '../support/capture-forms';
import { plusDays, today } from '../support/case-flow-kit';
import { measureSkew } from '../../electron/main/capture/page-geometry';

const desks: DeskFixture[] = [];
after(() => desks.forEach((d) => d.dispose()));

async function desk(): Promise<DeskFixture> {
  const f = deskFixture({ branchCode: '0123' });
  desks.push(f);
  await f.ok('setup.createAdmin', ADMIN);
  await f.addStaff(OFFICER);
  await f.addStaff(SUPERVISOR);
  await f.ok('auth.login', { employeeId: OFFICER.employeeId, password: OFFICER.password });
  return f;
}

/** The stored page drawn by poppler at 40 dpi: its size and the grey of its four corner patches. */
async function rendered(f: DeskFixture, caseId: number, pageId: number) {
  const page = await f.ok('cases.page', { caseId, pageId });
  const dir = mkdtempSync(join(tmpdir(), 'page-'));
  writeFileSync(join(dir, 'p.pdf'), Buffer.from(page.dataBase64, 'base64'));
  execFileSync('pdftoppm', ['-r', '40', '-png', '-singlefile', join(dir, 'p.pdf'), join(dir, 'p')]);
  const { data, info } = await sharp(join(dir, 'p.png')).greyscale().raw().toBuffer({ resolveWithObject: true });
  const patch = (x0: number, y0: number) => {
    let sum = 0;
    for (let y = y0; y < y0 + 4; y++) for (let x = x0; x < x0 + 4; x++) sum += data[y * info.width + x]!;
    return sum / 16;
  };
  const w = info.width;
  const h = info.height;
  return { w, h, corners: [patch(1, 1), patch(w - 5, 1), patch(w - 5, h - 5), patch(1, h - 5)] };
}

/** The skew measure the intake uses, on the stored page drawn by poppler at 100 dpi. */
async function skewOf(f: DeskFixture, caseId: number, pageId: number): Promise<number> {
  const page = await f.ok('cases.page', { caseId, pageId });
  const dir = mkdtempSync(join(tmpdir(), 'skew-'));
  writeFileSync(join(dir, 'p.pdf'), Buffer.from(page.dataBase64, 'base64'));
  execFileSync('pdftoppm', ['-r', '100', '-png', '-singlefile', join(dir, 'p.pdf'), join(dir, 'p')]);
  const { data, info } = await sharp(join(dir, 'p.png'))
    .removeAlpha()
    .toColourspace('srgb')
    .raw()
    .toBuffer({ resolveWithObject: true });
  return measureSkew({ rgb: data, width: info.width, height: info.height });
}

test('a camera shot is cut to the sheet, squared and read like a scan; the original is kept for the editor', async () => {
  const f = await desk();
  const { id } = await newDraft(f); // 陳大文 A123456789
  const frame = await cameraFrame({ name: '陳大文', idNumber: 'A123456789' });
  const detail = await f.ok('cases.addPhoto', { caseId: id, dataBase64: frame.jpeg.toString('base64') });
  const page = detail.pages[0]!;
  assert.equal(page.fileName, 'camera-1.jpg');
  assert.equal(page.editable, true);
  assert.deepEqual(detail.quality.findings, [], 'the sheet alone: A4 at 200 dpi, sharp, the customer’s ID read');
  // The desk is gone: A4's proportions, paper (not the grey desk) in every corner.
  const drawn = await rendered(f, id, page.id);
  assert.ok(Math.abs(drawn.h / drawn.w - Math.SQRT2) < 0.06, `${drawn.w}×${drawn.h}`);
  for (const grey of drawn.corners) assert.ok(grey > 200, `corner grey ${drawn.corners.join(', ')}`);

  const original = await f.ok('cases.pageOriginal', { caseId: id, pageId: page.id });
  assert.deepEqual([original.width, original.height], [frame.width, frame.height]);
  assert.ok(original.edits.corners, 'the corners found were applied');
  assert.deepEqual(original.suggested?.corners, original.edits.corners);
  assert.ok(original.preview.width <= 1600 && original.preview.height <= 1600);
  // The found corners are the sheet's: within 3% of the frame from where the test drew it.
  const [tl, , br] = original.edits.corners!;
  assert.ok(tl[0] > frame.width * 0.1 && tl[1] > frame.height * 0.08, `top-left ${tl}`);
  assert.ok(br[0] < frame.width * 0.9 && br[1] < frame.height * 0.92, `bottom-right ${br}`);
});

test('the editor turns, crops and straightens on the original; corners that are not a sheet are refused', async () => {
  const f = await desk();
  const { id } = await newDraft(f);
  // At 300 dpi: a page cropped by a margin is still above 200 dpi as A4.
  const form = await capturedForm({ name: '陳大文', idNumber: 'A123456789', dpi: 300 });
  const added = await f.ok('cases.addPages', { caseId: id, fileName: 'form.jpg', dataBase64: form.toString('base64') });
  const first = added.pages[0]!;
  assert.deepEqual([first.width, first.height], [2480, 3508]);
  // A file is kept as it came; the editor's suggestion is found when it first opens (a flat scan:
  // the sheet is the whole image, and it is straight).
  const opened = await f.ok('cases.pageOriginal', { caseId: id, pageId: first.id });
  assert.deepEqual(opened.edits, { rotate: 0, corners: null, deskew: 0 });
  assert.deepEqual(opened.suggested, { corners: null, deskew: 0 });
  await f.ok('cases.captureAuthorization', { caseId: id, signedOn: today(), validUntil: plusDays(30) });

  const turned = await f.ok('cases.editPage', { caseId: id, pageId: first.id, rotate: 90, corners: null, deskew: 0 });
  assert.deepEqual([turned.pages[0]!.width, turned.pages[0]!.height], [3508, 2480], 'a quarter turn');
  assert.equal(turned.state, 'draft', 'the confirmed authorization must be confirmed again on the edited page');
  // Edits start again from the original each time: turning back gives the page as captured.
  const back = await f.ok('cases.editPage', { caseId: id, pageId: first.id, rotate: 0, corners: null, deskew: 0 });
  assert.deepEqual([back.pages[0]!.width, back.pages[0]!.height], [2480, 3508]);
  const cropped = await f.ok('cases.editPage', {
    caseId: id,
    pageId: first.id,
    rotate: 0,
    corners: [
      [100, 100],
      [2380, 100],
      [2380, 3408],
      [100, 3408],
    ],
    deskew: 1.5,
  });
  // Cut to the corners and made A4 at the longer side's length (3308 / √2 = 2339).
  assert.deepEqual([cropped.pages[0]!.width, cropped.pages[0]!.height], [2339, 3308]);
  assert.deepEqual(cropped.quality.findings, [], 'the cropped page still reads the customer’s ID');
  // The deskew turned the page's content: its text lines now lie 1.5° off, as measured on the stored
  // page (the straight original measures 0).
  assert.equal(await skewOf(f, id, first.id), -1.5);
  // Each edit replaced the stored page: the case's folder holds the original and the current page only.
  const [row] = f.desk.services.cases.pages(id);
  assert.deepEqual(readdirSync(join(f.dataDir, 'forms', String(id))).sort(), [row!.stored_as, row!.original_as].sort());

  const crossed = await f.call('cases.editPage', {
    caseId: id,
    pageId: first.id,
    rotate: 0,
    corners: [
      [100, 100],
      [2380, 3408],
      [2380, 100],
      [100, 3408],
    ],
    deskew: 0,
  });
  assert.equal(errorCode(crossed), 'PAGE_EDIT_REFUSED');
  assert.equal(crossed.ok ? '' : crossed.error.at, 'corners');
  const outside = await f.call('cases.editPage', {
    caseId: id,
    pageId: first.id,
    rotate: 0,
    corners: [
      [0, 0],
      [5000, 0],
      [5000, 3508],
      [0, 3508],
    ],
    deskew: 0,
  });
  assert.equal(errorCode(outside), 'PAGE_EDIT_REFUSED');
  await f.ok('auth.login', { employeeId: ADMIN.employeeId, password: ADMIN.password });
  const audit = await f.ok('audit.list', { caseId: id, limit: 50 });
  const edits = audit.items.filter((e) => e.action === 'form.page_edited');
  assert.equal(edits.length, 3, 'each applied edit is on the record; refused ones changed nothing');
});

test('pages move within the form; a PDF has no original to edit', async () => {
  const f = await desk();
  const { id } = await newDraft(f);
  const a = await capturedForm({ name: '陳大文', idNumber: 'A123456789' });
  await f.ok('cases.addPages', { caseId: id, fileName: 'a.jpg', dataBase64: a.toString('base64') });
  const two = await f.ok('cases.addPages', { caseId: id, fileName: 'b.jpg', dataBase64: a.toString('base64') });
  const [p1, p2] = two.pages;
  const moved = await f.ok('cases.movePage', { caseId: id, pageId: p2!.id, position: 1 });
  assert.deepEqual(
    moved.pages.map((p) => [p.fileName, p.position]),
    [
      ['b.jpg', 1],
      ['a.jpg', 2],
    ],
  );
  assert.equal(moved.pages[1]!.id, p1!.id);
  const pdf = await f.ok('cases.page', { caseId: id, pageId: p1!.id });
  const withPdf = await f.ok('cases.addPages', { caseId: id, fileName: 'c.pdf', dataBase64: pdf.dataBase64 });
  const pdfPage = withPdf.pages[2]!;
  assert.equal(pdfPage.editable, false);
  assert.equal(errorCode(await f.call('cases.pageOriginal', { caseId: id, pageId: pdfPage.id })), 'PAGE_NOT_EDITABLE');
});
