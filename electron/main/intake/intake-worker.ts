// The intake worker's entry: one file in, cleaned pages or a refusal out. It runs in its own
// thread with a heap limit, and the desk stops it when it takes too long or grows too large, so a
// hostile file costs this thread, never the desk's event loop.
import { parentPort } from 'node:worker_threads';
import sharp from 'sharp';
import { cleanForm, pagesAsPdf } from './clean-form';
import { decodePage } from './clean-image';
import { suggest } from '../capture/page-geometry';
import { INTAKE_LIMITS } from './intake-limits';
import { Refusal } from './refusal';
import type { IntakeAnswer, IntakeRequest } from './intake-protocol';

// libvips settings are per process: one thread for decoding keeps a bomb from taking both cores,
// and no cache keeps decoded customer forms from lingering in memory.
sharp.concurrency(1);
sharp.cache(false);

parentPort!.on('message', (request: IntakeRequest) => {
  void answer(request).then((reply) => {
    const transfer = reply.ok
      ? reply.pages.flatMap((p) =>
          [p.data, ...(p.original ? [p.original.data] : [])].map((d) => d.buffer as ArrayBuffer),
        )
      : [];
    if (reply.ok && reply.pdf) transfer.push(reply.pdf.buffer as ArrayBuffer);
    parentPort!.postMessage(reply, transfer);
  });
});

/** A copy in an ArrayBuffer of its own (a Buffer may sit in a shared pool), so it can be handed over. */
function owned(data: Uint8Array): Uint8Array {
  const copy = new Uint8Array(data.length);
  copy.set(data);
  return copy;
}

async function answer(request: IntakeRequest): Promise<IntakeAnswer> {
  try {
    if (request.suggest) {
      const suggested = await suggest(await decodePage(Buffer.from(request.bytes), 0));
      return { ok: true, pages: [], pdf: null, suggested };
    }
    const pages = await cleanForm(Buffer.from(request.bytes), request.room, INTAKE_LIMITS, {
      today: request.today,
      capture: request.capture,
      edits: request.edits,
      onPages: (count) => parentPort!.postMessage({ t: 'pages', count }),
      onStep: (step, page, of) => parentPort!.postMessage({ t: 'step', step, page, of }),
    });
    const pdf = request.asPdf ? owned(await pagesAsPdf(pages)) : null;
    return {
      ok: true,
      pages: pages.map((p) => ({
        ...p,
        data: owned(p.data),
        original: p.original && { ...p.original, data: owned(p.original.data) },
      })),
      pdf,
    };
  } catch (e) {
    if (e instanceof Refusal) return { ok: false, code: e.code, params: e.params };
    return { ok: false, code: 'unreadable', params: {}, unexpected: String((e as Error)?.message ?? e).slice(0, 300) };
  }
}
