import { Bar, BarChart, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { Charts } from '../../../core/api';
import { pairsPerDayRows, pairsPerHourRows, TEAM_KEY, TEAM_TOTAL, throughputSummary } from '../../stores/chartsStore';
import { ChartFigure } from './ChartFigure';
import { axisLabel, axisProps, legendProps, useChartTheme } from './useChartTheme';

/**
 * Pairs per day (UTC) and pairs per hour of rating time: the team's, and each rater's the caller may
 * see (an admin everyone, a trainer their own).
 */
export function ThroughputCharts({ throughput }: { throughput: Charts['throughput'] }) {
  const theme = useChartTheme();
  // The team's line takes the first colour; raters' bars the others.
  const colour = (i: number) => theme.series[1 + (i % (theme.series.length - 1))];
  const tooltip = { background: theme.panel, borderColor: theme.grid, color: theme.text };
  const summary = throughputSummary(throughput);
  return (
    <>
      <ChartFigure title="Pairs per day" summary={summary}>
        <ResponsiveContainer width="100%" height={230}>
          <ComposedChart data={pairsPerDayRows(throughput)} margin={{ top: 8, right: 16, bottom: 18, left: 4 }} accessibilityLayer={false}>
            <CartesianGrid stroke={theme.grid} strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="day" {...axisProps(theme)} label={axisLabel(theme, 'Day (UTC)', 'x')} />
            <YAxis allowDecimals={false} {...axisProps(theme)} label={axisLabel(theme, 'Pairs rated', 'y')} />
            <Tooltip contentStyle={tooltip} cursor={{ fill: theme.band }} />
            <Legend {...legendProps(theme)} />
            {throughput.raters.map((r, i) => (
              <Bar key={r.rater} dataKey={r.rater} name={r.rater} fill={colour(i)} isAnimationActive={false} />
            ))}
            <Line dataKey={TEAM_KEY} name={TEAM_TOTAL} stroke={theme.series[0]} strokeWidth={2} dot={{ r: 4, fill: theme.series[0] }} isAnimationActive={false} />
          </ComposedChart>
        </ResponsiveContainer>
      </ChartFigure>
      <ChartFigure
        title="Pairs per hour"
        summary={`Pairs per hour of rating time; a gap of more than ${throughput.break_minutes} minutes between two answers counts as a break. ${summary}`}
      >
        <ResponsiveContainer width="100%" height={230}>
          <BarChart data={pairsPerHourRows(throughput)} margin={{ top: 8, right: 16, bottom: 18, left: 4 }} accessibilityLayer={false}>
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
