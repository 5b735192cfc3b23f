// Loads the chart script (charts-entry.ts) on first use.
import type { drawBarChart } from './bar-chart';
import { loadScript } from '../lazy-script';

export type { BarChartSpec, DrawnChart } from './bar-chart';

type Charts = { drawBarChart: typeof drawBarChart };

export const loadCharts = () => loadScript<Charts>('charts/charts.js', '__branchDeskCharts', 'chart library');
