import { test } from 'node:test';
import assert from 'node:assert/strict';
import { latestWins } from '../../renderer/state/latest-wins';

test('an answer older than one already applied is dropped; newer ones still apply while others are pending', () => {
  const answers = latestWins();
  const pollBeforeSignOut = answers.ticket();
  const refreshAfterSignOut = answers.ticket();
  assert.equal(answers.apply(refreshAfterSignOut), true, 'the sign-out refresh lands first');
  assert.equal(answers.apply(pollBeforeSignOut), false, 'the older poll must not bring the old session back');

  const slowPoll = answers.ticket();
  const fastPoll = answers.ticket();
  assert.equal(answers.apply(fastPoll), true);
  assert.equal(answers.apply(slowPoll), false);

  // A request still in flight does not block an older-issued one that is newer than anything applied.
  const inOrder = answers.ticket();
  const stillPending = answers.ticket();
  assert.equal(answers.apply(inOrder), true, 'a later request is applied even if it is not the last one issued');
  assert.equal(answers.apply(stillPending), true, 'and the pending one still applies when it arrives');
  assert.equal(answers.apply(inOrder), false, 'an answer is never applied twice');
});
