// The training card: with no card reader, signing module or trust anchors configured on a training
// desk (no JCIC endpoint), a simulated reader and card stand in, so the flow can be learned on any
// PC. The officer "inserts" a card made for the case's customer (a certificate from the desk's own
// training PKI, its key in memory only); the card has MOICA's PIN discipline (three tries, then
// blocked until a new training card), its PIN is shown on the screen, and everything says 訓練環境.
import { constants, createPrivateKey, privateEncrypt, randomInt, randomUUID, type KeyObject } from 'node:crypto';
import type { CardServiceState } from '../../card/card-service-client';
import type { ReaderSnapshot } from '../../card/card-protocol';
import type { Clock } from '../../clock';
import { DeskError } from '../../errors';
import type { RevocationChecker } from '../../cardcheck/revocation';
import type { Signer, TokenCertificates, TokenState } from '../signer';
import { runTrainingPki, trainingPkiDirs } from './training-pki';

export const TRAINING_PIN = '123456';
export const TRAINING_READER = '訓練用模擬讀卡機 Training reader (simulated)';
const TRIES = 3;

interface InsertedCard {
  insertion: string;
  cardNumber: string;
  certDer: Buffer | null;
  key: KeyObject | null;
  triesLeft: number;
  holder: { name: string; idNumber: string };
}

export class TrainingCard implements Signer {
  private card: InsertedCard | null = null;
  private authority: Promise<void> | null = null;
  private authorityMade = false;
  private readonly working = new Set<Promise<unknown>>();

  constructor(
    private readonly dir: string,
    private readonly clock: Clock,
  ) {}

  /** Makes the training PKI if needed (a worker thread); resolves with the directories to trust. */
  async prepare(): Promise<{ anchors: string; intermediates: string }> {
    this.authority ??= this.track(runTrainingPki({ dir: this.dir, now: this.clock.now().getTime() })).then(
      () => {
        this.authorityMade = true;
      },
      (e: unknown) => {
        this.authority = null; // a failure (a full disk, the deadline) is tried again next time
        throw e;
      },
    );
    await this.authority;
    return trainingPkiDirs(this.dir);
  }

  /** Resolves when no worker is writing into the data directory (before it is closed or removed). */
  async settled(): Promise<void> {
    while (this.working.size > 0) await Promise.allSettled([...this.working]);
  }

  private track<T>(work: Promise<T>): Promise<T> {
    this.working.add(work);
    const done = () => this.working.delete(work);
    work.then(done, done);
    return work;
  }

  /** The directories to trust, once the PKI exists. */
  trustDirs(): { anchors: string; intermediates: string } | null {
    return this.authorityMade ? trainingPkiDirs(this.dir) : null;
  }

  /** A new training card for this customer: reading while its certificate is made, then ready. */
  async insert(holder: { name: string; idNumber: string }): Promise<void> {
    await this.prepare();
    const cardNumber = `TR${String(randomInt(10 ** 7)).padStart(7, '0')}${String(randomInt(10 ** 7)).padStart(7, '0')}`;
    const card: InsertedCard = {
      insertion: randomUUID(),
      cardNumber,
      certDer: null,
      key: null,
      triesLeft: TRIES,
      holder,
    };
    this.card = card;
    const answer = await this.track(
      runTrainingPki({
        dir: this.dir,
        now: this.clock.now().getTime(),
        citizen: { ...holder, cardNumber },
      }),
    );
    if (this.card !== card) return; // taken out (or another put in) while it was being made
    card.certDer = Buffer.from(answer.citizen!.der);
    card.key = createPrivateKey(answer.citizen!.keyPem);
  }

  remove(): void {
    this.card = null;
  }

  // As a card source.
  start(): void {
    void this.prepare().catch(() => undefined); // card.state says "starting" until it is made
  }
  close(): void {}
  state(): CardServiceState {
    const card = this.card;
    const reader: ReaderSnapshot = {
      name: TRAINING_READER,
      state: !card ? 'no_card' : card.certDer ? 'ready' : 'reading',
      kind: card ? 'moica2' : null,
      atr: null,
      insertion: card?.insertion ?? null,
      problem: null,
      cardNumber: card?.cardNumber ?? null,
      certificates: card?.certDer ? [card.certDer.toString('base64')] : [],
      error: null,
    };
    return { service: 'running', readers: [reader], detail: null };
  }

  // As a signer: the card's PIN discipline, as a PKCS#11 token reports it.
  tokenState(certDer: Buffer): Promise<TokenState | null> {
    const card = this.holding(certDer);
    return Promise.resolve(card ? tokenOf(card) : null);
  }

  tokens(): Promise<TokenState[]> {
    return Promise.resolve(this.card?.certDer ? [tokenOf(this.card)] : []);
  }

  certificates(): Promise<TokenCertificates[]> {
    const card = this.card;
    return Promise.resolve(
      card?.certDer
        ? [{ slotDescription: TRAINING_READER, serialNumber: card.cardNumber, certificates: [card.certDer] }]
        : [],
    );
  }

  sign(certDer: Buffer, pin: string, digestInfo: Buffer): Promise<Buffer> {
    const card = this.holding(certDer);
    if (!card?.key) return Promise.reject(new DeskError(this.card ? 'TOKEN_NOT_FOUND' : 'CARD_REMOVED'));
    if (card.triesLeft === 0) return Promise.reject(new DeskError('PIN_LOCKED'));
    if (pin.length < 6 || pin.length > 8) return Promise.reject(new DeskError('PIN_FORMAT').about('pin'));
    if (pin !== TRAINING_PIN) {
      card.triesLeft -= 1;
      return Promise.reject(new DeskError('PIN_INCORRECT_NO_COUNT'));
    }
    card.triesLeft = TRIES;
    return Promise.resolve(privateEncrypt({ key: card.key, padding: constants.RSA_PKCS1_PADDING }, digestInfo));
  }

  /** Revocation for training certificates: this desk issued them and revokes none. */
  revocation(): RevocationChecker {
    return { check: () => Promise.resolve({ status: 'valid', source: 'training' }) };
  }

  private holding(certDer: Buffer): InsertedCard | null {
    const card = this.card;
    return card?.certDer?.equals(certDer) ? card : null;
  }
}

function tokenOf(card: InsertedCard): TokenState {
  return {
    label: '訓練卡 TRAINING',
    serialNumber: card.cardNumber,
    pinCountLow: card.triesLeft < TRIES,
    pinFinalTry: card.triesLeft === 1,
    pinLocked: card.triesLeft === 0,
    protectedAuthPath: false,
    minPinLength: 6,
    maxPinLength: 8,
  };
}
