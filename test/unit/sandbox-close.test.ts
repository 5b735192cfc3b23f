// A desk in training mode starts the sandbox JCIC as its own process; closing the desk must take it
// along, even when the sandbox is still starting (it writes its certificates into the data directory).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { createDesk } from '../../electron/main/desk';
import { adjustableClock } from '../../electron/main/clock';
import { parsePolicy } from '../../electron/main/policy/policy';

function sandboxProcessesFor(dataDir: string): string[] {
  const out = execFileSync('ps', ['-eo', 'pid,args'], { encoding: 'utf8' });
  return out.split('\n').filter((line) => line.includes(join(dataDir, 'jcic-sandbox')));
}

function openTrainingDesk(dataDir: string) {
  const loadedPolicy = parsePolicy({ origin: 'test', kind: 'json', text: '{}' });
  return createDesk({ dataDir, loadedPolicy, clock: adjustableClock(), version: 'test', background: true });
}

async function sandboxAppears(dataDir: string): Promise<void> {
  for (let i = 0; i < 200 && sandboxProcessesFor(dataDir).length === 0; i++) await sleep(25);
  assert.equal(sandboxProcessesFor(dataDir).length, 1, 'the desk started one sandbox');
}

// A training desk first makes its training PKI (a worker thread), then starts the sandbox with it.
for (const when of [
  'at once (the training PKI being made)',
  'while the sandbox starts',
  'once it is serving',
] as const) {
  test(`closing a training desk ${when} stops its sandbox JCIC, and nothing writes into the directory after`, async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'branch-desk-sandbox-'));
    const desk = openTrainingDesk(dataDir);
    try {
      if (when === 'while the sandbox starts') await sandboxAppears(dataDir);
      if (when === 'once it is serving') {
        await desk.jcicReady;
        assert.equal(sandboxProcessesFor(dataDir).length, 1, 'the desk started one sandbox');
      }
    } finally {
      desk.close();
      await desk.whenClosed();
    }
    assert.deepEqual(sandboxProcessesFor(dataDir), []);
    rmSync(dataDir, { recursive: true });
    await sleep(1500);
    assert.equal(existsSync(dataDir), false, 'nothing came back after the directory was removed');
    assert.deepEqual(sandboxProcessesFor(dataDir), [], 'no sandbox started after the desk closed');
  });
}
