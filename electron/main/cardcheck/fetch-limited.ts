// Downloads a revocation answer (CRL, OCSP) with a deadline and a size cap: a revocation server is
// outside the bank, and neither a slow one nor a huge answer may hold the desk. MOICA's own
// addresses are plain http (the answers are signed); https is used where IT's mirror offers it.
import http from 'node:http';
import https from 'node:https';

export interface FetchOptions {
  timeoutMs: number;
  maxBytes: number;
  /** POST this body (an OCSP request); otherwise GET. */
  body?: Buffer;
  contentType?: string;
}

export function fetchLimited(url: string, options: FetchOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    let target: URL;
    try {
      target = new URL(url);
    } catch {
      reject(new Error(`not an address: ${url}`));
      return;
    }
    const client = target.protocol === 'https:' ? https : target.protocol === 'http:' ? http : null;
    if (!client) {
      reject(new Error(`not an http address: ${url}`));
      return;
    }
    const request = client.request(target, {
      method: options.body ? 'POST' : 'GET',
      headers: options.body
        ? { 'content-type': options.contentType ?? 'application/octet-stream', 'content-length': options.body.length }
        : {},
    });
    const deadline = setTimeout(
      () => request.destroy(new Error(`${url} did not answer within ${options.timeoutMs} ms`)),
      options.timeoutMs,
    );
    request.once('error', (e) => {
      clearTimeout(deadline);
      reject(e);
    });
    request.once('response', (response) => {
      if (response.statusCode !== 200) {
        response.resume();
        request.destroy(new Error(`${url} answered HTTP ${response.statusCode}`));
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      response.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > options.maxBytes) request.destroy(new Error(`${url} sent more than ${options.maxBytes} bytes`));
        else chunks.push(chunk);
      });
      response.once('end', () => {
        clearTimeout(deadline);
        resolve(Buffer.concat(chunks));
      });
      response.once('error', (e) => request.destroy(e));
    });
    request.end(options.body);
  });
}
