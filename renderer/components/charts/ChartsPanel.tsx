import { useEffect } from 'react';
import type { Mode } from '../../../core/api';
import { EXPECTED_RATING_AXIS, providerEffectSummary, providerSummary } from '../../stores/chartsStore';
import { ChartFigure } from './ChartFigure';
import { chartsStore, useCharts } from './chartsInstance';
import { EffectCurve } from './EffectCurve';
import { IntervalBars } from './IntervalBars';
import { PromptCharts } from './PromptCharts';
import { ThroughputCharts } from './ThroughputCharts';
import { TrendChart } from './TrendChart';

const percent = (level: number) => `${Math.round(level * 100)} %`;

/**
 * The History page's charts for the mode the filters show (both modes when none is picked). Loaded
 * again when an admin signs in or locks, as only an admin gets every rater's throughput.
 */
export function ChartsPanel({ mode, admin }: { mode: Mode | null; admin: boolean }) {
  const charts = useCharts((s) => s.charts);
  const error = useCharts((s) => s.error);

  useEffect(() => {
    void chartsStore.getState().refresh(mode);
  }, [mode, admin]);

  return (
    <section className="charts-panel" aria-labelledby="charts-heading">
      <h2 id="charts-heading">Charts</h2>
      {error !== null && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {charts === null && error === null && <p className="muted">Loading charts…</p>}
      {charts !== null && (
        <div className="chart-grid">
          <TrendChart trend={charts.trend} />
          <ChartFigure title="Providers" summary={providerSummary(charts.providers)}>
            <IntervalBars
              rows={charts.providers.rows.map((r) => ({ name: r.provider, mean: r.mean, low: r.low, high: r.high }))}
              xTitle="Provider"
              series={`Mean rating with ${percent(charts.providers.level)} interval`}
            />
          </ChartFigure>
          {charts.effects === null ? (
            <p className="muted chart-note">Parameter effects appear once the {charts.mode ?? 'current'} mode has a rating.</p>
          ) : (
            <>
              {charts.effects.knobs.map((knob) => (
                <EffectCurve key={knob.knob} knob={knob} level={charts.effects!.level} />
              ))}
              <ChartFigure title="Effect of the provider" summary={providerEffectSummary(charts.effects)}>
                <IntervalBars
                  rows={charts.effects.providers.map((p) => ({ name: p.provider, mean: p.mean, low: p.low, high: p.high }))}
                  xTitle="Provider"
                  yTitle={EXPECTED_RATING_AXIS}
                  series={`Expected rating with ${percent(charts.effects.level)} credible band`}
                  colour={1}
                />
              </ChartFigure>
              <p className="muted chart-note">
                Parameter effects of the {charts.effects.mode} mode’s Phase 1 model: the expected rating with one setting moved and the
                others as rated (averaged over {charts.effects.reference_points} rated settings).
              </p>
            </>
          )}
          <PromptCharts prompts={charts.prompts} />
          <ThroughputCharts throughput={charts.throughput} />
        </div>
      )}
    </section>
  );
}
