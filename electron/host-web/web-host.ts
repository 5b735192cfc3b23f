// The web host: serves the renderer bundle and the API contract to a browser on this machine only.
// Loopback address, one-time launch codes exchanged for a per-launch session cookie
// (launch-access.ts), requests from any other origin or host name refused (DNS rebinding, other
// local pages). It holds no business logic: every call goes to desk.call, exactly as the Electron
// host's IPC does.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import type { Dispatcher } from '../main/dispatch';
import { CONTENT_SECURITY_POLICY } from '../main/security';
import { launchAccess } from './launch-access';
import { bodyText, readBody } from '../../common/request-body';

export interface WebHostOptions {
  call: Dispatcher;
  rendererDir: string;
  port: number;
  /** Largest accepted request body; form images come in later features. */
  maxBodyBytes?: number;
}

export interface WebHost {
  url: string;
  origin: string;
  /** A fresh address to open once, within a minute: it carries a one-time code. */
  newLaunchUrl(): string;
  /** A fresh 0600 launch file in `dir` that opens the desk once; the browser is started on it. */
  writeLaunchFile(dir: string): string;
  close(): Promise<void>;
}

/** Exactly JSON; a UTF-8 charset parameter is the only one allowed. */
const JSON_CONTENT_TYPE = /^application\/json\s*(;\s*charset\s*=\s*"?utf-8"?\s*)?$/i;

/** The call name from the path, or null when it is not a well-formed name (bad escapes included):
 * the contract decides whether a well-formed name exists. */
function callName(encoded: string): string | null {
  let name: string;
  try {
    name = decodeURIComponent(encoded);
  } catch {
    return null;
  }
  return /^[a-z][a-zA-Z0-9]*(\.[a-z][a-zA-Z0-9]*)+$/.test(name) ? name : null;
}
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  // pdf.js's data files (standard fonts, packed CMaps)
  '.pfb': 'application/octet-stream',
  '.ttf': 'font/ttf',
  '.bcmap': 'application/octet-stream',
};

export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as { port: number }).port;
  const origin = `http://127.0.0.1:${port}`;
  const host = `127.0.0.1:${port}`;
  const access = launchAccess(origin, port);
  server.on('request', (req, res) => {
    handle(req, res).catch((e) => {
      console.error('[web-host]', e);
      if (!res.headersSent) send(res, 500, 'text/plain; charset=utf-8', 'internal error');
    });
  });

  const sessionCookie = (req: IncomingMessage) => {
    for (const part of (req.headers.cookie ?? '').split(';')) {
      const [name, ...value] = part.trim().split('=');
      if (name === access.cookieName) return value.join('=');
    }
    return undefined;
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.headers.host !== host) return refuse(res, 'wrong host');
    const url = new URL(req.url ?? '/', origin);

    if (url.pathname.startsWith('/api/call/')) {
      if (req.method !== 'POST') return refuse(res, 'method', 405);
      if (req.headers.origin !== origin) return refuse(res, 'other origin');
      if (!access.sessionOk(sessionCookie(req))) return refuse(res, 'no desk session', 401);
      if (!JSON_CONTENT_TYPE.test(req.headers['content-type'] ?? '')) return refuse(res, 'content type', 415);
      const name = callName(url.pathname.slice('/api/call/'.length));
      if (name === null) return refuse(res, 'malformed call name', 400);
      const body = await readBody(req, options.maxBodyBytes ?? 1024 * 1024);
      if (body === null) return refuse(res, 'request too large', 413);
      let input: unknown;
      try {
        input = body.length ? JSON.parse(bodyText(body)) : {};
      } catch {
        input = Symbol('unparseable'); // reaches the contract's validation like any wrong type
      }
      const result = await options.call(name, input);
      return send(res, 200, 'application/json; charset=utf-8', JSON.stringify(result));
    }

    if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(res, 'method', 405);
    // A one-time code becomes this launch's session cookie, then leaves the address bar.
    if (url.pathname === '/launch') {
      const session = access.exchange(url.searchParams.get('code') ?? '');
      if (!session) {
        return send(
          res,
          401,
          'text/plain; charset=utf-8',
          'Branch Desk: this launch address was already used or has expired; start the desk again. / 此啟動網址已使用過或已逾時，請重新啟動桌面。',
        );
      }
      res.setHeader('Set-Cookie', `${access.cookieName}=${session}; HttpOnly; SameSite=Strict; Path=/`);
      // Not an HTTP redirect: arriving from the launch file (file://) is a cross-site navigation, and
      // a Strict cookie is not sent on its redirects. A page of the desk's own origin moving on to
      // "/" is a same-site navigation, so the cookie goes with it (and the code leaves the address bar).
      return send(
        res,
        200,
        'text/html; charset=utf-8',
        '<!doctype html><meta charset="utf-8"><meta http-equiv="refresh" content="0;url=/"><link rel="icon" href="data:,"><title>Branch Desk</title>',
      );
    }
    if (!access.sessionOk(sessionCookie(req))) {
      return send(
        res,
        401,
        'text/plain; charset=utf-8',
        'Branch Desk: open the desk from its launch address. / 請使用啟動時提供的網址開啟桌面。',
      );
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
    origin,
    newLaunchUrl: () => `${origin}/launch?code=${access.issueCode()}`,
    writeLaunchFile: (dir) => access.writeLaunchFile(dir),
    close: () => {
      access.close();
      return closeServer(server);
    },
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

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
