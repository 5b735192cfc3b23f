// One page image from decoded pixels to what the case stores (in the intake worker; the capture
// benchmark runs exactly this): the sheet alone and upright (the officer's edits, or what the
// capture calls for), measured, written as the compact PDF, its ID read; and the original kept for
// the page editor, encoded by libvips while the analysis runs on this thread.
import { analysePixels } from './page-analysis';
import { compactPdf } from './compact-pdf';
import { idsOnPage } from './ocr';
import { keptOriginal, straightened, type PageEdits, type Raw, type Suggested } from './page-geometry';

export type Capture = 'file' | 'camera' | 'scanner';

export interface CapturedPage {
  pdf: Buffer;
  width: number;
  height: number;
  dpi: number;
  sharpness: number;
  ink: number;
  /** Valid ID numbers read off the page (empty when not read). */
  ids: string[];
  /** Pieces kept in colour (the seal, the signature). */
  colourBoxes: number;
  original: { data: Buffer; width: number; height: number; edits: PageEdits; suggested: Suggested | null };
}

export async function capturePage(
  decoded: Raw,
  options: {
    capture: Capture;
    /** The officer's edits; then `keptBytes` is the original they apply to, kept as it is. */
    edits?: PageEdits | undefined;
    keptBytes?: Buffer;
    /** Today (Taiwan) for the ID formats; null: the ID is not read (the benchmark's no-OCR figure). */
    today: string | null;
    /** Told as the ID reading starts (the slow step: about a second). */
    onReading?: () => void;
  },
): Promise<CapturedPage> {
  const kept = options.keptBytes ? Promise.resolve(options.keptBytes) : keptOriginal(decoded);
  const { page, edits, suggested } = await straightened(decoded, options.edits, options.capture);
  const analysis = analysePixels(page.rgb, page.width, page.height);
  const pdf = await compactPdf([analysis]);
  options.onReading?.();
  const ids = options.today === null ? [] : await idsOnPage(analysis, options.today);
  return {
    pdf,
    width: page.width,
    height: page.height,
    dpi: analysis.dpi,
    sharpness: analysis.sharpness,
    ink: analysis.ink,
    ids,
    colourBoxes: analysis.colour.length,
    original: { data: await kept, width: decoded.width, height: decoded.height, edits, suggested },
  };
}
