// What a card signature's checks found, sealed with the case when the customer signed: the signer,
// each certificate check in fixed words, and the revocation result. The supervisor reads this
// before approving (as they would read a paper form's pages).
import { useTranslation } from 'react-i18next';
import type { CaseDetail } from '../../../common/contract';
import { dateTimeShort } from '../../../common/format';
import {
  CERT_CHECK_NAMES,
  certCheckParts,
  type CertCheckId,
  type CertCheckWord,
} from '../../../common/domain/cert-checks';
import { useDesk } from '../../state/desk-store';

const CJK = /[\u3400-\u9fff]/;
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T[\d:.]+Z$/;

/** A check's parameter as people read it: a time in local minutes, the training source in words. */
function shownParam(text: string, data: boolean, t: (key: string) => string): string {
  if (!data) return text;
  if (ISO_TIME.test(text)) return dateTimeShort(text);
  return text === 'training' ? t('esign.trainingSource') : text;
}

export function EsignRecord({
  esign,
  method,
}: {
  esign: NonNullable<CaseDetail['esign']>;
  method: CaseDetail['authorizationMethod'];
}) {
  const { t } = useTranslation();
  const lang = useDesk((s) => s.lang);
  const source = esign.revocation?.source === 'training' ? t('esign.trainingSource') : (esign.revocation?.source ?? '');
  return (
    <section className="card esign-record" aria-labelledby="esign-record-title">
      <h2 id="esign-record-title">{t(method === 'c3' ? 'esign.c3.signedTitle' : 'esign.signedTitle')}</h2>
      <p className={esign.verdict === 'valid' ? 'notice' : 'error'} data-verdict={esign.verdict}>
        {t(`esign.verdict.${esign.verdict}`)}
      </p>
      <dl className="facts">
        <dt>{t('esign.signer')}</dt>
        <dd>
          {esign.signerName ?? '—'} ({esign.idLastFour ?? '—'})
        </dd>
        <dt>{t('esign.signedAt')}</dt>
        <dd>{dateTimeShort(esign.signedAt)}</dd>
        {esign.identity && (
          <>
            <dt>{t('esign.c3.identity')}</dt>
            <dd data-testid="c3-identity">
              {[
                t(`esign.c3.accounts.${esign.identity.accountType}`),
                t(esign.identity.firstC3Issuance ? 'esign.c3.first.yes' : 'esign.c3.first.no'),
                t(esign.identity.videoConfirmed ? 'esign.c3.video.yes' : 'esign.c3.video.no'),
              ].join(t('esign.c3.sep'))}
            </dd>
          </>
        )}
        <dt>{t('esign.certificate')}</dt>
        <dd>
          <code>{esign.certSha256}</code>
        </dd>
      </dl>
      <ul className="checks">
        {esign.checks.map((c) => (
          <li key={c.id} data-check={c.id} data-outcome={c.outcome}>
            <strong>{CERT_CHECK_NAMES[c.id as CertCheckId]?.[lang] ?? c.id}</strong> ({t(`esign.outcome.${c.outcome}`)}
            ):{' '}
            {certCheckParts({ word: c.word as CertCheckWord, params: c.params }, lang).map((p, i) =>
              // A certificate's own names are Chinese: marked so, not translated.
              p.data && CJK.test(p.text) ? (
                <span key={i} lang="zh-TW">
                  {p.text}
                </span>
              ) : (
                shownParam(p.text, p.data, t)
              ),
            )}
          </li>
        ))}
      </ul>
      {esign.revocation && (
        <p data-revocation={esign.revocation.status}>{t(`esign.revocation.${esign.revocation.status}`, { source })}</p>
      )}
      <p className="muted">{t('esign.signatureFile')}</p>
    </section>
  );
}
