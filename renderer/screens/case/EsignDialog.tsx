// What the customer sees at the counter: first the authorization they are about to sign, full
// screen, in Chinese (the bytes signed are exactly these words' document); then the PIN, with what
// the card says of its tries before the first one, an explicit confirmation before the last, and a
// blocked card stopping the flow. The PIN leaves this component's state as the request is sent.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeskErrorPayload, OutputOf } from '../../../common/contract';
import { call } from '../../api/desk-api';
import { ErrorBox, useFieldError } from '../../components/ErrorBox';
import { Field } from '../../components/Field';
import { useDesk } from '../../state/desk-store';
import type { CardState } from '../../state/use-card-state';
import type { CaseAct } from './case-act';
import type { AuthorizationDocument } from './EsignPanel';

type PinState = OutputOf<'esign.pinState'>;
type PinWord = 'fresh' | 'countLow' | 'finalTry' | 'locked' | 'unknown';
const WRONG_PIN = ['PIN_INCORRECT', 'PIN_INCORRECT_NO_COUNT', 'PIN_FINAL_TRY', 'PIN_LOCKED'];

function pinWord(p: PinState | null): PinWord {
  if (!p) return 'unknown';
  return p.locked ? 'locked' : p.finalTry ? 'finalTry' : p.countLow ? 'countLow' : 'fresh';
}

export function EsignDialog(props: {
  caseId: number;
  validUntil: string;
  document: AuthorizationDocument;
  insertion: string;
  /** The reader holding the card that was read, as it is now (null: taken out). */
  cardNow: CardState['readers'][number] | null;
  act: CaseAct;
  onClose(): void;
}) {
  const { t } = useTranslation();
  const lang = useDesk((s) => s.lang);
  const ref = useRef<HTMLDialogElement>(null);
  const [step, setStep] = useState<'read' | 'pin'>('read');
  const [pin, setPin] = useState('');
  const [pinState, setPinState] = useState<PinState | null>(null);
  const [confirmed, setConfirmed] = useState(false);
  const [error, setError] = useState<DeskErrorPayload | null>(null);
  const [signing, setSigning] = useState(false);
  const fieldError = useFieldError(error);

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);

  async function askPinState() {
    const r = await call('esign.pinState', { insertion: props.insertion });
    setPinState(r.ok ? r.value : null);
    if (!r.ok) setError(r.error);
  }

  async function sign(e: FormEvent) {
    e.preventDefault();
    const typed = pin;
    setPin(''); // not kept in the screen's state once sent, whatever the answer
    setSigning(true);
    const problem = await props.act(() =>
      call('esign.sign', {
        caseId: props.caseId,
        validUntil: props.validUntil,
        issuedAt: props.document.issuedAt,
        documentSha256: props.document.sha256,
        insertion: props.insertion,
        pin: typed,
        confirmFinalTry: confirmed,
      }),
    );
    setSigning(false);
    if (!problem) return props.onClose();
    setError(problem);
    if (WRONG_PIN.includes(problem.code)) {
      setConfirmed(false);
      await askPinState();
      setError(problem);
    }
  }

  const word = pinWord(pinState);
  const cardGone = props.cardNow?.state !== 'ready';
  return (
    <dialog
      ref={ref}
      className="esign-dialog"
      aria-labelledby="esign-dialog-title"
      onCancel={(e) => {
        // Not while the card signs: its answer (a try spent, or the signature) must be seen.
        e.preventDefault();
        if (!signing) props.onClose();
      }}
    >
      {step === 'read' ? (
        <div className="esign-document">
          <h2 id="esign-dialog-title">{t('esign.documentTitle')}</h2>
          <div className="document-text" lang="zh-TW">
            {props.document.text['zh-TW']}
          </div>
          {lang === 'en' && (
            <details>
              <summary>{t('esign.documentEnglish')}</summary>
              <div className="document-text small">{props.document.text.en}</div>
            </details>
          )}
          <div className="row">
            <button
              type="button"
              autoFocus
              onClick={() => {
                setStep('pin');
                void askPinState();
              }}
            >
              {t('esign.pinTitle')}
            </button>
            <button type="button" className="secondary" onClick={props.onClose}>
              {t('esign.cancel')}
            </button>
          </div>
        </div>
      ) : (
        <form className="esign-pin" onSubmit={sign} aria-busy={signing}>
          <h2 id="esign-dialog-title">{t('esign.pinTitle')}</h2>
          <p className={word === 'fresh' ? 'muted' : word === 'locked' ? 'error' : 'warn'} data-pin-state={word}>
            {t(`esign.pinState.${word}`)}
          </p>
          {cardGone && <p className="error">{t('esign.reader.no_card')}</p>}
          {word !== 'locked' && (
            <>
              <Field
                label={t('esign.pin')}
                hint={t('esign.pinHint')}
                type="password"
                inputMode="numeric"
                autoComplete="off"
                autoFocus
                minLength={6}
                maxLength={8}
                required
                value={pin}
                error={fieldError('pin')}
                onChange={(e) => {
                  setPin(e.target.value);
                  setError(null);
                }}
              />
              {word === 'finalTry' && (
                <label className="check">
                  <input type="checkbox" checked={confirmed} onChange={(e) => setConfirmed(e.target.checked)} />
                  {t('esign.confirmFinalTry')}
                </label>
              )}
            </>
          )}
          {signing && <p aria-live="assertive">{t('esign.signing')}</p>}
          <div className="row">
            {word !== 'locked' && (
              <button type="submit" disabled={signing || (word === 'finalTry' && !confirmed)}>
                {t('esign.sign')}
              </button>
            )}
            <button type="button" className="secondary" disabled={signing} onClick={props.onClose}>
              {t('esign.cancel')}
            </button>
          </div>
          <ErrorBox error={error} />
        </form>
      )}
    </dialog>
  );
}
