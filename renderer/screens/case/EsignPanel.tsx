// The officer's electronic authorization: the card readers as the desk sees them, the authorization's
// end date, and the customer's document and PIN (EsignDialog). On a training desk, a simulated
// card for this customer goes in and out with a button, and the panel says it is training.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseDetail, DeskErrorPayload, OutputOf } from '../../../common/contract';
import { rocDate } from '../../../common/format';
import { UNSUPPORTED_CARD_WORDS } from '../../../common/domain/card-atrs';
import { call } from '../../api/desk-api';
import { ErrorBox, useFieldError } from '../../components/ErrorBox';
import { Field } from '../../components/Field';
import { useDesk } from '../../state/desk-store';
import { useCardState, type CardState } from '../../state/use-card-state';
import type { CaseAct } from './case-act';
import { EsignDialog } from './EsignDialog';

type Reader = CardState['readers'][number];
export type AuthorizationDocument = OutputOf<'esign.document'>;

export function EsignPanel({ detail, act }: { detail: CaseDetail; act: CaseAct }) {
  const { t } = useTranslation();
  const { state, error: stateError } = useCardState();
  const [validUntil, setValidUntil] = useState('');
  const [shown, setShown] = useState<{ document: AuthorizationDocument; insertion: string } | null>(null);
  const [error, setError] = useState<DeskErrorPayload | null>(null);
  const [busy, setBusy] = useState(false);
  const fieldError = useFieldError(error);
  const caseId = detail.id;
  const card = state?.readers.find((r) => r.state === 'ready' && (r.kind === 'moica1' || r.kind === 'moica2'));

  const training = async (run: () => ReturnType<typeof call<'card.trainingRemove'>>) => {
    setBusy(true);
    const r = await run();
    setBusy(false);
    setError(r.ok ? null : r.error);
  };

  async function showDocument() {
    if (!card?.insertion) return;
    setBusy(true);
    const r = await call('esign.document', { caseId, validUntil });
    setBusy(false);
    setError(r.ok ? null : r.error);
    if (r.ok) setShown({ document: r.value, insertion: card.insertion });
  }

  return (
    <section className="card esign" aria-labelledby="esign-title">
      <h2 id="esign-title">{t('esign.title')}</h2>
      {state?.training && <p className="warn training-note">{t('esign.training', { pin: state.training.pin })}</p>}
      <p className="muted">{t('esign.intro')}</p>
      <ErrorBox error={stateError} quiet />
      {state && <ReaderStatus state={state} />}
      {state?.training && (
        <div className="row">
          <button
            type="button"
            className="secondary"
            disabled={busy}
            onClick={() => training(() => call('card.trainingInsert', { caseId }))}
          >
            {t('esign.trainingInsert')}
          </button>
          <button
            type="button"
            className="secondary"
            disabled={busy || !state.readers.some((r) => r.insertion)}
            onClick={() => training(() => call('card.trainingRemove', {}))}
          >
            {t('esign.trainingRemove')}
          </button>
        </div>
      )}
      {state && !state.unavailable && (
        <>
          <Field
            label={t('esign.validUntil')}
            type="date"
            required
            value={validUntil}
            error={fieldError('validUntil')}
            onChange={(e) => {
              setValidUntil(e.target.value);
              setError(null);
            }}
          />
          <button type="button" disabled={busy || !card} onClick={showDocument}>
            {t('esign.showDocument')}
          </button>
        </>
      )}
      <ErrorBox error={error} />
      {shown && (
        <EsignDialog
          caseId={caseId}
          validUntil={validUntil}
          document={shown.document}
          insertion={shown.insertion}
          cardNow={state?.readers.find((r) => r.insertion === shown.insertion) ?? null}
          act={act}
          onClose={() => setShown(null)}
        />
      )}
    </section>
  );
}

/** One line per reader in a small fixed set of words (web-eid's rule): what the officer can do next. */
function ReaderStatus({ state }: { state: CardState }) {
  const { t } = useTranslation();
  const lang = useDesk((s) => s.lang);
  if (state.unavailable) return <p className="error">{t(`esign.unavailable.${state.unavailable}`)}</p>;
  if (state.service !== 'running') return <p className="warn">{t(`esign.service.${state.service}`)}</p>;
  if (state.readers.length === 0) return <p className="warn">{t('esign.noReader')}</p>;
  return (
    <ul className="readers" aria-live="polite">
      {state.readers.map((r) => (
        <li key={r.name} data-reader-state={r.state}>
          <strong>{r.name}</strong>: {readerText(r, t, lang)}
        </li>
      ))}
    </ul>
  );
}

function readerText(r: Reader, t: (key: string, o?: Record<string, unknown>) => string, lang: 'zh-TW' | 'en'): string {
  if (r.state === 'unsupported')
    return UNSUPPORTED_CARD_WORDS[r.kind === 'nhi' || r.kind === 'bank' ? r.kind : 'unknown'][lang];
  if (r.state === 'card_error' && r.kind === 'moica2' && r.problem === 'comm') return t('esign.reader.gen2_error');
  if (r.state === 'card_error') return t(`esign.reader.card_${r.problem ?? 'comm'}`);
  if (r.state !== 'ready') return t(`esign.reader.${r.state}`);
  const until = r.holder?.validUntil.slice(0, 10) ?? '';
  return t('esign.reader.ready', {
    name: r.holder?.name ?? '—',
    last: r.holder?.idLastFour ?? '—',
    card: r.cardNumberMasked ?? '—',
    until: lang === 'en' ? until : `${rocDate(until)}（${until}）`,
  });
}
