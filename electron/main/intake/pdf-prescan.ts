// A look at a PDF's raw bytes before any parser walks it. A parser trusts what a file declares, so
// this runs first and bounds what parsing can cost: the file must end (a cut-off file is refused,
// not half-read), and every stream is unpacked with a cap before pdf-lib unpacks it for real —
// object and cross-reference streams, which pdf-lib unpacks while loading, hardest of all. Images
// are checked against their declared size and pixel count.
import { inflateSync } from 'node:zlib';
import { FORM_LIMITS } from '../../../common/domain/form-limits';
import type { IntakeLimits } from './intake-limits';
import { refuse } from './refusal';

const MB = 1024 * 1024;
/** The keyword opening stream data (not the tail of "endstream"), then its end-of-line. */
const STREAM_START = /(?<![A-Za-z])stream(?:\r\n|\n|\r)/g;

type StreamKind = 'object-stream' | 'image' | 'other';

export function prescanPdf(bytes: Buffer, limits: IntakeLimits): void {
  const text = bytes.toString('latin1');
  // A complete PDF ends with %%EOF (anything after it is dropped by the re-encoding anyway).
  if (text.lastIndexOf('%%EOF') < 0) refuse('pdf-truncated');
  // An encryption dictionary in a trailer or cross-reference stream: the pages cannot be read
  // without the password (and the customer's form must reach JCIC readable).
  if (/\/Encrypt\s*(\d+\s+\d+\s+R|<<)/.test(text)) refuse('pdf-encrypted');
  let objects = 0;
  for (const _ of text.matchAll(/\d+\s+\d+\s+obj\b/g)) {
    if (++objects > limits.pdfObjects) refuse('pdf-too-complex', { objects: limits.pdfObjects });
  }
  let total = 0;
  for (const match of text.matchAll(STREAM_START)) {
    const start = match.index + match[0].length;
    const end = text.indexOf('endstream', start);
    if (end < 0) refuse('pdf-truncated');
    const dictionary = text.slice(Math.max(0, text.lastIndexOf(' obj', match.index)), match.index);
    const kind = streamKind(dictionary);
    const filters = [...dictionary.matchAll(/\/(FlateDecode|Fl|LZWDecode|LZW|RunLengthDecode|RL)\b/g)].map((m) => m[1]);
    // pdf-lib unpacks object streams and page content itself; only codecs whose output a cap can
    // bound are accepted there (images and fonts are copied as they are, never unpacked here).
    if (kind !== 'image' && filters.some((f) => f !== 'FlateDecode' && f !== 'Fl'))
      refuse('pdf-unsupported-compression');
    const cap = capFor(kind, dictionary, limits);
    if (!filters.includes('FlateDecode') && !filters.includes('Fl')) continue;
    const unpacked = inflatedSize(bytes.subarray(start, end), cap.bytes);
    if (unpacked === 'over') return refuse('pdf-inflates-too-much', { limitMb: Math.round(cap.bytes / MB) });
    total += unpacked;
    if (total > limits.pdfTotalInflatedBytes) {
      refuse('pdf-inflates-too-much', { limitMb: Math.round(limits.pdfTotalInflatedBytes / MB) });
    }
  }
}

function streamKind(dictionary: string): StreamKind {
  if (/\/Type\s*\/(ObjStm|XRef)\b/.test(dictionary)) return 'object-stream';
  if (/\/Subtype\s*\/Image\b/.test(dictionary)) return 'image';
  return 'other';
}

/** How far a stream may unpack; an image also has its declared pixels checked. */
function capFor(kind: StreamKind, dictionary: string, limits: IntakeLimits): { bytes: number } {
  if (kind === 'object-stream') return { bytes: limits.pdfObjectStreamBytes };
  if (kind === 'other') return { bytes: limits.pdfStreamBytes };
  const width = directNumber(dictionary, 'Width');
  const height = directNumber(dictionary, 'Height');
  if (width === null || height === null) return { bytes: limits.pdfStreamBytes };
  if (width * height > FORM_LIMITS.maxPixels) refuse('too-many-pixels', { width, height });
  const bits = directNumber(dictionary, 'BitsPerComponent') ?? 8;
  // Up to four colour components, plus one predictor byte per row, plus a little slack.
  return { bytes: Math.ceil((width * height * 4 * bits) / 8) + height + 64 * 1024 };
}

function directNumber(dictionary: string, key: string): number | null {
  const match = new RegExp(`/${key}\\s+(\\d+)(?!\\s+\\d+\\s+R)`).exec(dictionary);
  return match ? Number(match[1]) : null;
}

/** Bytes the stream unpacks to, 'over' past `cap`, 0 when it is not readable zlib data (the parser
 * then decides; a damaged stream costs nothing here). */
function inflatedSize(data: Buffer, cap: number): number | 'over' {
  try {
    return inflateSync(data, { maxOutputLength: cap }).length;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' || e instanceof RangeError) return 'over';
    return 0;
  }
}
