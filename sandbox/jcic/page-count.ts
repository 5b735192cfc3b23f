// How many pages a submitted authorization form has, as the trainer's page shows it. The desk sends
// one entry in document.pages per file it stored: an image is one page, a PDF may hold many (the
// desk's own count is its case_pages.page_count, which JCIC does not receive).
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
