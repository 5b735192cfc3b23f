import type { esignZhTW } from './esign.zh-TW';
import type { Shape } from './shape';

export const esignEn: Shape<typeof esignZhTW> = {
  method: 'Authorization',
  paper: 'Paper form',
  moica: 'MOICA card (electronic)',
  title: 'Electronic authorization with the MOICA card',
  intro:
    'Ask the customer to insert their citizen certificate (MOICA) card into the reader. Once they have read the authorization, the customer types the PIN themselves.',
  training:
    'Training: a simulated reader and card, not a real citizen certificate. The simulated card’s PIN is {{pin}}.',
  trainingInsert: 'Insert a simulated card made for this customer',
  trainingRemove: 'Take the simulated card out',
  unavailable: {
    no_trust_anchors:
      'No trust anchors are installed on this desk, so electronic authorization is unavailable; use a paper form and tell IT',
    no_signing_module:
      'No signing module (PKCS#11) is set up on this desk, so electronic authorization is unavailable; use a paper form and tell IT',
  },
  service: {
    starting: 'Starting the card service…',
    unavailable:
      'The smart-card service (PC/SC) is not running; tell IT. The desk reconnects by itself once it is back',
  },
  noReader: 'No card reader found; check that it is plugged in',
  reader: {
    no_card: 'Insert the citizen certificate card',
    reading: 'Reading the card; do not take it out…',
    ready: 'Read: {{name}} (ID ending {{last}}), card {{card}}, certificate valid until {{until}}',
    gen2_error:
      'This is a later-generation MOICA card, but the signing module shows no certificate for it; check that the HiCOS card client is installed, or use a paper form',
    card_comm: 'This card could not be read; take it out and insert it again',
    card_busy:
      'Another program is using this card: close other card software, then take the card out and insert it again',
    card_not_answering:
      'The card does not answer: take it out and insert it again, chip first and facing up; if it still does not answer, use a paper form',
  },
  validUntil: 'Authorization valid until',
  showDocument: 'Show the customer the authorization',
  documentTitle: 'Authorization to query personal data (for the customer to read)',
  documentEnglish: 'English version (for staff; the customer signs the Chinese text)',
  pinTitle: 'The customer types the card’s PIN',
  pin: 'PIN',
  pinHint: '6 to 8 characters; typed by the customer only, never recorded',
  pinState: {
    fresh: 'This card has no wrong PIN on record',
    countLow: 'A wrong PIN has been typed on this card; repeated wrong PINs block it',
    finalTry:
      'One try left: one more wrong PIN blocks the card, and only a household registration office can unblock it',
    locked:
      "This card's PIN is blocked and cannot sign. The customer must take it to a household registration office; use a paper authorization this time",
    unknown: 'The card does not say how many tries are left; each wrong PIN uses one up',
  },
  confirmFinalTry: 'The customer understands this is the last try',
  sign: 'Sign',
  signing: 'Signing; do not take the card out…',
  remove: 'Remove the earlier signature and authorize again',
  removeAsk: "Remove the customer's earlier card signature? They then sign again, or a paper form is used",
  removeYes: 'Remove the signature',
  cancel: 'Cancel',
  signedTitle: 'Signed with the MOICA card',
  signer: 'Signer',
  signedAt: 'Signed at',
  verdict: { valid: 'Certificate checks: all passed', invalid: 'Certificate checks: failed' },
  outcome: { pass: 'Passed', fail: 'Failed', warn: 'Note', not_applicable: 'Does not apply' },
  revocation: {
    valid: 'Revocation: not revoked ({{source}})',
    revoked: 'Revocation: revoked ({{source}})',
    unknown: 'Revocation: could not be checked',
  },
  trainingSource: 'training',
  certificate: 'Certificate fingerprint (SHA-256)',
  signatureFile: 'The signature (CMS) is sealed with the case and goes to JCIC for review',
  diagnostics: {
    title: 'Electronic authorization parts',
    intro:
      "Checks this PC's smart-card service and readers, the signing module (PKCS#11), the trust certificates, the revocation sources and the JCIC connection; the same as desk doctor.",
    run: 'Run the check',
    running: 'Checking…',
    part: 'Part',
    state: 'State',
    detail: 'Technical detail',
    names: {
      pcsc: 'Smart-card service and readers',
      pkcs11: 'Signing module (PKCS#11)',
      trust: 'Trust certificates',
      revocation: 'Revocation sources',
      jcic: 'JCIC connection',
      training: 'Training',
    },
    states: { ok: 'OK', warn: 'Attention', broken: 'Broken' },
  },
  c3: {
    option: 'C3 software certificate (signed online)',
    title: 'Import a C3 software-certificate authorization',
    intro:
      "The customer signed the authorization in the bank's online channel with their C3 software certificate; import the signed file (.p7s) and fill in the customer's account.",
    accountType: "Customer's account type",
    accounts: {
      regular: 'Regular deposit account',
      digital_type3: 'Type-3 digital deposit account',
      credit_card_only: 'Credit card only',
    },
    firstIssuance: 'The customer’s first C3 certificate',
    videoNeeded: 'A first C3 certificate for this kind of customer needs video identification first',
    videoConfirmed: 'Identity confirmed by video',
    file: 'Signed C3 authorization file (.p7s)',
    import: 'Import and check',
    sep: '; ',
    signedTitle: 'Signed with a C3 software certificate',
    identity: 'Account and identification',
    video: { yes: 'Identity confirmed by video', no: 'No video identification (not needed for this customer)' },
    first: { yes: 'First C3 certificate', no: 'Not the first C3 certificate' },
  },
};
