// The quality gate on a captured paper form, before it can go to a supervisor: what is wrong with
// a page (blurred, below 200 dpi as an A4 sheet, blank) or with the form (not the form type's page
// count, the customer's ID number not found on it, or another person's found instead). Each finding
// has a key, so an officer's override (with a reason) stays with the very finding it answers.
// Pure: main judges with it, and the words are the same on every screen.
import type { Bilingual } from '../contract/errors';

export type QualityCode = 'blurred' | 'low_resolution' | 'blank' | 'page_count' | 'id_missing' | 'id_other';

/** What the desk keeps of a page image's measurements (never the ID numbers read: only a verdict). */
export interface StoredQuality {
  dpi: number;
  sharpness: number;
  ink: number;
  /** The customer's ID was read on this page; another valid ID and not theirs; or none. */
  id: 'match' | 'other' | 'none';
}

export const QUALITY_LIMITS = {
  /** As an A4 sheet; a little under (a 200-dpi scan of a sheet trimmed by a millimetre) still passes. */
  minDpi: 195,
  /** Variance of the Laplacian at edges (capture/page-analysis.ts): a sharp scan is in the tens of
   * thousands, a document camera slightly soft in the thousands, an out-of-focus shot in the hundreds. */
  minSharpness: 2000,
  /** Share of ink below which a page is blank (a filled form carries 1–5 %). */
  minInk: 0.002,
} as const;

export interface QualityFinding {
  key: string;
  code: QualityCode;
  /** The page item it is about, or null for the form as a whole. */
  pageId: number | null;
  position: number | null;
  params: Record<string, string>;
}

export interface GatePage {
  id: number;
  position: number;
  pageCount: number;
  quality: StoredQuality | null;
}

export function qualityFindings(pages: readonly GatePage[], expectedPages: number): QualityFinding[] {
  const findings: QualityFinding[] = [];
  const onPage = (code: QualityCode, p: GatePage, params: Record<string, string> = {}) =>
    findings.push({ key: `${code}:${p.id}`, code, pageId: p.id, position: p.position, params });
  for (const p of pages) {
    const q = p.quality;
    if (!q) continue;
    if (q.ink < QUALITY_LIMITS.minInk) onPage('blank', p);
    else if (q.sharpness < QUALITY_LIMITS.minSharpness) onPage('blurred', p);
    if (q.dpi < QUALITY_LIMITS.minDpi) onPage('low_resolution', p, { dpi: String(Math.round(q.dpi)) });
  }
  const total = pages.reduce((n, p) => n + p.pageCount, 0);
  if (pages.length > 0 && total !== expectedPages)
    findings.push({
      key: 'page_count',
      code: 'page_count',
      pageId: null,
      position: null,
      params: { found: String(total), expected: String(expectedPages) },
    });
  const measured = pages.filter((p) => p.quality);
  if (measured.length > 0 && !measured.some((p) => p.quality!.id === 'match')) {
    const other = measured.find((p) => p.quality!.id === 'other');
    if (other) onPage('id_other', other);
    else findings.push({ key: 'id_missing', code: 'id_missing', pageId: null, position: null, params: {} });
  }
  return findings;
}

export const QUALITY_WORDS: Record<QualityCode, Bilingual> = {
  blurred: {
    'zh-TW': '第 {{position}} 頁模糊不清，請重新拍攝或掃描',
    en: 'Page {{position}} is blurred: capture it again',
  },
  low_resolution: {
    'zh-TW': '第 {{position}} 頁解析度約 {{dpi}} dpi，低於 A4 的 200 dpi，請以較高解析度重新掃描',
    en: 'Page {{position}} is about {{dpi}} dpi, below 200 dpi for A4: scan it again at a higher resolution',
  },
  blank: { 'zh-TW': '第 {{position}} 頁是空白頁', en: 'Page {{position}} is blank' },
  page_count: {
    'zh-TW': '授權書共 {{found}} 頁，本行授權書應為 {{expected}} 頁',
    en: 'The form has {{found}} pages; the bank’s form has {{expected}}',
  },
  id_missing: {
    'zh-TW': '授權書上找不到客戶的身分證字號，請確認是本人的授權書並清楚拍攝',
    en: "The customer's ID number was not found on the form: check it is theirs and capture it clearly",
  },
  id_other: {
    'zh-TW': '第 {{position}} 頁上的身分證字號不是本案客戶的：可能是別人的授權書',
    en: "Page {{position}} bears an ID number that is not this customer's: it may be someone else's form",
  },
};

/** One finding in one language, its slots filled. */
export function qualityText(
  finding: Pick<QualityFinding, 'code' | 'params' | 'position'>,
  lang: 'zh-TW' | 'en',
): string {
  const values: Record<string, string> = { ...finding.params, position: String(finding.position ?? '') };
  return QUALITY_WORDS[finding.code][lang].replace(/\{\{(\w+)\}\}/g, (_, k: string) => values[k] ?? '');
}
