// The audit anchor follows the trail on the thread pool: writes land in order, only the newest
// waiting one is kept, a write made now wins over any still under way, and no temporary is left.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AuditAnchor, type Anchor } from '../../electron/main/audit/audit-anchor';

const anchorAt = (lastId: number): Anchor => ({
  version: 1,
  lastId,
  lastHash: lastId.toString(16).padStart(64, '0'),
  rows: lastId,
  highWater: new Date(Date.UTC(2026, 11, 1, 0, 0, lastId)).toISOString(),
  verified: null,
  breaks: [],
});

const settle = async (dir: string) => {
  for (let i = 0; i < 200 && readdirSync(join(dir, 'keys')).some((n) => n.endsWith('.tmp')); i++)
    await new Promise((r) => setTimeout(r, 5));
  await new Promise((r) => setTimeout(r, 20));
};

const lastIdOnDisk = (dir: string, key: Buffer) => {
  const read = new AuditAnchor(dir, key).read(); // a fresh reader: the file, not a cache
  assert.equal(read.state, 'ok');
  return read.state === 'ok' ? read.anchor.lastId : -1;
};

test('a burst of anchors written soon lands as the newest, MACed, with no temporary left', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'anchor-'));
  try {
    const key = Buffer.alloc(32, 7);
    const anchor = new AuditAnchor(dir, key);
    for (let id = 1; id <= 500; id++) anchor.writeSoon(anchorAt(id));
    await settle(dir);
    assert.equal(lastIdOnDisk(dir, key), 500);
    assert.deepEqual(
      readdirSync(join(dir, 'keys')).filter((n) => n.endsWith('.tmp')),
      [],
    );
    const read = anchor.read();
    assert.equal(read.state === 'ok' && read.anchor.lastId, 500);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a write made now wins over writes still under way', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'anchor-'));
  try {
    const key = Buffer.alloc(32, 9);
    const anchor = new AuditAnchor(dir, key);
    anchor.write(anchorAt(1));
    for (let id = 2; id <= 50; id++) anchor.writeSoon(anchorAt(id));
    anchor.write(anchorAt(1_000)); // the desk closing
    await settle(dir);
    assert.equal(lastIdOnDisk(dir, key), 1_000);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('an anchor changed on disk by someone else is read again, and found altered', () => {
  const dir = mkdtempSync(join(tmpdir(), 'anchor-'));
  try {
    const key = Buffer.alloc(32, 3);
    const anchor = new AuditAnchor(dir, key);
    anchor.write(anchorAt(5));
    assert.equal(anchor.read().state, 'ok');
    new AuditAnchor(dir, Buffer.alloc(32, 4)).write(anchorAt(9)); // another key: a forgery
    assert.equal(anchor.read().state, 'altered');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
