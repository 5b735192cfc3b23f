// Where the sheet is in a captured image, and the image turned into the sheet alone (in the intake
// worker): the page's corners found on a small grey copy (a document camera sees the sheet on a
// desk, at an angle), the perspective taken out by mapping those corners to a rectangle, a skew
// measured from the text lines, and the officer's turns and corrections applied. Every edit is done
// here, on the original the desk kept, from numbers the main side validated: never pixels from the
// renderer.
import sharp, { type Sharp } from 'sharp';

export type Point = [number, number];
/** Top-left, top-right, bottom-right, bottom-left, in the original image's pixels. */
export type Quad = [Point, Point, Point, Point];

export interface PageEdits {
  /** Quarter turns clockwise, applied last. */
  rotate: 0 | 90 | 180 | 270;
  /** The sheet's corners; null: the whole image is the sheet. */
  corners: Quad | null;
  /** Degrees clockwise to straighten the sheet (after the corners). */
  deskew: number;
}

export const NO_EDITS: PageEdits = { rotate: 0, corners: null, deskew: 0 };

/** What the editor starts from: the sheet's corners as found and the skew measured after them. */
export interface Suggested {
  corners: Quad | null;
  deskew: number;
}

/** The edits that make the page from a decoded image: the officer's when given, else the capture's
 * own: a camera shot cut to the sheet and straightened (what was found is also the editor's
 * suggestion), a scan straightened, a file as it is (the editor finds its suggestion when it opens:
 * `suggest`, so an import pays nothing for it). */
export async function straightened(
  decoded: Raw,
  given: PageEdits | undefined,
  capture: 'file' | 'camera' | 'scanner',
): Promise<{ page: Raw; edits: PageEdits; suggested: Suggested | null }> {
  if (given) return { page: await applyEdits(decoded, given), edits: given, suggested: null };
  if (capture === 'file') return { page: decoded, edits: NO_EDITS, suggested: null };
  if (capture === 'scanner') {
    const deskew = await measureSkew(decoded);
    const page = deskew ? await applyEdits(decoded, { ...NO_EDITS, deskew }) : decoded;
    return { page, edits: { ...NO_EDITS, deskew }, suggested: null };
  }
  const { cut, suggested } = await found(decoded);
  const page = suggested.deskew ? await applyEdits(cut, { ...NO_EDITS, deskew: suggested.deskew }) : cut;
  return { page, edits: { ...NO_EDITS, ...suggested }, suggested };
}

/** The corners and skew the editor suggests for an original. */
export async function suggest(decoded: Raw): Promise<Suggested> {
  return (await found(decoded)).suggested;
}

async function found(decoded: Raw): Promise<{ cut: Raw; suggested: Suggested }> {
  const corners = await detectCorners(decoded);
  const cut = corners ? unwarp(decoded, corners) : decoded;
  return { cut, suggested: { corners, deskew: await measureSkew(cut) } };
}

/** The decoded image as the desk keeps it for the editor: a fresh JPEG (nothing else of the file).
 * q85 without optimised Huffman tables: a fifth of q90 4:4:4's time (22 against 97 ms on an A4 page
 * at 200 dpi) for a copy only the editor reads. */
export async function keptOriginal(decoded: Raw): Promise<Buffer> {
  return sharp(decoded.rgb, { raw: { width: decoded.width, height: decoded.height, channels: 3 } })
    .jpeg({ quality: 85, optimiseCoding: false })
    .toBuffer();
}
export const MAX_DESKEW = 15;

/** The small copies the corners and the skew are found on (the skew needs the text lines apart). */
const PROBE = 320;
const SKEW_PROBE = 900;

export interface Raw {
  rgb: Buffer;
  width: number;
  height: number;
}

async function greyProbe(
  page: Raw,
  size = PROBE,
): Promise<{ grey: Buffer; width: number; height: number; scale: number }> {
  const { data, info } = await sharp(page.rgb, { raw: { width: page.width, height: page.height, channels: 3 } })
    .resize({ width: size, height: size, fit: 'inside', kernel: 'linear' })
    .toColourspace('b-w')
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { grey: data, width: info.width, height: info.height, scale: page.width / info.width };
}

/** The sheet's corners when the image shows it on something darker (a desk under a document camera);
 * null when the sheet fills the image (a flatbed scan) or no sheet stands out. */
export async function detectCorners(page: Raw): Promise<Quad | null> {
  const { grey, width, height, scale } = await greyProbe(page);
  const paper = largestBright(grey, width, height, valleyThreshold(grey));
  if (!paper) return null;
  // The corners are the sheet's pixels furthest along each diagonal.
  const best = [Infinity, -Infinity, -Infinity, Infinity]; // x+y min, x-y max, x+y max, x-y min
  const at: [number, number][] = [
    [0, 0],
    [0, 0],
    [0, 0],
    [0, 0],
  ];
  for (let i = 0; i < paper.length; i++) {
    if (!paper[i]) continue;
    const x = i % width;
    const y = (i - x) / width;
    const s = x + y;
    const d = x - y;
    if (s < best[0]!) {
      best[0] = s;
      at[0] = [x, y];
    }
    if (d > best[1]!) {
      best[1] = d;
      at[1] = [x + 1, y];
    }
    if (s > best[2]!) {
      best[2] = s;
      at[2] = [x + 1, y + 1];
    }
    if (d < best[3]!) {
      best[3] = d;
      at[3] = [x, y + 1];
    }
  }
  const quad = at.map(
    ([x, y]) => [clamp(x * scale, page.width), clamp(y * scale, page.height)] as const,
  ) as unknown as Quad;
  // Corners within 2% of the image's own: the sheet is the image (nothing to take away).
  const frame: Quad = [
    [0, 0],
    [page.width, 0],
    [page.width, page.height],
    [0, page.height],
  ];
  const near = Math.hypot(page.width, page.height) * 0.02;
  return quad.every((p, i) => Math.hypot(p[0] - frame[i]![0], p[1] - frame[i]![1]) < near) ? null : quad;
}

const clamp = (v: number, max: number) => Math.round(Math.max(0, Math.min(max, v)));

/** The valley between the desk's and the paper's brightness: the histogram's lowest point between
 * the means of Otsu's two classes (Otsu's threshold alone sits too close to a shadowed sheet). */
function valleyThreshold(grey: Buffer): number {
  const hist = new Float64Array(256);
  for (const v of grey) hist[v]!++;
  let total = 0;
  for (let i = 0; i < 256; i++) total += i * hist[i]!;
  let below = 0;
  let belowSum = 0;
  let bestBetween = -1;
  let means: [number, number] = [0, 255];
  for (let t = 0; t < 255; t++) {
    below += hist[t]!;
    belowSum += t * hist[t]!;
    const above = grey.length - below;
    if (below === 0 || above === 0) continue;
    const m0 = belowSum / below;
    const m1 = (total - belowSum) / above;
    const between = below * above * (m0 - m1) ** 2;
    if (between > bestBetween) {
      bestBetween = between;
      means = [m0, m1];
    }
  }
  const smooth = (i: number) => {
    let sum = 0;
    for (let k = -4; k <= 4; k++) sum += hist[Math.max(0, Math.min(255, i + k))]!;
    return sum;
  };
  let valley = Math.round(means[0]);
  for (let i = Math.round(means[0]); i <= Math.round(means[1]); i++) if (smooth(i) < smooth(valley)) valley = i;
  return valley;
}

/** The largest 4-connected region brighter than `threshold`, as a mask; null when it is not a sheet
 * on a desk (under a fifth of the image, or all of it). */
function largestBright(grey: Buffer, width: number, height: number, threshold: number): Uint8Array | null {
  const label = new Int32Array(width * height);
  const queue = new Int32Array(width * height);
  let bestLabel = 0;
  let bestSize = 0;
  let next = 0;
  for (let start = 0; start < grey.length; start++) {
    if (label[start] || grey[start]! <= threshold) continue;
    next++;
    let head = 0;
    let tail = 0;
    queue[tail++] = start;
    label[start] = next;
    while (head < tail) {
      const i = queue[head++]!;
      const x = i % width;
      for (const j of [x > 0 ? i - 1 : -1, x < width - 1 ? i + 1 : -1, i - width, i + width]) {
        if (j < 0 || j >= grey.length || label[j] || grey[j]! <= threshold) continue;
        label[j] = next;
        queue[tail++] = j;
      }
    }
    if (tail > bestSize) {
      bestSize = tail;
      bestLabel = next;
    }
  }
  const share = bestSize / grey.length;
  if (share < 0.2 || share > 0.985) return null;
  // A desk is darker than the sheet; a bright ring around the region (a form's printed border on a
  // flatbed scan: the margin is paper too) means the region is not the sheet.
  let inside = 0;
  let outside = 0;
  for (let i = 0; i < grey.length; i++) {
    if (label[i] === bestLabel) inside += grey[i]!;
    else outside += grey[i]!;
  }
  if (outside / (grey.length - bestSize) > 0.75 * (inside / bestSize)) return null;
  return Uint8Array.from(label, (l) => (l === bestLabel ? 1 : 0));
}

/** The skew of the text, in degrees clockwise to straighten it (within ±8°, to a tenth): the angle
 * at which the dark pixels' rows are most uneven (lines of text line up with the rows). */
export async function measureSkew(page: Raw): Promise<number> {
  const { grey, width, height } = await greyProbe(page, SKEW_PROBE);
  const xs: number[] = [];
  const ys: number[] = [];
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      if (grey[y * width + x]! >= 110) continue;
      xs.push(x - width / 2);
      ys.push(y - height / 2);
    }
  if (xs.length < 50) return 0;
  const reach = Math.ceil(Math.hypot(width, height) / 2) + 2;
  const rows = new Float64Array(reach * 2);
  const unevenness = (deg: number) => {
    const a = (deg * Math.PI) / 180;
    const sin = Math.sin(a);
    const cos = Math.cos(a);
    rows.fill(0);
    for (let i = 0; i < xs.length; i++) rows[Math.round(xs[i]! * sin + ys[i]! * cos) + reach]!++;
    let score = 0;
    for (const r of rows) score += r * r;
    return score;
  };
  const bestOf = (from: number, to: number, step: number) => {
    let best = from;
    let bestScore = -1;
    for (let deg = from; deg <= to + 1e-9; deg += step) {
      const score = unevenness(deg);
      if (score > bestScore) {
        bestScore = score;
        best = deg;
      }
    }
    return best;
  };
  const coarse = bestOf(-8, 8, 0.5);
  const fine = Math.round(bestOf(coarse - 0.5, coarse + 0.5, 0.1) * 10) / 10;
  return Math.abs(fine) < 0.3 ? 0 : fine;
}

/** The sheet alone, upright: the perspective taken out (corners), straightened (deskew), turned. */
export async function applyEdits(page: Raw, edits: PageEdits): Promise<Raw> {
  let out = edits.corners ? unwarp(page, edits.corners) : page;
  if (edits.deskew !== 0) {
    // Turned about its centre onto white, then cut back to the sheet's own size.
    const turned = await raw(out, (image) => image.rotate(edits.deskew, { background: '#ffffff' }));
    const left = Math.floor((turned.width - out.width) / 2);
    const top = Math.floor((turned.height - out.height) / 2);
    out = await raw(turned, (image) => image.extract({ left, top, width: out.width, height: out.height }));
  }
  if (edits.rotate !== 0) out = await raw(out, (image) => image.rotate(edits.rotate));
  return out;
}

async function raw(page: Raw, step: (image: Sharp) => Sharp): Promise<Raw> {
  const image = sharp(page.rgb, { raw: { width: page.width, height: page.height, channels: 3 } });
  const { data, info } = await step(image).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return { rgb: data, width: info.width, height: info.height };
}

/** The quad mapped onto an A4 rectangle as long as its longer sides (a projective map, bilinear
 * sampling): what a sheet photographed at an angle looks like seen square on. The sheet is A4 (the
 * bank's forms): a photograph's foreshortening says nothing reliable of its proportions. */
export function unwarp(page: Raw, quad: Quad): Raw {
  const [tl, tr, br, bl] = quad;
  const across = Math.max(dist(tl, tr), dist(bl, br));
  const down = Math.max(dist(tl, bl), dist(tr, br));
  const long = Math.max(8, Math.round(Math.max(across, down)));
  const short = Math.round(long / Math.SQRT2);
  const [width, height] = down >= across ? [short, long] : [long, short];
  const h = homography(
    [
      [0, 0],
      [width, 0],
      [width, height],
      [0, height],
    ],
    quad,
  );
  const src = page.rgb;
  const sw = page.width;
  const sh = page.height;
  const out = Buffer.alloc(width * height * 3, 255);
  for (let y = 0; y < height; y++) {
    const yc = y + 0.5;
    for (let x = 0; x < width; x++) {
      const xc = x + 0.5;
      const w = h[6]! * xc + h[7]! * yc + 1;
      const sx = (h[0]! * xc + h[1]! * yc + h[2]!) / w - 0.5;
      const sy = (h[3]! * xc + h[4]! * yc + h[5]!) / w - 0.5;
      if (sx < 0 || sy < 0 || sx >= sw - 1 || sy >= sh - 1) continue;
      const x0 = sx | 0;
      const y0 = sy | 0;
      const fx = sx - x0;
      const fy = sy - y0;
      const a = (y0 * sw + x0) * 3;
      const b = a + sw * 3;
      const o = (y * width + x) * 3;
      for (let c = 0; c < 3; c++) {
        const top = src[a + c]! + (src[a + 3 + c]! - src[a + c]!) * fx;
        const bottom = src[b + c]! + (src[b + 3 + c]! - src[b + c]!) * fx;
        out[o + c] = top + (bottom - top) * fy + 0.5;
      }
    }
  }
  return { rgb: out, width, height };
}

const dist = (a: Point, b: Point) => Math.hypot(a[0] - b[0], a[1] - b[1]);

/** The projective map taking each `from` point to its `to` point (8 unknowns, Gaussian elimination). */
function homography(from: Quad, to: Quad): number[] {
  const m: number[][] = [];
  for (let i = 0; i < 4; i++) {
    const [x, y] = from[i]!;
    const [u, v] = to[i]!;
    m.push([x, y, 1, 0, 0, 0, -u * x, -u * y, u]);
    m.push([0, 0, 0, x, y, 1, -v * x, -v * y, v]);
  }
  for (let col = 0; col < 8; col++) {
    let pivot = col;
    for (let r = col + 1; r < 8; r++) if (Math.abs(m[r]![col]!) > Math.abs(m[pivot]![col]!)) pivot = r;
    [m[col], m[pivot]] = [m[pivot]!, m[col]!];
    const p = m[col]![col]!;
    if (Math.abs(p) < 1e-12) throw new Error('the corners do not make a quadrilateral');
    for (let r = 0; r < 8; r++) {
      if (r === col) continue;
      const f = m[r]![col]! / p;
      for (let k = col; k < 9; k++) m[r]![k]! -= f * m[col]![k]!;
    }
  }
  return m.map((row, i) => row[8]! / row[i]!);
}
