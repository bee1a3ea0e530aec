import { BarElement, CategoryScale, Chart as ChartJS, Legend, LinearScale, Tooltip } from 'chart.js';
import { useMemo } from 'react';
import { Bar } from 'react-chartjs-2';
import type { Timeline } from '../api/types';
import { cssVariable, useColorScheme } from '../theme';

ChartJS.register(BarElement, CategoryScale, LinearScale, Tooltip, Legend);

const SERIES: [string, string, string][] = [
  ['CREATED', 'created', '#16a34a'],
  ['DELETED', 'deleted', '#64748b'],
  ['FAILED', 'failed', '#dc2626'],
];

function bucketLabel(start: string, bucket: string): string {
  const d = new Date(start);
  return bucket === 'hour' ? d.toLocaleString([], { day: '2-digit', hour: '2-digit', minute: '2-digit' }) : d.toLocaleDateString();
}

/** The axes', grid's and legend's colours from the theme in effect (styles.css); Chart.js's own when unset. */
function chartColors() {
  return { text: cssVariable('--text') || undefined, grid: cssVariable('--border') || undefined };
}

/** Created / deleted / failed per bucket: a stacked bar chart, with the same numbers as a table for screen readers. */
export function TimelineChart({ timeline }: { timeline: Timeline }) {
  const labels = timeline.points.map((p) => bucketLabel(p.start, timeline.bucket));
  const count = (p: Timeline['points'][number], action: string) =>
    action === 'FAILED' ? (p.counts.FAILED ?? 0) + (p.counts.DELETE_FAILED ?? 0) : p.counts[action] ?? 0;
  const scheme = useColorScheme();
  // read again when the theme or the system's scheme changes: the CSS variables follow them
  const colors = useMemo(chartColors, [scheme]);
  const colorOption = (c: string | undefined) => (c ? { color: c } : {});
  const axis = { stacked: true, ticks: colorOption(colors.text), grid: colorOption(colors.grid), border: colorOption(colors.grid) };
  return (
    <figure aria-label={`Snapshots per ${timeline.bucket}`} data-testid="timeline">
      <div className="chart" aria-hidden="true">
        <Bar
          data={{
            labels,
            datasets: SERIES.map(([action, label, color]) => ({
              label, backgroundColor: color, data: timeline.points.map((p) => count(p, action)), stack: 'actions',
            })),
          }}
          options={{
            responsive: true, maintainAspectRatio: false, animation: false, ...colorOption(colors.text),
            scales: { x: axis, y: { ...axis, beginAtZero: true } },
            plugins: { legend: { labels: colorOption(colors.text) } },
          }}
        />
      </div>
      <table className="visually-hidden">
        <caption>Snapshots per {timeline.bucket}</caption>
        <thead>
          <tr><th scope="col">{timeline.bucket}</th>{SERIES.map(([, label]) => <th key={label} scope="col">{label}</th>)}</tr>
        </thead>
        <tbody>
          {timeline.points.map((p, i) => (
            <tr key={p.start}><th scope="row">{labels[i]}</th>{SERIES.map(([action, label]) => <td key={label}>{count(p, action)}</td>)}</tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
