// The chart library as its own classic script (dist/renderer/charts/charts.js), loaded the first
// time a chart is drawn (load-charts.ts): only the statistics screen needs it.
import { drawBarChart } from './bar-chart';

(window as unknown as { __branchDeskCharts?: { drawBarChart: typeof drawBarChart } }).__branchDeskCharts = {
  drawBarChart,
};
