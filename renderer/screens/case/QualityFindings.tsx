import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseDetail, DeskErrorPayload } from '../../../common/contract';
import { qualityText } from '../../../common/domain/quality-findings';
import { dateTimeShort } from '../../../common/format';
import { call } from '../../api/desk-api';
import { ErrorBox, useFieldError } from '../../components/ErrorBox';
import type { CaseAct } from './case-act';
import { FormTypeChoice } from './FormTypeChoice';
import { useDesk } from '../../state/desk-store';

type Finding = CaseDetail['quality']['findings'][number];

/** The quality gate on a paper form: each finding in plain words with the page it concerns; the
 * officer answers one with a reason (`answerable`), the supervisor reads the answers. */
export function QualityFindings({
  detail,
  answerable,
  act,
}: {
  detail: CaseDetail;
  answerable: boolean;
  act: CaseAct;
}) {
  const { t } = useTranslation();
  const lang = useDesk((s) => s.lang);
  const { findings } = detail.quality;
  if (detail.pages.length === 0) return null;
  const open = findings.filter((f) => !f.override).length;
  return (
    <section className="card" aria-labelledby="quality-title" data-testid="quality">
      <h2 id="quality-title">{t('quality.title')}</h2>
      <FormTypeChoice detail={detail} editable={answerable} act={act} />
      {findings.length === 0 ? (
        <p className="ok">{t('quality.passed')}</p>
      ) : (
        <>
          <p className={open > 0 ? 'warn' : 'muted'}>
            {open > 0 ? t('quality.open', { n: open }) : t('quality.forSupervisor')}
          </p>
          <ul className="findings">
            {findings.map((f) => (
              <FindingItem key={f.key} finding={f} lang={lang} caseId={detail.id} answerable={answerable} act={act} />
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function FindingItem(props: {
  finding: Finding;
  lang: 'zh-TW' | 'en';
  caseId: number;
  answerable: boolean;
  act: CaseAct;
}) {
  const { finding: f, lang, caseId, answerable, act } = props;
  const { t } = useTranslation();
  const [writing, setWriting] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<DeskErrorPayload | null>(null);
  const fieldError = useFieldError(error);
  const id = `finding-${f.key.replace(/[^\w-]/g, '-')}`;
  async function send() {
    const problem = await act(() => call('cases.overrideFinding', { caseId, finding: f.key, reason }));
    setError(problem);
    if (!problem) setWriting(false);
  }
  return (
    <li data-finding={f.code} data-answered={f.override ? 'yes' : 'no'}>
      <span id={id}>{qualityText(f, lang)}</span>
      {f.override && (
        <p className="muted">
          {t('quality.answeredBefore')}
          {/* The officer's own words, in the language they wrote them. */}
          <q lang={/[\u3400-\u9fff]/u.test(f.override.reason) ? 'zh-TW' : undefined}>{f.override.reason}</q>
          {t('quality.answeredAfter', { by: f.override.by?.name ?? '—', at: dateTimeShort(f.override.at) })}
        </p>
      )}
      {answerable && !f.override && !writing && (
        <button type="button" className="secondary" aria-describedby={id} onClick={() => setWriting(true)}>
          {t('quality.answer')}
        </button>
      )}
      {writing && (
        <div className="field">
          <label>
            <span>{t('quality.reason')}</span>
            <textarea
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              aria-describedby={id}
              aria-invalid={fieldError('reason') ? true : undefined}
              rows={2}
              autoFocus
            />
          </label>
          {fieldError('reason') && <span className="error">{fieldError('reason')}</span>}
          <span className="row">
            <button type="button" onClick={send}>
              {t('quality.save')}
            </button>
            <button type="button" className="secondary" onClick={() => setWriting(false)}>
              {t('quality.cancel')}
            </button>
          </span>
        </div>
      )}
      <ErrorBox error={error && !fieldError('reason') ? error : null} />
    </li>
  );
}
