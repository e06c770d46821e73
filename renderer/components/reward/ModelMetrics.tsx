import { metricRows, type RewardStatus } from '../../stores/rewardStore';

/** Held-out metrics of the current model next to the mean baseline, and how each head trained. */
export function ModelMetrics({ model }: { model: NonNullable<RewardStatus['model']> }) {
  return (
    <div className="stat">
      <span className="stat-label" id="reward-metrics-label">
        Held-out metrics ({model.metrics.samples} rated images the model never saw)
      </span>
      <table className="mini" aria-labelledby="reward-metrics-label">
        <thead>
          <tr>
            <th scope="col">Metric</th>
            <th scope="col">Model</th>
            <th scope="col">Mean baseline</th>
          </tr>
        </thead>
        <tbody>
          {metricRows(model).map((row) => (
            <tr key={row.name}>
              <th scope="row">{row.name}</th>
              <td>{row.model}</td>
              <td>{row.baseline}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <span className="muted">
        {model.heads} heads, trained on {model.training_samples} images; epochs per head:{' '}
        {model.epochs.map((e) => `${e.best_epoch}/${e.epochs}${e.stopped_early ? '' : '+'}`).join(', ')}
      </span>
    </div>
  );
}
