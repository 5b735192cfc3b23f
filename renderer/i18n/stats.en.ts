import type { statsZhTW } from './stats.zh-TW';
import type { Shape } from './shape';

export const statsEn: Shape<typeof statsZhTW> = {
  title: 'Usage statistics',
  tab: 'Statistics',
  from: 'From',
  to: 'To',
  toHint: 'not included',
  show: 'Count',
  counting: 'Counting…',
  csv: 'Download CSV',
  summary: '{{queries}} queries, {{rejections}} rejected by JCIC, {{overrides}} quality findings answered.',
  hours: 'From opening a case to its data: median {{median}} h, 90th percentile {{p90}} h ({{n}} cases).',
  noData: 'No case received its data in this period.',
  byOfficer: 'Queries by officer',
  byProduct: 'Queries by product',
  byPurpose: 'Queries by purpose',
  byMonth: 'Queries by month',
  rejections: 'JCIC rejections by reason',
  methods: 'Authorizations by method',
  overrides: 'Quality findings answered, by kind',
  item: 'Item',
  count: 'Count',
  none: 'None',
  monthLabel: '{{month}} (ROC {{rocShort}})',
  chart: {
    tooltip: '{{month}}: {{count}}',
    summary:
      '{{title}}, a column chart: {{months}} months from {{first}} to {{last}}; the busiest, {{busiest}}, had {{most}}; {{total}} in all. The table below gives each month.',
    unavailable: 'The chart could not be loaded; the table below gives each month.',
  },
  method: { paper: 'Paper form', moica: 'MOICA card', c3: 'C3 software certificate' },
  finding: {
    blurred: 'Blurred',
    low_resolution: 'Resolution too low',
    blank: 'Blank page',
    page_count: 'Page count',
    id_missing: 'ID number not found',
    id_other: "Another person's ID number",
  },
};
