// Checks a captured authorization form before anything is stored: the type by content (never by
// name), size, page count and pixel limits, and a full decode so a truncated or hostile file is
// refused with a clear message. Files, and later camera frames and scans, all come in here.
import sharp, { type Metadata, type OutputInfo } from 'sharp';
import { PDFDocument } from 'pdf-lib';
import { DeskError } from '../errors';
import { FORM_LIMITS, tooLargeDetail } from '../../../common/domain/form-limits';

export type FormMediaType = 'application/pdf' | 'image/jpeg' | 'image/png' | 'image/tiff';

export interface AcceptedPage {
  mediaType: 'application/pdf' | 'image/png' | 'image/jpeg';
  data: Buffer;
  width: number | null;
  height: number | null;
  /** Pages in this item: a PDF keeps all its pages in one document; an image is one page. */
  pageCount: number;
}

/** Where captured forms come from: a file today; the document camera and scanner join later. */
export interface FormSource {
  readonly kind: 'file' | 'camera' | 'scanner';
  fileName: string;
  bytes: Buffer;
}

export function sniff(bytes: Buffer): FormMediaType | null {
  if (bytes.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf';
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  const head = bytes.subarray(0, 4).toString('latin1');
  if (head === 'II*\0' || head === 'MM\0*') return 'image/tiff';
  return null;
}

const reject = (file: string, zh: string, en: string): never => {
  throw new DeskError('FILE_REJECTED', { file, detail: { 'zh-TW': zh, en } });
};

/** Returns the pages to store; throws FILE_REJECTED with the reason otherwise. */
export async function acceptForm(source: FormSource, pagesAlready: number): Promise<AcceptedPage[]> {
  const { fileName: file, bytes } = source;
  if (bytes.length === 0) reject(file, '檔案是空的', 'the file is empty');
  if (bytes.length > FORM_LIMITS.maxFileBytes) throw new DeskError('FILE_REJECTED', { file, detail: tooLargeDetail() });
  const type = sniff(bytes);
  if (!type)
    return reject(
      file,
      '不是 PDF、JPEG、PNG 或 TIFF 檔（依檔案內容判斷）',
      'not a PDF, JPEG, PNG or TIFF file (judged by its content)',
    );
  const room = FORM_LIMITS.maxPagesPerCase - pagesAlready;

  if (type === 'application/pdf') {
    let pages: number;
    try {
      const pdf = await PDFDocument.load(bytes, { updateMetadata: false, throwOnInvalidObject: true });
      if (pdf.isEncrypted) reject(file, 'PDF 有密碼保護', 'the PDF is password-protected');
      pages = pdf.getPageCount();
    } catch (e) {
      if (e instanceof DeskError) throw e;
      return reject(file, 'PDF 檔已損毀或無法讀取', 'the PDF is damaged or unreadable');
    }
    if (pages < 1) reject(file, 'PDF 沒有任何頁面', 'the PDF has no pages');
    if (pages > room) throw new DeskError('TOO_MANY_PAGES', { max: FORM_LIMITS.maxPagesPerCase });
    // A PDF stays one document; JCIC receives it as the customer signed it.
    return [{ mediaType: 'application/pdf', data: bytes, width: null, height: null, pageCount: pages }];
  }

  let meta: Metadata;
  try {
    meta = await sharp(bytes, { limitInputPixels: FORM_LIMITS.maxPixels }).metadata();
  } catch {
    return reject(file, '影像檔已損毀或無法讀取', 'the image is damaged or unreadable');
  }
  const pageCount = type === 'image/tiff' ? (meta.pages ?? 1) : 1;
  if (pageCount > room) throw new DeskError('TOO_MANY_PAGES', { max: FORM_LIMITS.maxPagesPerCase });
  const out: AcceptedPage[] = [];
  for (let page = 0; page < pageCount; page++) {
    let decoded: { data: Buffer; info: OutputInfo };
    try {
      // A full decode (failOn 'truncated') proves the whole image is there; TIFF pages become PNG so every page can be shown.
      const image = sharp(bytes, { limitInputPixels: FORM_LIMITS.maxPixels, failOn: 'truncated', page }).rotate();
      decoded =
        type === 'image/tiff'
          ? await image.png().toBuffer({ resolveWithObject: true })
          : await image.toBuffer({ resolveWithObject: true });
    } catch (e) {
      const message = String((e as Error).message);
      if (/pixel limit/i.test(message))
        return reject(
          file,
          `影像超過 ${FORM_LIMITS.maxPixels / 1_000_000} 百萬像素`,
          `the image is over ${FORM_LIMITS.maxPixels / 1_000_000} megapixels`,
        );
      return reject(file, '影像檔不完整或已損毀', 'the image is incomplete or damaged');
    }
    const { width, height } = decoded.info;
    if (Math.min(width, height) < FORM_LIMITS.minSide) {
      reject(
        file,
        `影像解析度太低（${width}×${height}），JCIC 可能無法辨識，請以至少 ${FORM_LIMITS.minSide} 像素重新擷取`,
        `resolution too low (${width}×${height}) for JCIC to read; capture it again at ${FORM_LIMITS.minSide} pixels or more`,
      );
    }
    // Stored as received for JPEG/PNG (the customer's form, unaltered); TIFF pages as PNG.
    out.push({
      mediaType: type === 'image/tiff' ? 'image/png' : type,
      data: type === 'image/tiff' ? decoded.data : bytes,
      width,
      height,
      pageCount: 1,
    });
  }
  return out;
}
