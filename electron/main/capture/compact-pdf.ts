// The PDF a captured authorization becomes: per page, the ink as a bilevel CCITT G4 image (a form's
// text in 20–40 KiB), and colour only where there is colour (the red seal, a blue signature) as small
// JPEG pieces drawn over it, so the seal stays red at a fraction of a colour page's size. No text
// layer (OCR text never goes into what JCIC receives). Runs in the intake worker.
import sharp from 'sharp';
import {
  PDFDocument,
  concatTransformationMatrix,
  drawObject,
  popGraphicsState,
  pushGraphicsState,
  type PDFPage,
} from 'pdf-lib';
import type { PageAnalysis } from './page-analysis';
import { tiffSingleTile } from './tiff-tile';

/** Colour pieces are kept at this resolution at most (a seal reads well at 150 dpi). */
const COLOUR_DPI = 150;
const COLOUR_QUALITY = 70;

export async function compactPdf(pages: PageAnalysis[]): Promise<Buffer> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.setProducer('Branch Desk');
  for (const page of pages) await addPage(doc, page);
  return Buffer.from(await doc.save());
}

async function addPage(doc: PDFDocument, a: PageAnalysis): Promise<void> {
  // Points per pixel: the page measures as the A4 sheet the image is taken to be.
  const scale = 72 / a.dpi;
  const sheet = doc.addPage([a.width * scale, a.height * scale]);
  await drawInk(doc, sheet, a, scale);
  for (const box of a.colour) {
    const factor = Math.min(1, COLOUR_DPI / a.dpi);
    const piece = await sharp(a.rgb, { raw: { width: a.width, height: a.height, channels: 3 } })
      .extract(box)
      .resize(Math.max(1, Math.round(box.width * factor)))
      .jpeg({ quality: COLOUR_QUALITY, mozjpeg: true })
      .toBuffer();
    const embedded = await doc.embedJpg(piece);
    sheet.drawImage(embedded, {
      x: box.left * scale,
      y: (a.height - box.top - box.height) * scale,
      width: box.width * scale,
      height: box.height * scale,
    });
  }
}

async function drawInk(doc: PDFDocument, sheet: PDFPage, a: PageAnalysis, scale: number): Promise<void> {
  // The analysis padded the ink to whole tiles with paper (the sides libtiff wants).
  const columns = a.stride;
  const rows = a.rows;
  const tiff = await sharp(a.bilevel, { raw: { width: columns, height: rows, channels: 1 } })
    .toColourspace('b-w')
    .tiff({ compression: 'ccittfax4', bitdepth: 1, miniswhite: true, tile: true, tileWidth: columns, tileHeight: rows })
    .toBuffer();
  const g4 = tiffSingleTile(tiff, { width: columns, height: rows });
  const stream = doc.context.stream(g4, {
    Type: 'XObject',
    Subtype: 'Image',
    Width: columns,
    Height: rows,
    ColorSpace: 'DeviceGray',
    BitsPerComponent: 1,
    Filter: 'CCITTFaxDecode',
    DecodeParms: { K: -1, Columns: columns, Rows: rows },
  });
  const name = sheet.node.newXObject('Ink', doc.context.register(stream));
  // The image's top-left corner on the page's; the padding falls outside the page.
  sheet.pushOperators(
    pushGraphicsState(),
    concatTransformationMatrix(columns * scale, 0, 0, rows * scale, 0, (a.height - rows) * scale),
    drawObject(name),
    popGraphicsState(),
  );
}
