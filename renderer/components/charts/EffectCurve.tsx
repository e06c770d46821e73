import { Area, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { Charts } from '../../../core/api';
import { effectSummary, EXPECTED_RATING_AXIS, KNOB_AXES } from '../../stores/chartsStore';
import { ChartFigure } from './ChartFigure';
import { axisLabel, axisProps, legendProps, useChartTheme } from './useChartTheme';

type Effects = NonNullable<Charts['effects']>;

/** One setting's partial dependence: the expected rating along it with the model's credible band. */
export function EffectCurve({ knob, level }: { knob: Effects['knobs'][number]; level: number }) {
  const theme = useChartTheme();
  const axis = KNOB_AXES[knob.knob];
  const data = knob.points.map((p) => ({ value: Number(p.value.toFixed(3)), mean: p.mean, band: [p.low, p.high] }));
  const first = data[0]!.value;
  const last = data.at(-1)!.value;
  return (
    <ChartFigure title={`Effect of ${axis.title.toLowerCase()}`} summary={effectSummary(knob)}>
      <ResponsiveContainer width="100%" height={210}>
        <ComposedChart data={data} margin={{ top: 8, right: 16, bottom: 18, left: 4 }} accessibilityLayer={false}>
          <CartesianGrid stroke={theme.grid} strokeDasharray="3 3" />
          <XAxis dataKey="value" type="number" domain={[first, last]} tickCount={5} {...axisProps(theme)} label={axisLabel(theme, `${axis.title} (${axis.unit})`, 'x')} />
          <YAxis domain={[1, 5]} ticks={[1, 2, 3, 4, 5]} {...axisProps(theme)} label={axisLabel(theme, EXPECTED_RATING_AXIS, 'y')} />
          <Tooltip contentStyle={{ background: theme.panel, borderColor: theme.grid, color: theme.text }} />
          <Legend {...legendProps(theme)} />
          <Area dataKey="band" name={`${Math.round(level * 100)} % credible band`} fill={theme.band} stroke="none" isAnimationActive={false} />
          <Line dataKey="mean" name="Expected rating" stroke={theme.series[1]} strokeWidth={2} dot={false} isAnimationActive={false} />
        </ComposedChart>
      </ResponsiveContainer>
    </ChartFigure>
  );
}
