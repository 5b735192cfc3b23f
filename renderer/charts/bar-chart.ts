// A column chart drawn with Chart.js on a canvas the page owns: only the parts a bar chart needs are
// registered (the rest of the library stays out of the script). No animation: the figure is there
// at once, and nothing moves for an officer who asked the system for less motion. The colour of the
// text and the font come from the page's own styles; the bars' from --chart-bar.
import { BarController, BarElement, CategoryScale, Chart, LinearScale, Tooltip } from 'chart.js';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip);

export interface BarChartSpec {
  labels: string[];
  values: number[];
  /** What a bar's tooltip says, e.g. "115年3月（2026-03）：12 件". */
  tooltip: (index: number) => string;
}

export interface DrawnChart {
  destroy(): void;
}

export function drawBarChart(canvas: HTMLCanvasElement, spec: BarChartSpec): DrawnChart {
  const style = getComputedStyle(canvas);
  const bar = style.getPropertyValue('--chart-bar').trim() || '#2563eb';
  const chart = new Chart(canvas, {
    type: 'bar',
    data: { labels: spec.labels, datasets: [{ data: spec.values, backgroundColor: bar, borderWidth: 0 }] },
    options: {
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      font: { family: style.fontFamily },
      color: style.color,
      scales: {
        x: { ticks: { color: style.color, font: { family: style.fontFamily } }, grid: { display: false } },
        y: {
          beginAtZero: true,
          ticks: { color: style.color, precision: 0, font: { family: style.fontFamily } },
        },
      },
      plugins: {
        legend: { display: false },
        tooltip: {
          displayColors: false,
          callbacks: { title: () => '', label: (item) => spec.tooltip(item.dataIndex) },
        },
      },
    },
  });
  return { destroy: () => chart.destroy() };
}
