// The loopback web host's guards, over real HTTP.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startWebHost } from '../../electron/host-web/web-host';
import { deskFixture } from '../support/desk-fixture';

const rendererDir = mkdtempSync(join(tmpdir(), 'renderer-'));
writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>desk</title>');
const fixture = deskFixture();
const hostPromise = startWebHost({ call: fixture.desk.call, rendererDir, port: 0, maxBodyBytes: 10_000 });
after(async () => {
  await (await hostPromise).close();
  fixture.dispose();
});

interface Reply { status: number; headers: Record<string, string | string[] | undefined>; body: string }

function http(url: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: options.method ?? 'GET', headers: options.headers }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

async function cookie(): Promise<string> {
  const host = await hostPromise;
  const reply = await http(host.launchUrl);
  assert.equal(reply.status, 303);
  return String(reply.headers['set-cookie']).split(';')[0]!;
}

test('listens on 127.0.0.1 only', async () => {
  assert.match((await hostPromise).origin, /^http:\/\/127\.0\.0\.1:\d+$/);
});

test('the launch token is exchanged once for an HttpOnly SameSite cookie; without it nothing is served', async () => {
  const host = await hostPromise;
  assert.equal((await http(host.url)).status, 401);
  assert.equal((await http(`${host.url}?token=wrong`)).status, 401);
  const reply = await http(host.launchUrl);
  assert.match(String(reply.headers['set-cookie']), /HttpOnly; SameSite=Strict/);
  assert.equal(reply.headers.location, '/');
  const page = await http(host.url, { headers: { cookie: await cookie() } });
  assert.equal(page.status, 200);
  assert.match(String(page.headers['content-security-policy']), /default-src 'none'; script-src 'self'/);
  assert.equal(page.headers['x-content-type-options'], 'nosniff');
});

test('API calls need the cookie, the desk\'s own Origin, its own Host and JSON', async () => {
  const host = await hostPromise;
  const good = { cookie: await cookie(), origin: host.origin, 'content-type': 'application/json' };
  const post = (headers: Record<string, string>, body = '{}') => http(`${host.origin}/api/call/desk.info`, { method: 'POST', headers, body });
  assert.equal((await post(good)).status, 200);
  assert.equal(JSON.parse((await post(good)).body).ok, true);
  const { cookie: _c, ...noCookie } = good;
  assert.equal((await post(noCookie)).status, 401);
  assert.equal((await post({ ...good, origin: 'http://evil.example' })).status, 403);
  const { origin: _o, ...noOrigin } = good;
  assert.equal((await post(noOrigin)).status, 403);
  assert.equal((await post({ ...good, host: 'evil.example' })).status, 403); // DNS rebinding
  assert.equal((await post({ ...good, 'content-type': 'text/plain' })).status, 415);
  assert.equal((await post(good, 'x'.repeat(20_000))).status, 413);
  assert.equal((await http(`${host.origin}/api/call/desk.info`, { headers: good })).status, 405);
});

test('unparseable JSON reaches the contract as a validation error', async () => {
  const host = await hostPromise;
  const reply = await http(`${host.origin}/api/call/auth.login`, {
    method: 'POST', headers: { cookie: await cookie(), origin: host.origin, 'content-type': 'application/json' }, body: '{not json',
  });
  assert.equal(JSON.parse(reply.body).error.code, 'VALIDATION');
});

test('files outside the renderer bundle are never served', async () => {
  const host = await hostPromise;
  const c = await cookie();
  assert.equal((await http(`${host.origin}/../package.json`, { headers: { cookie: c } })).status, 404);
  assert.equal((await http(`${host.origin}/%2e%2e/%2e%2e/etc/passwd`, { headers: { cookie: c } })).status, 404);
});
