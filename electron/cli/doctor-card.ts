// `desk doctor`'s electronic-authorization part, from a command line: a card service and a signer
// process of its own (the checks themselves are the desk's, electron/main/esign/card-diagnostics.ts).
import type { Policy } from '../main/policy/policy';
import { CardServiceClient } from '../main/card/card-service-client';
import { SignerClient } from '../main/esign/signer-client';
import { mirrorChecks, readersCheck, tokensCheck, trustChecks, type DoctorCheck } from '../main/esign/card-diagnostics';

export type { DoctorCheck };

export async function cardChecks(policy: Policy, now: Date): Promise<DoctorCheck[]> {
  const signer = policy.pkcs11Module ? new SignerClient({ modulePath: policy.pkcs11Module }) : null;
  try {
    return [
      await pcscCheck(),
      await tokensCheck(policy.pkcs11Module, signer),
      ...trustChecks({ anchors: policy.trustAnchorDir, intermediates: policy.trustIntermediateDir }, now),
      ...(await mirrorChecks(policy)),
    ];
  } finally {
    signer?.close();
  }
}

async function pcscCheck(): Promise<DoctorCheck> {
  const service = new CardServiceClient();
  service.start();
  try {
    let state = await service.waitFor((s) => s.service !== 'starting', 5000).catch(() => service.state());
    // Readers, then their cards, are reported one by one just after the service starts, and a card
    // takes a moment to read: wait until nothing has changed for half a second (at most 10 s: a card
    // read by another program at the same moment is read again).
    for (let waited = 0, quiet = 0; state.service === 'running' && quiet < 500 && waited < 10_000; waited += 100) {
      await new Promise((r) => setTimeout(r, 100));
      const next = service.state();
      quiet = next === state && next.readers.every((r) => r.state !== 'reading') ? quiet + 100 : 0;
      state = next;
    }
    return readersCheck(state, 'no answer within 5 s');
  } finally {
    service.close();
  }
}
