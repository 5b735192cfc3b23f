// The web host: serves the renderer bundle and the API contract to a browser on this machine only.
// Loopback address, a per-launch secret (exchanged once for an HttpOnly cookie), requests from any
// other origin or host name refused (DNS rebinding, other local pages). It holds no business logic:
// every call goes to desk.call, exactly as the Electron host's IPC does.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import type { Dispatcher } from '../main/dispatch';
import { CONTENT_SECURITY_POLICY } from '../main/security';

export interface WebHostOptions {
  call: Dispatcher;
  rendererDir: string;
  port: number;
  /** Largest accepted request body; form images come in later features. */
  maxBodyBytes?: number;
}

export interface WebHost {
  url: string;
  /** The address to open once: it carries the per-launch secret. */
  launchUrl: string;
  origin: string;
  close(): Promise<void>;
}

const COOKIE = 'branch_desk';
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.ico': 'image/x-icon', '.woff2': 'font/woff2',
  // pdf.js's data files (standard fonts, packed CMaps)
  '.pfb': 'application/octet-stream', '.ttf': 'font/ttf', '.bcmap': 'application/octet-stream',
};

export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const token = randomBytes(32).toString('base64url');
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as { port: number }).port;
  const origin = `http://127.0.0.1:${port}`;
  const host = `127.0.0.1:${port}`;
  server.on('request', (req, res) => {
    handle(req, res).catch((e) => {
      console.error('[web-host]', e);
      if (!res.headersSent) send(res, 500, 'text/plain; charset=utf-8', 'internal error');
    });
  });

  const tokenOk = (candidate: string | undefined) => {
    if (!candidate) return false;
    const a = Buffer.from(candidate);
    const b = Buffer.from(token);
    return a.length === b.length && timingSafeEqual(a, b);
  };
  const cookieToken = (req: IncomingMessage) =>
    /(?:^|;\s*)branch_desk=([^;]+)/.exec(req.headers.cookie ?? '')?.[1];

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.headers.host !== host) return refuse(res, 'wrong host');
    const url = new URL(req.url ?? '/', origin);

    if (url.pathname.startsWith('/api/call/')) {
      if (req.method !== 'POST') return refuse(res, 'method', 405);
      if (req.headers.origin !== origin) return refuse(res, 'other origin');
      if (!tokenOk(cookieToken(req))) return refuse(res, 'no desk session', 401);
      if (!(req.headers['content-type'] ?? '').startsWith('application/json')) return refuse(res, 'content type', 415);
      const body = await readBody(req, options.maxBodyBytes ?? 1024 * 1024);
      if (body === null) return refuse(res, 'request too large', 413);
      let input: unknown;
      try {
        input = body.length ? JSON.parse(body.toString('utf8')) : {};
      } catch {
        input = Symbol('unparseable'); // reaches the contract's validation like any wrong type
      }
      const name = decodeURIComponent(url.pathname.slice('/api/call/'.length));
      const result = await options.call(name, input);
      return send(res, 200, 'application/json; charset=utf-8', JSON.stringify(result));
    }

    if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(res, 'method', 405);
    // Exchange the launch secret for a cookie once, then drop it from the address bar.
    const offered = url.searchParams.get('token');
    if (offered !== null) {
      if (!tokenOk(offered)) return refuse(res, 'wrong launch token', 401);
      res.setHeader('Set-Cookie', `${COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`);
      res.setHeader('Location', '/');
      return send(res, 303, 'text/plain; charset=utf-8', '');
    }
    if (!tokenOk(cookieToken(req))) {
      return send(res, 401, 'text/plain; charset=utf-8',
        'Branch Desk: open the address printed when the desk started. / 請使用啟動時顯示的網址開啟桌面。');
    }
    const file = url.pathname === '/' ? 'index.html' : url.pathname.slice(1);
    const path = normalize(join(options.rendererDir, file));
    if (!path.startsWith(normalize(options.rendererDir) + sep)) return refuse(res, 'path', 404);
    const type = TYPES[extname(path)];
    if (!type) return refuse(res, 'not found', 404);
    try {
      return send(res, 200, type, await readFile(path));
    } catch {
      return refuse(res, 'not found', 404);
    }
  }

  return {
    url: `${origin}/`,
    launchUrl: `${origin}/?token=${token}`,
    origin,
    close: () => closeServer(server),
  };
}

function send(res: ServerResponse, status: number, type: string, body: string | Buffer): void {
  res.writeHead(status, {
    'Content-Type': type,
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Permissions-Policy': 'camera=(self), microphone=(), geolocation=(), usb=(), serial=()',
    'Cache-Control': 'no-store',
  });
  res.end(body);
}

function refuse(res: ServerResponse, why: string, status = 403): void {
  send(res, status, 'application/json; charset=utf-8', JSON.stringify({ refused: why }));
}

function readBody(req: IncomingMessage, limit: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) over = true;
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(over ? null : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
