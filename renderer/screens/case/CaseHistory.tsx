import { useTranslation } from 'react-i18next';
import type { CaseDetail } from '../../../common/contract';
import { STATE_LABELS } from '../../../common/domain/case-states';
import { CASE_NOTES } from '../../../common/domain/case-notes';
import { dateTimeShort } from '../../../common/format';
import { L, usePunctuation } from '../../components/Labels';
import { useNoteText } from '../../components/Notes';

/** Every step of the case: when, to what, by whom, and the desk's note or the person's reason. */
export function CaseHistory({ events }: { events: CaseDetail['events'] }) {
  const { t } = useTranslation();
  const { person } = usePunctuation();
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
            {e.reason && (
              <>
                {sep}
                <q>{e.reason}</q>
              </>
            )}
          </li>
        ))}
      </ol>
    </>
  );
}
