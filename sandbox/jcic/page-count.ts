// How many pages a submitted authorization form has, as the trainer's page shows it. The desk sends
// a paper form as one PDF holding every page, and a signed one as one CMS; the contract's older
// shape, an entry per file (an image is one page, a PDF may hold many), is still counted the same
// way, page by page, never entry by entry.
import { PDFDocument } from 'pdf-lib';

export interface SubmittedPage {
  mediaType: string;
  data: Buffer;
}

/** Pages in one entry: a PDF's own page count, 1 for an image (or a PDF that does not open here). */
export async function entryPages(entry: SubmittedPage): Promise<number> {
  if (entry.mediaType !== 'application/pdf') return 1;
  try {
    const pdf = await PDFDocument.load(entry.data, { ignoreEncryption: true, updateMetadata: false });
    return Math.max(1, pdf.getPageCount());
  } catch {
    return 1;
  }
}

/** Pages in the whole document. */
export async function documentPages(entries: SubmittedPage[]): Promise<number> {
  let pages = 0;
  for (const entry of entries) pages += await entryPages(entry);
  return pages;
}
