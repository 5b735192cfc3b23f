// The whole check of one captured form, as the intake worker runs it: the type by content (never by
// name), then the PDF or image path, each ending in freshly written bytes. Nothing of the original
// file is stored, only what these functions wrote.
import { createHash } from 'node:crypto';
import { PDFDocument } from 'pdf-lib';
import { cleanImage } from './clean-image';
import { cleanPdf } from './clean-pdf';
import type { IntakeLimits } from './intake-limits';
import { refuse } from './refusal';

export type FormMediaType = 'application/pdf' | 'image/jpeg' | 'image/png' | 'image/tiff';

export interface CleanPage {
  mediaType: 'application/pdf' | 'image/png' | 'image/jpeg';
  data: Buffer;
  sha256: string;
  width: number | null;
  height: number | null;
  /** Pages in this item: a PDF keeps all its pages in one document; an image is one page. */
  pageCount: number;
}

export function sniff(bytes: Buffer): FormMediaType | null {
  if (bytes.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf';
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  const head = bytes.subarray(0, 4).toString('latin1');
  if (head === 'II*\0' || head === 'MM\0*') return 'image/tiff';
  return null;
}

const digest = (data: Buffer) => createHash('sha256').update(data).digest('hex');

/** `room`: pages the case can still take. */
export async function cleanForm(bytes: Buffer, room: number, limits: IntakeLimits): Promise<CleanPage[]> {
  if (bytes.length === 0) refuse('empty');
  const type = sniff(bytes);
  if (!type) return refuse('unknown-type');
  if (type === 'application/pdf') {
    const { data, pageCount } = await cleanPdf(bytes, room, limits);
    return [{ mediaType: 'application/pdf', data, sha256: digest(data), width: null, height: null, pageCount }];
  }
  const pages = await cleanImage(bytes, type, room);
  return pages.map((p) => ({ ...p, sha256: digest(p.data), pageCount: 1 }));
}

/** The cleaned pages as one PDF (for `desk import-check --out`): images one per page, PDFs' pages copied. */
export async function pagesAsPdf(pages: readonly CleanPage[]): Promise<Buffer> {
  const out = await PDFDocument.create({ updateMetadata: false });
  out.setProducer('Branch Desk');
  for (const page of pages) {
    if (page.mediaType === 'application/pdf') {
      const doc = await PDFDocument.load(page.data, { updateMetadata: false });
      for (const copied of await out.copyPages(doc, doc.getPageIndices())) out.addPage(copied);
      continue;
    }
    const image = page.mediaType === 'image/png' ? await out.embedPng(page.data) : await out.embedJpg(page.data);
    // A4-proportioned in points at the image's own aspect: 72 points per inch at 200 dpi.
    const scale = 72 / 200;
    const sheet = out.addPage([image.width * scale, image.height * scale]);
    sheet.drawImage(image, { x: 0, y: 0, width: image.width * scale, height: image.height * scale });
  }
  return Buffer.from(await out.save({ useObjectStreams: false }));
}
