import type { Charts } from '../../../core/api';
import { promptSummary, VERDICT_TEXT } from '../../stores/chartsStore';
import { ChartFigure } from './ChartFigure';
import { IntervalBars } from './IntervalBars';

const p2 = (v: number) => v.toFixed(2);

/** Each prompt version's mean rating with its interval, and the paired tests' results beneath. */
export function PromptCharts({ prompts }: { prompts: Charts['prompts'] }) {
  const rows = prompts.versions.map((v) => ({ name: v.version === prompts.current_version ? `${v.version} (current)` : v.version, mean: v.mean, low: v.low, high: v.high }));
  const tests =
    prompts.tests.length === 0 ? (
      <p className="muted">No paired test has a result yet.</p>
    ) : (
      <table className="mini" aria-label="Paired prompt tests">
        <thead>
          <tr>
            <th scope="col">Candidate</th>
            <th scope="col">Against</th>
            <th scope="col">Pairs</th>
            <th scope="col">Mean difference</th>
            <th scope="col">P(higher rating)</th>
            <th scope="col">P(preferred)</th>
            <th scope="col">Result</th>
          </tr>
        </thead>
        <tbody>
          {prompts.tests.map((t) => (
            <tr key={`${t.candidate}-${t.baseline}`}>
              <th scope="row">{t.candidate}</th>
              <td>{t.baseline}</td>
              <td>{t.pairs}</td>
              <td>{t.mean_difference === null ? '–' : `${t.mean_difference > 0 ? '+' : ''}${p2(t.mean_difference)}`}</td>
              <td>{p2(t.p_better_rating)}</td>
              <td>{p2(t.p_preferred)}</td>
              <td>{VERDICT_TEXT[t.verdict]}</td>
            </tr>
          ))}
        </tbody>
      </table>
    );
  return (
    <ChartFigure title="Prompt versions" summary={promptSummary(prompts)} after={tests}>
      <IntervalBars rows={rows} xTitle="Prompt version" series={`Mean rating with ${Math.round(prompts.level * 100)} % interval`} colour={4} />
    </ChartFigure>
  );
}
