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
import type { Box, PageAnalysis } from './page-analysis';
import { tiffSingleTile } from './tiff-tile';

/** Colour pieces are kept at this resolution at most (a seal reads well at 150 dpi). */
const COLOUR_DPI = 150;
/** Plain libjpeg with optimised Huffman tables: mozjpeg's trellis quantisation and scan search took
 * 9 ms a piece for 10 % fewer bytes (under 1 KiB a page), a fifth of the page's time for nothing
 * the reader sees. */
const COLOUR_JPEG = { quality: 70, optimiseCoding: true } as const;

export async function compactPdf(pages: PageAnalysis[]): Promise<Buffer> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.setProducer('Branch Desk');
  for (const page of pages) await addPage(doc, page);
  return Buffer.from(await doc.save());
}

async function addPage(doc: PDFDocument, a: PageAnalysis): Promise<void> {
  // The G4 ink and the colour pieces are independent libvips jobs: started together, they run on
  // libuv's threads side by side; they are added to the page in a fixed order all the same.
  const [g4, ...pieces] = await Promise.all([inkG4(a), ...a.colour.map((box) => colourPiece(a, box))]);
  // Points per pixel: the page measures as the A4 sheet the image is taken to be.
  const scale = 72 / a.dpi;
  const sheet = doc.addPage([a.width * scale, a.height * scale]);
  drawInk(doc, sheet, a, scale, g4!);
  for (const [k, box] of a.colour.entries()) {
    const embedded = await doc.embedJpg(pieces[k]!);
    sheet.drawImage(embedded, {
      x: box.left * scale,
      y: (a.height - box.top - box.height) * scale,
      width: box.width * scale,
      height: box.height * scale,
    });
  }
}

/** The box's pixels as a JPEG at COLOUR_DPI at most. Only the box's rows are handed to libvips (not
 * the whole page's 11 MiB of RGB). */
async function colourPiece(a: PageAnalysis, box: Box): Promise<Buffer> {
  const row = box.width * 3;
  const pixels = Buffer.allocUnsafe(row * box.height);
  for (let y = 0; y < box.height; y++) {
    const from = ((box.top + y) * a.width + box.left) * 3;
    a.rgb.copy(pixels, y * row, from, from + row);
  }
  const factor = Math.min(1, COLOUR_DPI / a.dpi);
  return sharp(pixels, { raw: { width: box.width, height: box.height, channels: 3 } })
    .resize(Math.max(1, Math.round(box.width * factor)))
    .jpeg(COLOUR_JPEG)
    .toBuffer();
}

/** The ink as one CCITT G4 stream. The analysis padded it to whole tiles with paper (the sides
 * libtiff wants). */
async function inkG4(a: PageAnalysis): Promise<Buffer> {
  const tiff = await sharp(a.bilevel, { raw: { width: a.stride, height: a.rows, channels: 1 } })
    .toColourspace('b-w')
    .tiff({
      compression: 'ccittfax4',
      bitdepth: 1,
      miniswhite: true,
      tile: true,
      tileWidth: a.stride,
      tileHeight: a.rows,
    })
    .toBuffer();
  return tiffSingleTile(tiff, { width: a.stride, height: a.rows });
}

function drawInk(doc: PDFDocument, sheet: PDFPage, a: PageAnalysis, scale: number, g4: Buffer): void {
  const columns = a.stride;
  const rows = a.rows;
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
