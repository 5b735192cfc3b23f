import { useTranslation } from 'react-i18next';
import type { CaseDetail } from '../../../common/contract';
import { STATE_LABELS } from '../../../common/domain/case-states';
import { CASE_NOTES, JCIC_REJECTIONS } from '../../../common/domain/case-notes';
import { dateTimeShort } from '../../../common/format';
import { L, usePunctuation } from '../../components/Labels';
import { useNoteText } from '../../components/Notes';

/** Every step of the case: when, to what, by whom, and the desk's note or the person's reason. */
export function CaseHistory({ events }: { events: CaseDetail['events'] }) {
  const { t } = useTranslation();
  const { person, colon } = usePunctuation();
  const noteText = useNoteText();
  const sep = ' · ';
  return (
    <>
      <h2>{t('case.history')}</h2>
      <ol className="timeline" aria-label={t('case.history')}>
        {events.map((e, i) => (
          <li key={i}>
            <span className="muted">{dateTimeShort(e.at)}</span> <L text={STATE_LABELS[e.to]} />
            {sep}
            {e.actor ? person(e.actor.name, e.actor.employeeId) : t('case.system')}
            {e.note && `${sep}${noteText(e.note, CASE_NOTES)}`}
            {e.note?.code === 'jcic_rejected' &&
              Object.hasOwn(JCIC_REJECTIONS, String(e.note.params.code)) &&
              `${colon}${noteText({ code: String(e.note.params.code), params: {} }, JCIC_REJECTIONS)}`}
            {shownReason(e) && (
              <>
                {sep}
                {/* A person's words or JCIC's, as written: JCIC writes in Chinese. */}
                <q lang={e.note?.code.startsWith('jcic_') ? 'zh-TW' : undefined}>{shownReason(e)}</q>
              </>
            )}
          </li>
        ))}
      </ol>
    </>
  );
}

/** The text beside a note, unless it only repeats what the note's code already says (JCIC's wording
 * of a rejection code the desk knows). */
function shownReason(e: CaseDetail['events'][number]): string | null {
  if (!e.reason) return null;
  const code = e.note?.code === 'jcic_rejected' ? String(e.note.params.code ?? '') : '';
  if (
    Object.hasOwn(JCIC_REJECTIONS, code) &&
    JCIC_REJECTIONS[code as keyof typeof JCIC_REJECTIONS]['zh-TW'] === e.reason
  )
    return null;
  return e.reason;
}
