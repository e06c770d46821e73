import { Bar, BarChart, CartesianGrid, ErrorBar, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { RATING_AXIS } from '../../stores/chartsStore';
import { axisLabel, axisProps, legendProps, useChartTheme } from './useChartTheme';

export interface IntervalRow {
  name: string;
  mean: number;
  low: number | null;
  high: number | null;
}

/** Means as bars with their interval as whiskers (none for a group of one rating); the y axis is a rating unless `yTitle` says otherwise. */
export function IntervalBars({
  rows,
  xTitle,
  yTitle = RATING_AXIS,
  series,
  colour = 0,
}: {
  rows: IntervalRow[];
  xTitle: string;
  yTitle?: string;
  series: string;
  colour?: number;
}) {
  const theme = useChartTheme();
  const data = rows.map((r) => ({ name: r.name, mean: r.mean, interval: r.low === null || r.high === null ? [0, 0] : [r.mean - r.low, r.high - r.mean] }));
  return (
    <ResponsiveContainer width="100%" height={230}>
      <BarChart data={data} margin={{ top: 8, right: 16, bottom: 18, left: 4 }} accessibilityLayer={false}>
        <CartesianGrid stroke={theme.grid} strokeDasharray="3 3" vertical={false} />
        <XAxis dataKey="name" {...axisProps(theme)} label={axisLabel(theme, xTitle, 'x')} />
        <YAxis domain={[1, 5]} ticks={[1, 2, 3, 4, 5]} allowDataOverflow {...axisProps(theme)} label={axisLabel(theme, yTitle, 'y')} />
        <Tooltip contentStyle={{ background: theme.panel, borderColor: theme.grid, color: theme.text }} cursor={{ fill: theme.band }} />
        <Legend {...legendProps(theme)} />
        <Bar dataKey="mean" name={series} fill={theme.series[colour]} isAnimationActive={false}>
          <ErrorBar dataKey="interval" width={8} stroke={theme.text} strokeWidth={1.5} direction="y" />
        </Bar>
      </BarChart>
    </ResponsiveContainer>
  );
}
