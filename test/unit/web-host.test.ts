// The loopback web host's guards, over real HTTP.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startWebHost } from '../../electron/host-web/web-host';
import { launchAccess, LAUNCH_CODE_TTL_MS } from '../../electron/host-web/launch-access';
import { deskFixture } from '../support/desk-fixture';

const rendererDir = mkdtempSync(join(tmpdir(), 'renderer-'));
writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>desk</title>');
const fixture = deskFixture();
const hostPromise = startWebHost({ call: fixture.desk.call, rendererDir, port: 0, maxBodyBytes: 10_000 });
after(async () => {
  await (await hostPromise).close();
  fixture.dispose();
});

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function http(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<Reply> {
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
  const reply = await http(host.newLaunchUrl());
  assert.equal(reply.status, 200);
  return String(reply.headers['set-cookie']).split(';')[0]!;
}

test('listens on 127.0.0.1 only', async () => {
  assert.match((await hostPromise).origin, /^http:\/\/127\.0\.0\.1:\d+$/);
});

test('a launch code works once and becomes a different, HttpOnly, SameSite=Strict cookie named for this launch', async () => {
  const host = await hostPromise;
  const port = new URL(host.origin).port;
  assert.equal((await http(host.url)).status, 401);
  assert.equal((await http(`${host.origin}/launch?code=wrong`)).status, 401);
  assert.equal((await http(`${host.origin}/launch`)).status, 401);
  const launch = host.newLaunchUrl();
  const code = new URL(launch).searchParams.get('code')!;
  const reply = await http(launch);
  assert.equal(reply.status, 200);
  assert.match(reply.body, /<meta http-equiv="refresh" content="0;url=\/">/);
  const setCookie = String(reply.headers['set-cookie']);
  assert.match(setCookie, new RegExp(`^branch_desk_${port}=[A-Za-z0-9_-]{43}; HttpOnly; SameSite=Strict; Path=/$`));
  assert.ok(!setCookie.includes(code), 'the cookie must not be the launch code');
  assert.equal((await http(launch)).status, 401, 'a second exchange of the same code');
  const jar = setCookie.split(';')[0]!;
  const page = await http(host.url, { headers: { cookie: jar } });
  assert.equal(page.status, 200);
  assert.match(String(page.headers['content-security-policy']), /default-src 'none'; script-src 'self'/);
  assert.equal(page.headers['x-content-type-options'], 'nosniff');
  // The code itself is no session, and neither is a value under another launch's cookie name.
  assert.equal((await http(host.url, { headers: { cookie: `branch_desk_${port}=${code}` } })).status, 401);
  assert.equal((await http(host.url, { headers: { cookie: `branch_desk_1=${jar.split('=')[1]}` } })).status, 401);
});

test('a cookie from another launch of the desk is refused', async () => {
  const other = await startWebHost({ call: fixture.desk.call, rendererDir, port: 0 });
  try {
    const reply = await http(other.newLaunchUrl());
    const [name, value] = String(reply.headers['set-cookie']).split(';')[0]!.split('=');
    assert.equal((await http(other.url, { headers: { cookie: `${name}=${value}` } })).status, 200);
    const host = await hostPromise;
    const port = new URL(host.origin).port;
    assert.equal((await http(host.url, { headers: { cookie: `branch_desk_${port}=${value}` } })).status, 401);
  } finally {
    await other.close();
  }
});

test('the launch file is 0600, redirects with a one-time code, and is gone once used', async () => {
  const host = await hostPromise;
  const dir = mkdtempSync(join(tmpdir(), 'launch-'));
  const file = host.writeLaunchFile(join(dir, 'launch'));
  assert.equal(statSync(file).mode & 0o777, 0o600);
  assert.equal(statSync(join(dir, 'launch')).mode & 0o777, 0o700);
  const target = /url=([^"]+)"/.exec(readFileSync(file, 'utf8'))![1]!;
  assert.match(target, new RegExp(`^${host.origin}/launch\\?code=[A-Za-z0-9_-]{43}$`));
  assert.equal((await http(target)).status, 200);
  assert.equal(existsSync(file), false, 'a used launch file is deleted');
  assert.equal((await http(target)).status, 401);
});

test('a launch code expires within a minute', () => {
  let t = 0;
  const access = launchAccess('http://127.0.0.1:1', 1, () => t);
  const late = access.issueCode();
  const soon = access.issueCode();
  assert.ok(access.exchange(soon));
  t = LAUNCH_CODE_TTL_MS + 1;
  assert.equal(access.exchange(late), null);
  access.close();
});

test("API calls need the cookie, the desk's own Origin, its own Host and JSON", async () => {
  const host = await hostPromise;
  const good = { cookie: await cookie(), origin: host.origin, 'content-type': 'application/json' };
  const post = (headers: Record<string, string>, body = '{}') =>
    http(`${host.origin}/api/call/desk.info`, { method: 'POST', headers, body });
  assert.equal((await post(good)).status, 200);
  assert.equal(JSON.parse((await post(good)).body).ok, true);
  const { cookie: _c, ...noCookie } = good;
  assert.equal((await post(noCookie)).status, 401);
  assert.equal((await post({ ...good, origin: 'http://evil.example' })).status, 403);
  const { origin: _o, ...noOrigin } = good;
  assert.equal((await post(noOrigin)).status, 403);
  assert.equal((await post({ ...good, host: 'evil.example' })).status, 403); // DNS rebinding
  assert.equal((await post({ ...good, 'content-type': 'text/plain' })).status, 415);
  // Exactly JSON: a type that merely starts like it, or other parameters, are refused.
  for (const type of [
    'application/jsonp',
    'application/json-patch+json',
    'application/json; boundary=x',
    'application/json;charset=latin1',
  ]) {
    assert.equal((await post({ ...good, 'content-type': type })).status, 415, type);
  }
  for (const type of ['application/json; charset=utf-8', 'Application/JSON;charset=UTF-8'])
    assert.equal((await post({ ...good, 'content-type': type })).status, 200, type);
  assert.equal((await post(good, 'x'.repeat(20_000))).status, 413);
  assert.equal((await http(`${host.origin}/api/call/desk.info`, { headers: good })).status, 405);
});

test('a malformed call name is a bad request, not a server error', async () => {
  const host = await hostPromise;
  const headers = { cookie: await cookie(), origin: host.origin, 'content-type': 'application/json' };
  for (const name of ['%E0%A4%A', '%', 'desk.info%00', '..%2F..%2Fetc', 'desk', '']) {
    const reply = await http(`${host.origin}/api/call/${name}`, { method: 'POST', headers, body: '{}' });
    assert.equal(reply.status, 400, name);
    assert.doesNotMatch(reply.body, /at |Error/);
  }
  const unknown = await http(`${host.origin}/api/call/desk.nothing`, { method: 'POST', headers, body: '{}' });
  assert.equal(JSON.parse(unknown.body).error.code, 'UNKNOWN_CALL');
});

test('unparseable JSON reaches the contract as a validation error', async () => {
  const host = await hostPromise;
  const reply = await http(`${host.origin}/api/call/auth.login`, {
    method: 'POST',
    headers: { cookie: await cookie(), origin: host.origin, 'content-type': 'application/json' },
    body: '{not json',
  });
  assert.equal(JSON.parse(reply.body).error.code, 'VALIDATION');
});

test('files outside the renderer bundle are never served', async () => {
  const host = await hostPromise;
  const c = await cookie();
  assert.equal((await http(`${host.origin}/../package.json`, { headers: { cookie: c } })).status, 404);
  assert.equal((await http(`${host.origin}/%2e%2e/%2e%2e/etc/passwd`, { headers: { cookie: c } })).status, 404);
});
