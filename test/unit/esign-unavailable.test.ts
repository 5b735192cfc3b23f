// A desk whose policy names no trust anchors or no signing module: electronic authorization says it
// is unavailable and why, and a signature is refused with that reason before any card is asked.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ADMIN, OFFICER, deskFixture } from '../support/desk-fixture';
import { makeMoicaPki } from '../support/moica-pki';

async function officerDesk(policy: Record<string, unknown>) {
  const f = deskFixture({ branchCode: '0123', ...policy });
  await f.ok('setup.createAdmin', ADMIN);
  await f.addStaff(OFFICER);
  await f.ok('auth.login', { employeeId: OFFICER.employeeId, password: OFFICER.password });
  return f;
}

test('no trust anchors, or anchors but no signing module: the card state says which, and esign.sign is refused with it', async () => {
  const pki = makeMoicaPki();
  for (const [policy, why] of [
    // A module named but no anchors (with neither, a training desk gets the training card).
    [{ pkcs11Module: '/nonexistent/libHicos_p11.so' }, 'no_trust_anchors'],
    [{ trustAnchorDir: pki.anchorsDir }, 'no_signing_module'],
  ] as const) {
    const f = await officerDesk(policy);
    try {
      assert.equal((await f.ok('card.state', {})).unavailable, why);
      const caseId = (
        await f.ok('cases.create', {
          subject: { idNumber: 'A123456789', name: '王小明' },
          enterprise: null,
          role: 'borrower',
          purpose: 'credit',
          products: ['T50'],
        })
      ).id;
      const today = new Date().toISOString().slice(0, 10);
      const r = await f.call('esign.sign', {
        caseId,
        validUntil: today,
        issuedAt: new Date().toISOString(),
        documentSha256: '0'.repeat(64),
        insertion: 'none',
        pin: '123456',
        confirmFinalTry: false,
      });
      assert.equal(!r.ok && r.error.code, 'ESIGN_UNAVAILABLE');
      // The reason in words, in both languages (never the code).
      const words = {
        no_trust_anchors: ['尚未安裝信任根憑證', 'no trust anchors'],
        no_signing_module: ['未設定簽章模組', 'no signing module'],
      };
      assert.ok(!r.ok && r.error.message['zh-TW'].includes(words[why]![0]!), !r.ok ? r.error.message['zh-TW'] : '');
      assert.ok(!r.ok && r.error.message.en.includes(words[why]![1]!), !r.ok ? r.error.message.en : '');
      assert.ok(!r.ok && !r.error.message.en.includes(why));
    } finally {
      f.dispose();
    }
  }
});
