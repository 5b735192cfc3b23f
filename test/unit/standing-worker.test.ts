// The standing worker shared by the intake and the one-PDF combining: the same worker job after job
// while it is healthy, a new one after a limit or a failure stopped it, and one of their own for jobs
// under other limits (ended after the job).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Worker } from 'node:worker_threads';
import { StandingWorker } from '../../electron/main/workers/standing-worker';

test('one worker job after job while healthy; replaced after a failure; others get their own', async () => {
  const own = { timeoutMs: 1 };
  const started: Worker[] = [];
  const workers = new StandingWorker(own, () => {
    const w = new Worker('setInterval(() => {}, 1000)', { eval: true });
    started.push(w);
    return w;
  });
  const first = workers.acquire(own);
  workers.release(first, true);
  assert.equal(workers.acquire(own), first, 'the standing worker again');
  workers.release(first, false); // stopped by a limit
  const exited = new Promise((resolve) => first.once('exit', resolve));
  const second = workers.acquire(own);
  assert.notEqual(second, first);
  await exited;
  const other = workers.acquire({ timeoutMs: 1 });
  assert.notEqual(other, second, 'other limits: a worker of its own');
  const otherExit = new Promise((resolve) => other.once('exit', resolve));
  workers.release(other, true);
  await otherExit;
  assert.equal(workers.acquire(own), second, 'the standing one is untouched');
  workers.release(second, false);
  assert.equal(started.length, 3);
});
