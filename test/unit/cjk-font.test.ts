// Browser mode on Linux says so when Chinese would show as boxes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkCjkFont } from '../../native/cjk-font';

test('a Linux machine without a CJK font is told which package to install; with one, nothing is said', () => {
  const none = checkCjkFont('linux', () => ({ status: 0, stdout: '' }));
  assert.equal(none.ok, false);
  assert.match(!none.ok ? none.advice : '', /fonts-noto-cjk/);
  assert.equal(checkCjkFont('linux', () => ({ status: null, stdout: '' })).ok, false, 'fontconfig missing');
  assert.equal(checkCjkFont('linux', () => ({ status: 0, stdout: 'Noto Sans CJK TC\n' })).ok, true);
  assert.equal(checkCjkFont('win32', () => ({ status: 1, stdout: '' })).ok, true);
});

test('this machine, as fontconfig sees it, has the font the tests need', () => {
  // CI installs fonts-noto-cjk (.ci/run); a failure here means browser mode would show boxes.
  assert.deepEqual(checkCjkFont(), { ok: true });
});
