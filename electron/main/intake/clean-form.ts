// The whole check of one captured form, as the intake worker runs it: the type by content (never by
// name), then the PDF or image path, each ending in freshly written bytes. Nothing of the original
// file is stored, only what these functions wrote. A page image (scan, photograph, camera frame)
// becomes the compact PDF JCIC gets (capture/compact-pdf.ts), with what the quality gate needs to
// know of it: resolution, sharpness, ink, and the ID numbers read off it.
import { createHash } from 'node:crypto';
import { PDFDocument } from 'pdf-lib';
import { decodePage, imagePageCount } from './clean-image';
import { cleanPdf } from './clean-pdf';
import type { IntakeLimits } from './intake-limits';
import { refuse } from './refusal';
import { capturePage, type Capture } from '../capture/capture-page';
import { NO_EDITS, type PageEdits, type Suggested } from '../capture/page-geometry';
import type { ScannedPage } from './pdf-scans';

export type FormMediaType = 'application/pdf' | 'image/jpeg' | 'image/png' | 'image/tiff';

/** What the quality gate knows of a page image (common/domain/quality-findings.ts judges it). */
export interface PageQuality {
  /** As an A4 sheet. */
  dpi: number;
  sharpness: number;
  /** Share of the page that is ink. */
  ink: number;
  /** Valid ID numbers read off the page (they never leave the main side; the case keeps a verdict). */
  ids: string[];
}

export interface CleanPage {
  mediaType: 'application/pdf' | 'image/png' | 'image/jpeg';
  data: Buffer;
  sha256: string;
  width: number | null;
  height: number | null;
  /** Pages in this item: a PDF keeps all its pages in one document; an image is one page. */
  pageCount: number;
  /** Page images only (a PDF's pages are kept as they are drawn, not measured). */
  quality: PageQuality | null;
  /** A page image as decoded (re-encoded, nothing else of the file) and the edits that made `data`
   * from it, kept so the officer can correct them (the page editor); null for a PDF. */
  original: { data: Buffer; width: number; height: number; edits: PageEdits; suggested: Suggested | null } | null;
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

/** `room`: pages the case can still take; `onPages`: told how many page images follow (each is
 * given time of its own). */
export async function cleanForm(
  bytes: Buffer,
  room: number,
  limits: IntakeLimits,
  options: {
    today: string;
    capture?: Capture;
    edits?: PageEdits | undefined;
    onPages?: (count: number) => void;
    onStep?: (step: 'checking' | 'reading_id', page: number, of: number) => void;
  },
): Promise<CleanPage[]> {
  const { capture = 'file', onPages = () => undefined } = options;
  if (bytes.length === 0) refuse('empty');
  const type = sniff(bytes);
  if (!type) return refuse('unknown-type');
  if (type === 'application/pdf') {
    const { data, pageCount, scans } = await cleanPdf(bytes, room, limits);
    // A scanner's PDF: its page images go through the capture pipeline like any scan.
    if (scans && !options.edits) return capturePages(scans, { ...options, capture, onPages });
    return [
      {
        mediaType: 'application/pdf',
        data,
        sha256: digest(data),
        width: null,
        height: null,
        pageCount,
        quality: null,
        original: null,
      },
    ];
  }
  const count = await imagePageCount(bytes, type, room);
  const pages = Array.from({ length: count }, (_, page) => ({ bytes, page, rotate: 0 as const }));
  return capturePages(pages, { ...options, capture, onPages });
}

/** Each page image decoded once, with the limits, and written anew from the pixels. */
async function capturePages(
  images: ({ bytes: Buffer; page: number; rotate: 0 } | ScannedPage)[],
  options: Parameters<typeof cleanForm>[3] & { capture: Capture; onPages: (count: number) => void },
): Promise<CleanPage[]> {
  const { today, capture, onPages } = options;
  const count = images.length;
  onPages(count);
  const out: CleanPage[] = [];
  for (const [page, image] of images.entries()) {
    options.onStep?.('checking', page + 1, count);
    const decoded = 'jpeg' in image ? await decodePage(image.jpeg, 0) : await decodePage(image.bytes, image.page);
    const turned = image.rotate ? { ...NO_EDITS, rotate: image.rotate } : undefined;
    const captured = await capturePage(decoded, {
      onReading: () => options.onStep?.('reading_id', page + 1, count),
      capture,
      edits: options.edits ?? turned,
      // An edit's input is already a kept original: kept as it is, not encoded once more per edit.
      ...(options.edits && !('jpeg' in image) ? { keptBytes: image.bytes } : {}),
      today,
    });
    const { pdf, width, height, dpi, sharpness, ink, ids, original } = captured;
    out.push({
      mediaType: 'application/pdf',
      data: pdf,
      sha256: digest(pdf),
      width,
      height,
      pageCount: 1,
      quality: { dpi, sharpness, ink, ids },
      original,
    });
  }
  return out;
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
