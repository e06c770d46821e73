import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { Charts } from '../../../core/api';
import { pairsPerDayRows, throughputSummary } from '../../stores/chartsStore';
import { ChartFigure } from './ChartFigure';
import { axisLabel, axisProps, legendProps, useChartTheme } from './useChartTheme';

/** Each rater's pairs per day (UTC) and pairs per hour of rating time. */
export function ThroughputCharts({ throughput }: { throughput: Charts['throughput'] }) {
  const theme = useChartTheme();
  const colour = (i: number) => theme.series[i % theme.series.length];
  const perHour = throughput.raters.map((r) => ({ rater: r.rater, pace: r.pairs_per_hour === null ? 0 : Math.round(r.pairs_per_hour) }));
  const tooltip = { background: theme.panel, borderColor: theme.grid, color: theme.text };
  return (
    <>
      <ChartFigure title="Pairs per day" summary={throughputSummary(throughput)}>
        <ResponsiveContainer width="100%" height={230}>
          <BarChart data={pairsPerDayRows(throughput)} margin={{ top: 8, right: 16, bottom: 18, left: 4 }} accessibilityLayer={false}>
            <CartesianGrid stroke={theme.grid} strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="day" {...axisProps(theme)} label={axisLabel(theme, 'Day (UTC)', 'x')} />
            <YAxis allowDecimals={false} {...axisProps(theme)} label={axisLabel(theme, 'Pairs rated', 'y')} />
            <Tooltip contentStyle={tooltip} cursor={{ fill: theme.band }} />
            <Legend {...legendProps(theme)} />
            {throughput.raters.map((r, i) => (
              <Bar key={r.rater} dataKey={r.rater} name={r.rater} fill={colour(i)} isAnimationActive={false} />
            ))}
          </BarChart>
        </ResponsiveContainer>
      </ChartFigure>
      <ChartFigure
        title="Pairs per hour"
        summary={`Pairs per hour of rating time; a gap of more than ${throughput.break_minutes} minutes between two answers counts as a break. ${throughputSummary(throughput)}`}
      >
        <ResponsiveContainer width="100%" height={230}>
          <BarChart data={perHour} margin={{ top: 8, right: 16, bottom: 18, left: 4 }} accessibilityLayer={false}>
            <CartesianGrid stroke={theme.grid} strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="rater" {...axisProps(theme)} label={axisLabel(theme, 'Rater', 'x')} />
            <YAxis allowDecimals={false} {...axisProps(theme)} label={axisLabel(theme, 'Pairs per hour', 'y')} />
            <Tooltip contentStyle={tooltip} cursor={{ fill: theme.band }} />
            <Legend {...legendProps(theme)} />
            <Bar dataKey="pace" name={`Pairs per hour (breaks over ${throughput.break_minutes} min left out)`} fill={theme.series[2]} isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </ChartFigure>
    </>
  );
}
