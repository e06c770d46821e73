import { CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Scatter, Tooltip, XAxis, YAxis } from 'recharts';
import type { Charts } from '../../../core/api';
import { RATING_AXIS, trendSummary } from '../../stores/chartsStore';
import { ChartFigure } from './ChartFigure';
import { axisLabel, axisProps, legendProps, useChartTheme } from './useChartTheme';

const RATING_TICKS = [1, 2, 3, 4, 5];

/** Every rating in the order given, and its trailing moving average: drift shows as a slope. */
export function TrendChart({ trend }: { trend: Charts['trend'] }) {
  const theme = useChartTheme();
  return (
    <ChartFigure title="Rating trend" summary={trendSummary(trend)}>
      <ResponsiveContainer width="100%" height={230}>
        <ComposedChart data={trend.points} margin={{ top: 8, right: 16, bottom: 18, left: 4 }} accessibilityLayer={false}>
          <CartesianGrid stroke={theme.grid} strokeDasharray="3 3" />
          <XAxis dataKey="sample" type="number" domain={[1, 'dataMax']} allowDecimals={false} {...axisProps(theme)} label={axisLabel(theme, 'Rated image (in the order rated)', 'x')} />
          <YAxis domain={[1, 5]} ticks={RATING_TICKS} {...axisProps(theme)} label={axisLabel(theme, RATING_AXIS, 'y')} />
          <Tooltip contentStyle={{ background: theme.panel, borderColor: theme.grid, color: theme.text }} />
          <Legend {...legendProps(theme)} />
          <Scatter dataKey="rating" name="Rating" fill={theme.series[1]} isAnimationActive={false} />
          <Line dataKey="moving_average" name={`Moving average of ${trend.window} ratings`} stroke={theme.series[0]} strokeWidth={2} dot={false} isAnimationActive={false} />
        </ComposedChart>
      </ResponsiveContainer>
    </ChartFigure>
  );
}
