// The combining worker's entry: a paper case's stored form items in, the one PDF JCIC gets out. It
// runs pagesAsPdf, the same function that writes `desk import-check --out`, so a form reads the same
// wherever the desk makes it into one PDF. pdf-lib parses every item here, on this thread: parsing
// twenty pages can take longer than the desk's event loop may stall (50 ms), and form-combine.ts
// bounds this thread's heap and time.
import { parentPort } from 'node:worker_threads';
import { pagesAsPdf, type CleanPage } from '../intake/clean-form';

export interface CombineItem {
  mediaType: 'application/pdf' | 'image/png' | 'image/jpeg';
  sha256: string;
  pageCount: number;
  data: Uint8Array;
}

export interface CombineRequest {
  id: number;
  items: CombineItem[];
}

export type CombineAnswer = { id: number; ok: true; pdf: Uint8Array } | { id: number; ok: false; error: string };

parentPort!.on('message', (request: CombineRequest) => {
  void combine(request).then((answer) =>
    parentPort!.postMessage(answer, answer.ok ? [answer.pdf.buffer as ArrayBuffer] : []),
  );
});

async function combine({ id, items }: CombineRequest): Promise<CombineAnswer> {
  try {
    // pagesAsPdf reads only an item's type and bytes; the rest of a CleanPage is what the store knows.
    const pages: CleanPage[] = items.map((item) => ({
      mediaType: item.mediaType,
      data: Buffer.from(item.data.buffer, item.data.byteOffset, item.data.byteLength),
      sha256: item.sha256,
      width: null,
      height: null,
      pageCount: item.pageCount,
      quality: null,
      original: null,
    }));
    const pdf = await pagesAsPdf(pages);
    // A copy in an ArrayBuffer of its own (a small Buffer may sit in Node's shared pool), so it can be handed over.
    const owned = new Uint8Array(pdf.length);
    owned.set(pdf);
    return { id, ok: true, pdf: owned };
  } catch (e) {
    return { id, ok: false, error: String((e as Error)?.message ?? e).slice(0, 300) };
  }
}
