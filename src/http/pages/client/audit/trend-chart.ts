// The month-by-month trend: Apache ECharts (window.echarts, served from node_modules) on a canvas,
// with its text alternative — an aria-label naming the latest figures and a data table. Chosen so the
// strict CSP holds: the canvas renderer and a rich-text tooltip drawn on the canvas, so ECharts never
// writes HTML with style attributes (style-src 'self' forbids them); it only sets element.style.
import type { ECharts, EChartsOption } from 'echarts/types/dist/echarts';
import { fmt, messages } from '../lib/messages.js';
import type { Trend } from './data.js';
import { num, percent, score } from './format.js';
import { dataTable } from './table.js';

interface EChartsGlobal {
  init(el: HTMLElement, theme?: string | null, opts?: { renderer?: 'canvas' | 'svg' }): ECharts;
}
const lib = (): EChartsGlobal | undefined =>
  (globalThis as unknown as { echarts?: EChartsGlobal }).echarts;

let chart: ECharts | undefined;

export function renderTrend(chartBox: HTMLElement, tableBox: HTMLElement, t: Trend): void {
  const m = messages<'audit'>().audit;
  const k = m.kpis;
  const ids = t.points.map((p) => p.period.id);
  const pct = (v: number | null) => (v === null ? null : Math.round(v * 1000) / 10);
  const last = [...t.points].reverse().find((p) => p.validCallbacks > 0);
  chartBox.setAttribute(
    'aria-label',
    fmt(m.trend.summary, { n: t.points.length }) +
      (last
        ? fmt(m.trend.latest, {
            id: last.period.id,
            r: percent(last.responseRate),
            s: percent(last.resolutionRate),
            t: percent(last.satisfactionRate),
            c: score(last.composite),
          })
        : m.trend.noData),
  );
  tableBox.replaceChildren(
    dataTable(
      m.trend.heading,
      [
        m.trend.period,
        num(m.trend.received),
        k.response,
        k.resolution,
        k.satisfaction,
        k.composite,
      ],
      t.points.map((p) => [
        p.period.id,
        num(p.received),
        num(percent(p.responseRate)),
        num(percent(p.resolutionRate)),
        num(percent(p.satisfactionRate)),
        num(score(p.composite)),
      ]),
    ),
  );
  const echarts = lib();
  if (!echarts) return; // the table above still carries every figure
  chart ??= echarts.init(chartBox, null, { renderer: 'canvas' });
  /** One line; its tooltip writes the value as the page does (80.0% for a rate, 68.4 分 for the score). */
  const series = (
    name: string,
    rates: (number | null)[],
    color: string,
    show: (rate: number | null) => string,
  ) => ({
    name,
    type: 'line' as const,
    data: rates.map(pct),
    connectNulls: false,
    symbolSize: 7,
    lineStyle: { width: 2.5 },
    itemStyle: { color },
    tooltip: { valueFormatter: (v: unknown) => show(typeof v === 'number' ? v / 100 : null) },
  });
  const rates = (f: (p: Trend['points'][number]) => number | null) => t.points.map(f);
  const option: EChartsOption = {
    animation: false,
    aria: { enabled: false }, // our own label and table say it in Chinese
    grid: { left: 44, right: 16, top: 44, bottom: 28 },
    // Drawn on the canvas (rich text), not as HTML with style attributes the CSP would refuse.
    tooltip: { trigger: 'axis', renderMode: 'richText' },
    legend: { top: 0, type: 'scroll', itemGap: 12 },
    xAxis: { type: 'category', data: ids, axisLabel: { hideOverlap: true } },
    yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
    series: [
      series(
        k.response,
        rates((p) => p.responseRate),
        '#1d4f91',
        percent,
      ),
      series(
        k.resolution,
        rates((p) => p.resolutionRate),
        '#2e7d32',
        percent,
      ),
      series(
        k.satisfaction,
        rates((p) => p.satisfactionRate),
        '#b35c00',
        percent,
      ),
      series(
        k.composite,
        rates((p) => p.composite),
        '#7b1fa2',
        score,
      ),
    ],
  };
  chart.setOption(option, true);
}

export function resizeTrend(): void {
  chart?.resize();
}
