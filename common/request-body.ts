// Reading an HTTP request's body with a size limit: the desk's web host and the sandbox JCIC both
// take bodies from outside and must not hold more than they allow. It lives in common/ because the
// sandbox may share only common/ (it plays JCIC); it is written against the stream's events and
// plain bytes, so common/ stays free of Node (a Node IncomingMessage fits `ChunkSource`).

/** A readable byte stream, as far as reading a body needs it. */
export interface ChunkSource {
  on(event: 'data', listener: (chunk: Uint8Array) => void): unknown;
  on(event: 'end', listener: () => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
}

/** The whole body, or null when it is over `limit` bytes (the rest is still read, and dropped, so
 * the request can be answered). */
export function readBody(source: ChunkSource, limit: number): Promise<Uint8Array | null> {
  return new Promise((resolve, reject) => {
    const chunks: Uint8Array[] = [];
    let size = 0;
    source.on('data', (chunk) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
    });
    source.on('end', () => {
      if (size > limit) return resolve(null);
      const body = new Uint8Array(size);
      let at = 0;
      for (const chunk of chunks) {
        body.set(chunk, at);
        at += chunk.length;
      }
      resolve(body);
    });
    source.on('error', reject);
  });
}

const UTF8 = new TextDecoder('utf-8', { ignoreBOM: true });

/** The body as text: UTF-8, a byte-order mark kept (as Node's Buffer#toString keeps it), bad bytes as U+FFFD. */
export const bodyText = (body: Uint8Array): string => UTF8.decode(body);
