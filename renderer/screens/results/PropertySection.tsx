import { useTranslation } from 'react-i18next';
import type { T51Data } from '../../../common/domain/result-schemas';
import { ntd } from '../../../common/format';

export function PropertySection({ data }: { data: T51Data }) {
  const { t } = useTranslation();
  const none = <p className="muted">{t('results.none')}</p>;
  return (
    <section className="card" aria-label={t('results.T51')}>
      <h2>{t('results.T51')}</h2>
      <h3>{t('results.land')}</h3>
      {data.land.length ? (
        <table className="table money">
          <thead>
            <tr>
              <th>{t('results.location')}</th>
              <th>{t('results.lot')}</th>
              <th>{t('results.area')}</th>
              <th>{t('results.share')}</th>
              <th>{t('results.assessed')}</th>
            </tr>
          </thead>
          <tbody>
            {data.land.map((x, i) => (
              <tr key={i}>
                <td>{x.location}</td>
                <td>{x.lotNumber}</td>
                <td>{x.areaSqm.toFixed(2)}</td>
                <td>{x.share}</td>
                <td>{ntd(x.assessedValue)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        none
      )}
      <h3>{t('results.buildings')}</h3>
      {data.buildings.length ? (
        <table className="table money">
          <thead>
            <tr>
              <th>{t('results.address')}</th>
              <th>{t('results.area')}</th>
              <th>{t('results.share')}</th>
              <th>{t('results.assessed')}</th>
            </tr>
          </thead>
          <tbody>
            {data.buildings.map((x, i) => (
              <tr key={i}>
                <td>{x.address}</td>
                <td>{x.areaSqm.toFixed(2)}</td>
                <td>{x.share}</td>
                <td>{ntd(x.assessedValue)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        none
      )}
      <h3>{t('results.vehicles')}</h3>
      {data.vehicles.length ? (
        <table className="table">
          <thead>
            <tr>
              <th>{t('results.plate')}</th>
              <th>{t('results.kind')}</th>
              <th>{t('results.make')}</th>
              <th>{t('results.year')}</th>
            </tr>
          </thead>
          <tbody>
            {data.vehicles.map((x, i) => (
              <tr key={i}>
                <td>{x.plate}</td>
                <td>{x.kind}</td>
                <td>{x.make}</td>
                <td>{x.year}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        none
      )}
      <h3>{t('results.investments')}</h3>
      {data.investments.length ? (
        <table className="table">
          <thead>
            <tr>
              <th>{t('results.company')}</th>
              <th>{t('results.payerNo')}</th>
              <th>{t('results.shares')}</th>
            </tr>
          </thead>
          <tbody>
            {data.investments.map((x, i) => (
              <tr key={i}>
                <td>{x.company}</td>
                <td>{x.businessNumber}</td>
                <td>{x.shares.toLocaleString('en-US')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        none
      )}
    </section>
  );
}
