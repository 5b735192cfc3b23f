// The compact PDF a captured form becomes: the ink as one CCITT G4 image, colour only around the red
// seal and the blue signature, no text layer; small (≤ 80 KiB a page, far below a colour JPEG of the
// page); and what it shows, rendered back by poppler, is the form: black text where the text was,
// the seal still red, the signature still blue, paper white (under a shadow too).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { PDFDocument, PDFName, PDFRawStream, PDFDict } from 'pdf-lib';
import { analysePage } from '../../electron/main/capture/page-analysis';
import { compactPdf } from '../../electron/main/capture/compact-pdf';
import { blankPage, capturedForm, photographedForm } from '../support/capture-forms';

const KIB = 1024;

/** The page rendered at its own resolution by poppler's pdftoppm, as raw RGB. */
async function render(pdf: Buffer, dpi: number) {
  const dir = mkdtempSync(join(tmpdir(), 'capture-pdf-'));
  writeFileSync(join(dir, 'p.pdf'), pdf);
  execFileSync('pdftoppm', ['-r', String(Math.round(dpi)), '-png', '-singlefile', join(dir, 'p.pdf'), join(dir, 'p')]);
  return sharp(readFileSync(join(dir, 'p.png')))
    .removeAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
}

test('a 200-dpi scan: one G4 ink image and two colour pieces (seal, signature), no fonts or text, under 80 KiB', async () => {
  const image = await capturedForm();
  const analysis = await analysePage(image);
  assert.equal(Math.round(analysis.dpi), 200);
  assert.equal(analysis.colour.length, 2, JSON.stringify(analysis.colour));
  const pdf = await compactPdf([analysis]);
  assert.ok(pdf.length <= 80 * KIB, `${pdf.length} bytes`);
  const colourJpeg = await sharp(image).jpeg({ quality: 75 }).toBuffer();
  assert.ok(pdf.length * 3 < colourJpeg.length, `${pdf.length} vs a colour page's ${colourJpeg.length}`);

  const doc = await PDFDocument.load(pdf);
  assert.equal(doc.getPageCount(), 1);
  const filters = doc.context
    .enumerateIndirectObjects()
    .map(([, o]) => o)
    .filter(
      (o): o is PDFRawStream => o instanceof PDFRawStream && o.dict.get(PDFName.of('Subtype')) === PDFName.of('Image'),
    )
    .map((o) => String(o.dict.get(PDFName.of('Filter'))));
  assert.deepEqual(filters.sort(), ['/CCITTFaxDecode', '/DCTDecode', '/DCTDecode']);
  const fonts = doc.context
    .enumerateIndirectObjects()
    .filter(([, o]) => o instanceof PDFDict && o.get(PDFName.of('Type')) === PDFName.of('Font'));
  assert.deepEqual(fonts, [], 'no fonts: no text layer');
});

test('rendered back: text black, paper white, the seal red and the signature blue, as on the form', async () => {
  const analysis = await analysePage(await capturedForm());
  const { data, info } = await render(await compactPdf([analysis]), analysis.dpi);
  const at = (x: number, y: number) => {
    const i = (Math.round(y) * info.width + Math.round(x)) * 3;
    return [data[i]!, data[i + 1]!, data[i + 2]!];
  };
  // Where capture-forms draws them (200 dpi): the border line, blank paper, the seal's frame, the signature.
  const [borderR, borderG] = at(91, 1000);
  assert.ok(borderR! < 80 && borderG! < 80, `border ${at(91, 1000)}`);
  assert.ok(
    at(800, 1500).every((c) => c > 230),
    `paper ${at(800, 1500)}`,
  );
  const seal = at(1250 - 110, 1880);
  assert.ok(seal[0]! > 150 && seal[1]! < 110 && seal[2]! < 110, `seal ${seal}`);
  const signature = findColour(data, info.width, 400, 1780, 820, 1920, ([r, , b]) => b! > 150 && r! < 110);
  assert.ok(signature, 'a blue stroke in the signature area');
});

test('a document-camera shot with a shadow: the shadowed paper is not ink; a blank page is almost nothing', async () => {
  const photo = await analysePage(await photographedForm());
  assert.ok(photo.ink < 0.15, `ink ${photo.ink}`);
  const pdf = await compactPdf([photo]);
  assert.ok(pdf.length <= 80 * KIB, `${pdf.length} bytes`);
  const blank = await analysePage(await blankPage());
  assert.deepEqual([blank.ink, blank.colour.length], [0, 0]);
  assert.ok((await compactPdf([blank])).length < 4 * KIB);
});

function findColour(
  data: Buffer,
  width: number,
  x0: number,
  y0: number,
  x1: number,
  y1: number,
  match: (rgb: number[]) => boolean,
): boolean {
  for (let y = y0; y < y1; y += 2)
    for (let x = x0; x < x1; x += 2) {
      const i = (y * width + x) * 3;
      if (match([data[i]!, data[i + 1]!, data[i + 2]!])) return true;
    }
  return false;
}
