// Limits of the intake worker, beyond the form limits every layer shares (common/domain/form-limits.ts).
// They bound what a hostile file can make the desk do: time, memory, and bytes unpacked.
const MB = 1024 * 1024;

export const INTAKE_LIMITS = {
  /** Wall-clock time for checking and re-encoding one file… */
  timeoutMs: 30_000,
  /** …and for each page image once the file has shown how many it holds (analysis, the compact
   * PDF and reading the ID: about 1.5 s on a branch PC). */
  capturePageMs: 8_000,
  /** The worker's JavaScript heap (pdf-lib's parse lives there). */
  heapMb: 384,
  /** Growth of the desk process's resident memory while a file is checked (libvips decodes outside
   * the JavaScript heap, so the heap limit alone does not bound it). */
  rssGrowthMb: 1024,
  /** Files checked at once; the rest wait (one core stays free for the desk on a two-core PC). */
  concurrent: 1,
  /** What a PDF's streams may unpack to: object and cross-reference streams (pdf-lib unpacks these
   * to parse), other streams (page content, fonts), and all of them together. Images are bounded by
   * their declared size instead. */
  pdfObjectStreamBytes: 16 * MB,
  pdfStreamBytes: 48 * MB,
  pdfTotalInflatedBytes: 768 * MB,
  /** Objects in a PDF (a real form has a few thousand at most; each costs parsing time). */
  pdfObjects: 100_000,
  /** Nodes of a PDF page tree walked before the tree counts as malformed. */
  pdfPageTreeNodes: 2_000,
  pdfPageTreeDepth: 32,
} as const;

export type IntakeLimits = { readonly [K in keyof typeof INTAKE_LIMITS]: number };
