import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { T51Data } from '../../../common/domain/result-schemas';
import { ntd } from '../../../common/format';

/** One kind of property: its heading, then a table of what JCIC returned, or "none". */
function Holdings<T>({
  title,
  columns,
  rows,
  money,
}: {
  title: string;
  columns: [heading: string, cell: (row: T) => ReactNode][];
  rows: T[];
  money?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <>
      <h3>{title}</h3>
      {rows.length ? (
        <table className={money ? 'table money' : 'table'} aria-label={title}>
          <thead>
            <tr>
              {columns.map(([heading]) => (
                <th key={heading}>{heading}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row, i) => (
              <tr key={i}>
                {columns.map(([heading, cell]) => (
                  <td key={heading}>{cell(row)}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="muted">{t('results.none')}</p>
      )}
    </>
  );
}

/** T51: land, buildings, vehicles, investments (the layout is an inference: result-schemas.ts). */
export function PropertySection({ data }: { data: T51Data }) {
  const { t } = useTranslation();
  return (
    <section className="card" aria-label={t('results.T51')}>
      <h2>{t('results.T51')}</h2>
      <Holdings
        title={t('results.land')}
        money
        rows={data.land}
        columns={[
          [t('results.location'), (x) => x.location],
          [t('results.lot'), (x) => x.lotNumber],
          [t('results.area'), (x) => x.areaSqm.toFixed(2)],
          [t('results.share'), (x) => x.share],
          [t('results.assessed'), (x) => ntd(x.assessedValue)],
        ]}
      />
      <Holdings
        title={t('results.buildings')}
        money
        rows={data.buildings}
        columns={[
          [t('results.address'), (x) => x.address],
          [t('results.area'), (x) => x.areaSqm.toFixed(2)],
          [t('results.share'), (x) => x.share],
          [t('results.assessed'), (x) => ntd(x.assessedValue)],
        ]}
      />
      <Holdings
        title={t('results.vehicles')}
        rows={data.vehicles}
        columns={[
          [t('results.plate'), (x) => x.plate],
          [t('results.kind'), (x) => x.kind],
          [t('results.make'), (x) => x.make],
          [t('results.year'), (x) => x.year],
        ]}
      />
      <Holdings
        title={t('results.investments')}
        rows={data.investments}
        columns={[
          [t('results.company'), (x) => x.company],
          [t('results.payerNo'), (x) => x.businessNumber],
          [t('results.shares'), (x) => x.shares.toLocaleString('en-US')],
        ]}
      />
    </section>
  );
}
