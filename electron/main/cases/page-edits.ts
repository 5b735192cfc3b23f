// What the case keeps of how a stored page was made from its original (case_pages.edits): the
// original's size, the edits applied, and what the editor suggested; and the check of an officer's
// edits against that original before the intake worker applies them. The renderer sends numbers
// only; they are checked here and the pixels are made on the main side's worker from the original.
import type { CleanPage } from '../intake/clean-form';
import { MAX_DESKEW, type PageEdits, type Quad, type Suggested } from '../capture/page-geometry';
import { DeskError } from '../errors';
import type { PageRow } from './case-rows';

export interface KeptEdits {
  width: number;
  height: number;
  edits: PageEdits;
  suggested: Suggested | null;
}

export function keptEdits(page: CleanPage): string | null {
  if (!page.original) return null;
  const { width, height, edits, suggested } = page.original;
  return JSON.stringify({ width, height, edits, suggested } satisfies KeptEdits);
}

export function readKeptEdits(row: PageRow): KeptEdits | null {
  return row.original_as && row.edits ? (JSON.parse(row.edits) as KeptEdits) : null;
}

/** The officer's edits, if they fit the original: corners inside it, in order round a convex sheet
 * of some size, a deskew within the editor's range. */
export function checkedEdits(edits: PageEdits, kept: KeptEdits): PageEdits {
  const problem = (zh: string, en: string, at = 'corners') =>
    new DeskError('PAGE_EDIT_REFUSED', { detail: { 'zh-TW': zh, en } }).about(at);
  if (Math.abs(edits.deskew) > MAX_DESKEW)
    throw problem('拉正角度超出範圍', 'the straightening angle is out of range', 'deskew');
  if (!edits.corners) return edits;
  const corners = edits.corners;
  if (corners.some(([x, y]) => x < 0 || y < 0 || x > kept.width || y > kept.height))
    throw problem('邊角超出影像範圍', 'a corner lies outside the image');
  if (!convexClockwise(corners))
    throw problem('四個邊角須依序圍成頁面', 'the four corners must go round the page in order');
  const area = Math.abs(shoelace(corners));
  if (area < kept.width * kept.height * 0.05)
    throw problem(
      '裁切範圍太小，請把邊角拉到頁面四角',
      'the crop is too small: move the corners to the page’s corners',
    );
  return edits;
}

function convexClockwise(q: Quad): boolean {
  // In image coordinates (y down), going top-left → top-right → bottom-right → bottom-left turns
  // the same way at every corner.
  const turns = q.map((p, i) => {
    const a = q[(i + 3) % 4]!;
    const b = q[(i + 1) % 4]!;
    return (p[0] - a[0]) * (b[1] - p[1]) - (p[1] - a[1]) * (b[0] - p[0]);
  });
  return turns.every((t) => t > 0);
}

function shoelace(q: Quad): number {
  let sum = 0;
  for (let i = 0; i < 4; i++) sum += q[i]![0] * q[(i + 1) % 4]![1] - q[(i + 1) % 4]![0] * q[i]![1];
  return sum / 2;
}
