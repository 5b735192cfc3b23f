// Limits on a captured authorization form, one definition: main enforces them on the bytes, and
// the renderer checks the size before it reads a file, so a huge file gets the same message at once.
export const FORM_LIMITS = {
  maxFileBytes: 20 * 1024 * 1024,
  maxPagesPerCase: 20,
  /** Largest image accepted (a 600-dpi A4 scan is about 35 megapixels). */
  maxPixels: 50_000_000,
  minSide: 600,
} as const;

/** The reason a file is over the size limit, in both languages (FILE_REJECTED's detail). */
export const tooLargeDetail = () => ({
  'zh-TW': `檔案超過 ${FORM_LIMITS.maxFileBytes / 1024 / 1024} MB`,
  en: `larger than ${FORM_LIMITS.maxFileBytes / 1024 / 1024} MB`,
});
