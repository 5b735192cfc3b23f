// The desk's log for IT: ID numbers masked to their first letter and last three digits, secret
// fields withheld, files 0600 and rotated by size; console errors routed into it masked. A running
// desk taken through a whole case (the sandbox JCIC's data received and read) leaves no customer ID
// number and no returned value in its logs.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DeskLog, maskText, masked, routeConsole } from '../../electron/main/log/desk-log';
import { createDesk } from '../../electron/main/desk';
import { adjustableClock, systemClock } from '../../electron/main/clock';
import { parsePolicy } from '../../electron/main/policy/policy';
import { deskFixture } from '../support/desk-fixture';
import { caseWithData, ok, staffTheDesk } from '../support/running-desk';
import { returnedValues } from '../support/returned-values';

const dirs: string[] = [];
const tmp = (name: string) => {
  const dir = mkdtempSync(join(tmpdir(), name));
  dirs.push(dir);
  return dir;
};
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const logText = (dir: string) =>
  readdirSync(join(dir, 'logs'))
    .map((f) => readFileSync(join(dir, 'logs', f), 'utf8'))
    .join('\n');

test('ID numbers are masked to the first letter and last three; secret fields are withheld', () => {
  assert.equal(maskText('subject A123456789 and B287654321'), 'subject A******789 and B******321');
  // Resident certificates, old (a second letter) and new (8 or 9).
  assert.equal(maskText('resident AC01234567 / A800000014'), 'resident A******567 / A******014');
  // What is not an ID stays: a business number, a hash, a longer run.
  assert.equal(maskText('12345675 3f9a2b A1234567890'), '12345675 3f9a2b A1234567890');
  assert.deepEqual(masked({ pin: '123456', password: 'x', nested: { privateKey: 'k', note: 'C123456781' } }), {
    pin: '[withheld]',
    password: '[withheld]',
    nested: { privateKey: '[withheld]', note: 'C******781' },
  });
});

test('the log is 0600 JSON lines, rotated by size; console errors go into it masked', () => {
  const dir = tmp('desk-log-');
  const log = new DeskLog(dir, systemClock);
  const unroute = routeConsole(log);
  const printed: unknown[] = [];
  const saved = process.stderr.write.bind(process.stderr);
  process.stderr.write = ((chunk: string) => (printed.push(chunk), true)) as typeof process.stderr.write;
  try {
    console.error('[intake] form of', 'A123456789', new Error('for B223456782'));
  } finally {
    process.stderr.write = saved;
    unroute();
  }
  assert.ok(printed.join('').includes('A******789'), 'the console is masked too');
  assert.ok(!printed.join('').includes('A123456789'));
  const [line] = readFileSync(join(dir, 'logs', 'desk.log'), 'utf8')
    .trim()
    .split('\n');
  const entry = JSON.parse(line!) as { level: string; event: string; detail: string };
  assert.equal(entry.level, 'error');
  assert.match(entry.detail, /A\*{6}789.*B\*{6}782/s);
  assert.equal(statSync(join(dir, 'logs', 'desk.log')).mode & 0o777, 0o600);
  const big = 'x'.repeat(3000);
  for (let i = 0; i < 2000; i++) log.info('filler', { big });
  const files = readdirSync(join(dir, 'logs')).sort();
  assert.deepEqual(files, ['desk.1.log', 'desk.2.log', 'desk.log']);
  for (const f of files) assert.ok(statSync(join(dir, 'logs', f)).size <= 2 * 1024 * 1024 + 4096, f);
});

test("a whole case on a running desk leaves no customer ID and no returned value in the desk's logs", async () => {
  const dataDir = tmp('desk-log-run-');
  const desk = createDesk({
    dataDir,
    clock: adjustableClock(),
    version: 'test',
    loadedPolicy: parsePolicy({ origin: 'test', kind: 'json', text: '{"branchCode":"0123"}' }),
    sandboxReviewDelaySeconds: 0,
    jcicPollMs: 100,
  });
  let closed = false;
  try {
    await desk.jcicReady;
    await staffTheDesk(desk);
    const idNumber = 'A123456789';
    const id = await caseWithData(desk, idNumber, ['T50', 'T51', 'T52']);
    const results = await ok(desk, 'cases.results', { caseId: id });
    const values = returnedValues(results);
    assert.ok(values.length > 5, `returned values to look for: ${values.slice(0, 5).join(', ')}`);
    console.error('[test] an error naming the customer', idNumber); // routed, masked
    desk.close();
    closed = true;
    await desk.whenClosed();
    const logs = logText(dataDir);
    assert.match(logs, /"event":"desk.started"/);
    assert.match(logs, /A\*{6}789/);
    assert.ok(!logs.includes(idNumber), 'the ID number');
    for (const value of values) assert.ok(!logs.includes(value), `returned value ${value}`);
    // Where the case got to is there for IT, by case number; what was viewed is not.
    for (const step of ['case.created', 'jcic.submitted', 'jcic.results_received'])
      assert.match(logs, new RegExp(`"event":"${step.replace('.', '\\.')}".*"caseId":${id}\\b`), step);
    assert.match(logs, new RegExp(`"event":"case\\.transition".*"caseId":${id},"actor":[^,]*,"to":"data_received"`));
    assert.ok(!logs.includes('"event":"results.viewed"'), 'results.viewed');
  } finally {
    if (!closed) desk.close();
  }
});

test('an audit entry written in a transaction that rolls back is never told to the log', async () => {
  const f = deskFixture({ branchCode: '0123' });
  try {
    const { audit, db } = f.desk.services;
    const told: string[] = [];
    audit.onRecorded((e) => told.push(e.action));
    assert.throws(
      db.transaction(() => {
        audit.record({ actor: null, action: 'jcic.unreachable', detail: { error: 'rolled back' } });
        throw new Error('rolled back');
      }),
      /rolled back/,
    );
    db.transaction(() => audit.record({ actor: null, action: 'jcic.connection_failed', detail: { error: 'kept' } }))();
    audit.record({ actor: null, action: 'update.checked', detail: { outcome: 'current' } });
    await new Promise((r) => setImmediate(r));
    assert.deepEqual(told.sort(), ['jcic.connection_failed', 'update.checked']);
  } finally {
    f.dispose();
  }
});

test('a clock set back is told to the log before the entry that found it; nothing is told once the desk closed', async () => {
  const f = deskFixture({ branchCode: '0123' });
  try {
    const told: string[] = [];
    f.desk.services.audit.onRecorded((e) => told.push(e.action));
    f.desk.services.audit.record({ actor: null, action: 'update.checked', detail: {} });
    f.reopen(new Date(Date.now() - 10 * 24 * 3_600_000)); // ten days back, then the desk starts again
    f.desk.services.audit.onRecorded((e) => told.push(e.action));
    f.desk.services.audit.record({ actor: null, action: 'update.checked', detail: {} });
    assert.deepEqual(told.slice(-2), ['clock.moved_back', 'update.checked']);
    // Written in a transaction, then the desk closes before it is told: no throw, nothing told.
    const { audit, db } = f.desk.services;
    db.transaction(() => {
      audit.record({ actor: null, action: 'jcic.follow_failed', detail: {} });
    })();
    f.desk.close();
    await new Promise((r) => setImmediate(r));
    assert.ok(!told.includes('jcic.follow_failed'));
  } finally {
    f.dispose();
  }
});
