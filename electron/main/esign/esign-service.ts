// Electronic authorization on a case: the card in the reader, the document the customer reads, and
// the signature. The signed CMS becomes the case's one form page, so the supervisor approves its
// digest and the outbox checks and sends it like a paper form; what the certificate checks found
// is sealed with the case for the supervisor's screen. The case is checked again inside the write
// transaction: the signature took seconds, and the case may have moved on meanwhile.
import { createHash } from 'node:crypto';
import type { Db } from '../store/database';
import type { Clock } from '../clock';
import type { AuditLog } from '../audit/audit-log';
import type { Policy } from '../policy/policy';
import { DeskError } from '../errors';
import type { StaffRecord } from '../staff/staff-directory';
import type { CaseService } from '../cases/case-service';
import type { CaseViews } from '../cases/case-views';
import type { CaseRow } from '../cases/case-rows';
import type { FormStore } from '../cases/form-store';
import type { SubjectSeal } from '../cases/subject-seal';
import { subjectOf } from '../cases/subject-seal';
import { checkValidity } from '../cases/case-approval';
import { parseCertificate } from '../cardcheck/certificate';
import { loadCertificateDir } from '../cardcheck/trust-store';
import type { TrustStore } from '../cardcheck/chain';
import type { RevocationChecker } from '../cardcheck/revocation';
import type { CardServiceState } from '../card/card-service-client';
import type { ReaderSnapshot } from '../card/card-protocol';
import { signAuthorization } from './sign-authorization';
import type { Signer } from './signer';
import { esignRecord, SignatureStore } from './signature-store';
import { C3Import } from './c3-import';
import { Gen2Certificates } from './gen2-certificates';
import { TRAINING_PIN, type TrainingCard } from './training/training-card';
import { cardCheck, mirrorChecks, readersCheck, tokensCheck, trustChecks } from './card-diagnostics';
import type { CaseDetail, OutputOf } from '../../../common/contract';
import {
  authorizationDocument,
  authorizationText,
  type AuthorizationFacts,
} from '../../../common/domain/authorization-document';

export interface CardSource {
  start(): void;
  state(): CardServiceState;
  close(): void;
}

export interface EsignParts {
  cards: CardSource;
  signer: Signer | null;
  revocation: RevocationChecker;
  /** Revocation for C3 certificates: always the real services (a training desk's checker knows only its own card). */
  c3Revocation: RevocationChecker;
  /** Revocation of the CA certificates in a card's chain (GRCA's list, or IT's mirror of it). */
  caRevocation: RevocationChecker;
  /** The same for C3 chains: the lists their own CA certificates name. */
  c3CaRevocation: RevocationChecker;
  /** Where trusted certificates are: IT's directories, or the training PKI once made (null until then). */
  trustDirs(): { anchors: string; intermediates: string } | null;
  /** The simulated card of a training desk, or null. */
  training: TrainingCard | null;
}

/** Why electronic authorization is unavailable, in the words of ESIGN_UNAVAILABLE's detail. */
const UNAVAILABLE_DETAIL = {
  no_trust_anchors: { 'zh-TW': '尚未安裝信任根憑證', en: 'no trust anchors are installed' },
  no_signing_module: { 'zh-TW': '未設定簽章模組（PKCS#11）', en: 'no signing module (PKCS#11) is set up' },
} as const;

interface SignInput {
  caseId: number;
  validUntil: string;
  issuedAt: string;
  documentSha256: string;
  insertion: string;
  pin: string;
  confirmFinalTry: boolean;
}

export class EsignService {
  private trust: TrustStore | null = null;
  private started = false;
  /** The holder shown for each card read, by its insertion: the screen polls, the card stays the same. */
  private readonly holders = new Map<string, Holder>();

  constructor(
    private readonly db: Db,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
    private readonly policy: Policy,
    private readonly cases: CaseService,
    private readonly views: CaseViews,
    private readonly forms: FormStore,
    private readonly seal: SubjectSeal,
    private readonly parts: EsignParts,
    private readonly deskId: string,
  ) {
    this.signatures = new SignatureStore(db, audit, clock, cases, forms, seal);
    this.c3 = new C3Import(audit, clock, policy, cases, views, seal, this.signatures, {
      revocation: parts.c3Revocation,
      caRevocation: parts.c3CaRevocation,
    });
  }

  private readonly signatures: SignatureStore;
  private readonly gen2 = new Gen2Certificates(() => this.parts.signer);

  /** The card service's readers, a gen-2 card's certificates filled in from its token. */
  private cardsNow(): CardServiceState {
    const state = this.parts.cards.state();
    const cardsIn = state.readers.filter((r) => r.state !== 'no_card').length;
    return { ...state, readers: state.readers.map((r) => this.gen2.complete(r, cardsIn)) };
  }
  private readonly c3: C3Import;

  /** A C3 authorization signed in the online channel, imported into the case (c3-import.ts). */
  importC3(input: Parameters<C3Import['import']>[0], user: StaffRecord): Promise<CaseDetail> {
    return this.c3.import(input, user);
  }

  cardState(): OutputOf<'card.state'> {
    if (!this.started) {
      this.started = true;
      this.parts.cards.start();
    }
    const state = this.cardsNow();
    const training = this.parts.training;
    return {
      unavailable: this.unavailable(),
      // The training card is ready once its PKI is made (a second, on the desk's first start).
      service: training && !training.trustDirs() ? 'starting' : state.service,
      readers: state.readers.map((r) => readerView(r, this.holders)),
      training: training ? { pin: TRAINING_PIN } : null,
    };
  }

  /** What the token holding the card's certificate says of its PIN, shown before the first try. */
  async pinState(insertion: string): Promise<OutputOf<'esign.pinState'>> {
    if (!this.parts.signer) throw new DeskError('ESIGN_UNAVAILABLE', { detail: 'no_signing_module' });
    const reader = this.readerWith(insertion);
    const token = await this.parts.signer.tokenState(Buffer.from(reader.certificates[0]!, 'base64'));
    if (!token) throw new DeskError('TOKEN_NOT_FOUND');
    return { countLow: token.pinCountLow, finalTry: token.pinFinalTry, locked: token.pinLocked };
  }

  /** Training only: a simulated card made for this case's customer goes into the training reader. */
  async trainingInsert(caseId: number, user: StaffRecord): Promise<void> {
    const training = this.parts.training;
    if (!training) throw new DeskError('NOT_TRAINING');
    const subject = subjectOf(this.seal, this.cases.visibleRow(caseId, user));
    if (!subject) throw new DeskError('SUBJECT_NEEDED');
    this.audit.record({ actor: user, action: 'esign.training_card', caseId, target: `case:${caseId}` });
    await training.insert({ name: subject.name, idNumber: subject.idNumber });
  }

  trainingRemove(): void {
    if (!this.parts.training) throw new DeskError('NOT_TRAINING');
    this.parts.training.remove();
  }

  /** For IT: each part electronic authorization needs, as this desk sees it now. */
  async diagnostics(): Promise<OutputOf<'esign.diagnostics'>> {
    this.cardState(); // starts the card service if no screen has yet
    const training = this.parts.training;
    const checks = [
      ...(training
        ? [cardCheck('training', 'warn', 'training desk: a simulated card and software signer stand in (訓練環境)')]
        : []),
      readersCheck(this.cardsNow(), 'starting'),
      await tokensCheck(training ? 'the training card' : this.policy.pkcs11Module, this.parts.signer),
      ...trustChecks(this.parts.trustDirs(), this.clock.now()),
      // A training card's revocation is answered by the desk itself: no service to reach.
      ...(training ? [] : await mirrorChecks(this.policy)),
    ];
    return { checks: checks.map(({ name, state, detail }) => ({ name: name as never, state, detail })) };
  }

  /** The directories the sandbox JCIC is to trust for card signatures (training: made first). */
  async trustDirsForSandbox(): Promise<string[]> {
    const training = this.parts.training;
    const dirs = training ? await training.prepare().catch(() => null) : this.parts.trustDirs();
    const c3 = [this.policy.c3TrustAnchorDir, this.policy.c3TrustIntermediateDir];
    return [...(dirs ? [dirs.anchors, dirs.intermediates] : []), ...c3].filter(Boolean);
  }

  /** Resolves when nothing of electronic authorization still writes into the data directory. */
  settled(): Promise<void> {
    return this.parts.training?.settled() ?? Promise.resolve();
  }

  document(caseId: number, validUntil: string, user: StaffRecord): OutputOf<'esign.document'> {
    const issuedAt = this.clock.now().toISOString();
    const facts = this.facts(caseId, validUntil, issuedAt, user);
    const bytes = authorizationDocument(facts);
    // The customer's words come out of the bytes to be signed, not from a second rendering.
    const signedWords = (JSON.parse(bytes.toString('utf8')) as { wording: string }).wording;
    const text = { 'zh-TW': signedWords, en: authorizationText(facts, 'en') };
    return { issuedAt, sha256: sha256(bytes), text };
  }

  private signingNow = 0;

  /** True while a customer's signature is being made (an update must not cut it short). */
  get signing(): boolean {
    return this.signingNow > 0;
  }

  async sign(input: SignInput, user: StaffRecord): Promise<CaseDetail> {
    this.signingNow++;
    try {
      return await this.signOnce(input, user);
    } finally {
      this.signingNow--;
    }
  }

  private async signOnce(input: SignInput, user: StaffRecord): Promise<CaseDetail> {
    const why = this.unavailable();
    if (why || !this.parts.signer)
      throw new DeskError('ESIGN_UNAVAILABLE', { detail: UNAVAILABLE_DETAIL[why ?? 'no_signing_module'] });
    const today = this.cases.today();
    checkValidity(today, input.validUntil, today);
    // Before the PIN is used (a try spent on a case that cannot take the signature is lost), and
    // again inside the write transaction below.
    this.assertSignable(this.cases.visibleRow(input.caseId, user), today);
    const facts = this.facts(input.caseId, input.validUntil, input.issuedAt, user);
    const document = authorizationDocument(facts);
    if (sha256(document) !== input.documentSha256) throw new DeskError('ESIGN_DOCUMENT_CHANGED');
    const reader = this.readerWith(input.insertion);
    const [signing, ...others] = reader.certificates.map((c) => parseCertificate(Buffer.from(c, 'base64')));
    const trust = this.trustStore();
    const signed = await signAuthorization(this.parts.signer, {
      document,
      cardCert: signing!,
      subject: { idNumber: facts.subjectIdNumber, name: facts.subjectName },
      pin: input.pin,
      confirmFinalTry: input.confirmFinalTry,
      trust: { anchors: trust.anchors, intermediates: [...trust.intermediates, ...others] },
      revocation: this.parts.revocation,
      caRevocation: this.parts.caRevocation,
      revocationUnknown: this.policy.revocationUnknown,
      now: this.clock.now(),
    });
    // The card in the reader must still be the one that was read: pulled out or swapped while the
    // customer typed the PIN, the signature is thrown away.
    this.readerWith(input.insertion, 'after signing');
    this.signatures.store({
      caseId: input.caseId,
      user,
      cms: signed.cms,
      record: esignRecord(signed.report, signing!.sha256, signed.signingTime),
      method: 'moica',
      signedOn: today,
      validUntil: input.validUntil,
      audit: {
        action: 'esign.signed',
        detail: {
          cardNumber: reader.cardNumber ? maskCard(reader.cardNumber) : null,
          certSha256: signing!.sha256,
          verdict: signed.report.verdict,
          revocation: signed.report.revocation?.status ?? null,
        },
      },
    });
    return this.views.detail(input.caseId);
  }

  private assertSignable(row: CaseRow, today: string): void {
    this.signatures.assertSignable(row, today);
  }

  close(): void {
    if (this.started) this.parts.cards.close();
    this.parts.signer?.close();
  }

  private unavailable(): 'no_trust_anchors' | 'no_signing_module' | null {
    if (this.parts.training && !this.parts.trustDirs()) return null; // still being made: "starting"
    if (this.trustStore().anchors.length === 0) return 'no_trust_anchors';
    if (!this.parts.signer) return 'no_signing_module';
    return null;
  }

  /** Read once the directories are known (the training PKI's only after it is made). */
  private trustStore(): TrustStore {
    if (this.trust) return this.trust;
    const dirs = this.parts.trustDirs();
    const load = (dir: string | undefined) => (dir ? loadCertificateDir(dir).certificates : []);
    const trust = { anchors: load(dirs?.anchors), intermediates: load(dirs?.intermediates) };
    if (dirs) this.trust = trust;
    return trust;
  }

  /** The reader holding a read MOICA card of this insertion; otherwise why not: no card (before),
   * the card taken out (while it signed), or another card in its place. */
  private readerWith(insertion: string, when: 'before signing' | 'after signing' = 'before signing'): ReaderSnapshot {
    const readers = this.cardsNow().readers;
    const reader = readers.find((r) => r.insertion === insertion);
    if (reader?.state === 'ready' && reader.certificates.length > 0) return reader;
    if (readers.some((r) => r.insertion)) throw new DeskError('CARD_CHANGED');
    throw new DeskError(when === 'after signing' ? 'CARD_REMOVED' : 'NO_CARD');
  }

  private facts(caseId: number, validUntil: string, issuedAt: string, user: StaffRecord): AuthorizationFacts {
    const row = this.cases.visibleRow(caseId, user);
    const subject = subjectOf(this.seal, row);
    if (!subject) throw new DeskError('SUBJECT_NEEDED');
    return {
      caseId,
      subjectIdNumber: subject.idNumber,
      subjectName: subject.name,
      role: row.role,
      purpose: row.purpose,
      products: JSON.parse(row.products) as string[],
      validFrom: this.cases.today(),
      validUntil,
      bankCode: this.policy.bankCode ?? '000',
      branchCode: this.policy.branchCode ?? user.branchCode,
      issuedAt,
      deskId: this.deskId,
    };
  }
}

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const maskCard = (n: string) => `${n.slice(0, 2)}${'*'.repeat(10)}${n.slice(-4)}`;

type Holder = OutputOf<'card.state'>['readers'][number]['holder'];

function readerView(r: ReaderSnapshot, holders: Map<string, Holder>): OutputOf<'card.state'>['readers'][number] {
  let holder = r.insertion ? holders.get(r.insertion) : undefined;
  if (holder === undefined) {
    const cert = r.certificates[0] ? parseCertificate(Buffer.from(r.certificates[0], 'base64')) : null;
    holder = cert
      ? { name: cert.commonName, idLastFour: cert.idLastFour, validUntil: cert.notAfter.toISOString() }
      : null;
    // Only cards already read are kept (a reading card has no certificate yet); a few at most.
    if (r.insertion && r.state === 'ready') {
      if (holders.size >= 8) holders.clear();
      holders.set(r.insertion, holder);
    }
  }
  return {
    name: r.name,
    state: r.state,
    kind: r.kind,
    insertion: r.insertion,
    cardNumberMasked: r.cardNumber ? maskCard(r.cardNumber) : null,
    holder,
    problem: r.state === 'card_error' ? (r.problem ?? 'comm') : null,
  };
}
