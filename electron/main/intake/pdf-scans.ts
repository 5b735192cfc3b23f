// A PDF that is only scanned pages (what a scanner's own software or a multifunction printer sends:
// each page one JPEG drawn across it) is taken apart into its page images, so each goes through the
// capture pipeline like any scan: straightened, measured, judged by the quality gate, written as the
// compact PDF, its original kept for the page editor. Anything else (a page with more than one
// image, vector text, an image not covering the page, another image filter) keeps the PDF as drawn.
import { PDFDict, PDFName, PDFRawStream, decodePDFRawStream, type PDFDocument, type PDFPage } from 'pdf-lib';

/** A content stream longer than this draws more than one image (a scan's is a few dozen bytes). */
const MAX_CONTENT_BYTES = 2048;
/** An image covers the page when their proportions agree this closely. */
const ASPECT_TOLERANCE = 0.04;

export interface ScannedPage {
  jpeg: Buffer;
  /** The page's /Rotate, applied to its image as a quarter turn. */
  rotate: 0 | 90 | 180 | 270;
}

/** The page images when every page is one full-page JPEG; null otherwise. */
export function scannedPages(doc: PDFDocument): ScannedPage[] | null {
  const out: ScannedPage[] = [];
  for (const page of doc.getPages()) {
    const scan = scanOf(page);
    if (!scan) return null;
    out.push(scan);
  }
  return out.length > 0 ? out : null;
}

function scanOf(page: PDFPage): ScannedPage | null {
  const resources = page.node.Resources();
  const xobjects = resources?.lookupMaybe(PDFName.of('XObject'), PDFDict);
  if (!resources || !xobjects || resources.lookupMaybe(PDFName.of('Font'), PDFDict)?.keys().length) return null;
  const entries = xobjects.keys().map((key) => xobjects.lookup(key));
  if (entries.length !== 1 || !(entries[0] instanceof PDFRawStream)) return null;
  const image = entries[0];
  const dict = image.dict;
  if (dict.lookup(PDFName.of('Subtype')) !== PDFName.of('Image')) return null;
  const filter = dict.lookup(PDFName.of('Filter'));
  const filters = filter instanceof PDFName ? [filter] : ((filter?.toString() ?? '').match(/\/\w+/g) ?? []);
  if (filters.length !== 1 || String(filters[0]) !== '/DCTDecode') return null;
  const jpeg = Buffer.from(image.contents);
  if (jpeg[0] !== 0xff || jpeg[1] !== 0xd8) return null;
  if (contentBytes(page) > MAX_CONTENT_BYTES) return null;
  const width = Number(dict.lookup(PDFName.of('Width'))?.toString());
  const height = Number(dict.lookup(PDFName.of('Height'))?.toString());
  const { width: pw, height: ph } = page.getSize();
  if (!(width > 0 && height > 0 && pw > 0 && ph > 0)) return null;
  if (Math.abs(width / height / (pw / ph) - 1) > ASPECT_TOLERANCE) return null;
  const angle = ((page.getRotation().angle % 360) + 360) % 360;
  return { jpeg, rotate: angle === 90 || angle === 180 || angle === 270 ? angle : 0 };
}

/** The page's content streams' length, unpacked (bounded: the pre-scan capped every stream). */
function contentBytes(page: PDFPage): number {
  const contents = page.node.Contents();
  if (!contents) return 0;
  const streams = contents instanceof PDFRawStream ? [contents] : [];
  if ('asArray' in contents)
    for (const ref of (contents as unknown as { asArray(): unknown[] }).asArray()) {
      const stream = page.doc.context.lookup(ref as never);
      if (stream instanceof PDFRawStream) streams.push(stream);
    }
  let total = 0;
  for (const stream of streams) total += decodePDFRawStream(stream).decode().length;
  return total;
}
