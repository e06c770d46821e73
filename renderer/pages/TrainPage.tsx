import { Comparison } from '../components/Comparison';
import { DecisionBar } from '../components/DecisionBar';
import { ProviderBanner } from '../components/ProviderBanner';
import { SessionBar } from '../components/SessionBar';
import { SourceToolbar } from '../components/SourceToolbar';
import { StatusPanel } from '../components/StatusPanel';
import { useTrain } from '../app';

/** The seed's /train page: status and upload on top, options A and B side by side, submit below. */
export function TrainPage() {
  const creating = useTrain((s) => s.creating);
  const sourceName = useTrain((s) => s.experiment?.source.name ?? null);
  const pairMode = useTrain((s) => s.experiment?.mode ?? null);
  return (
    <div className="train" aria-busy={creating}>
      <div className="train-top">
        <StatusPanel />
        <div className="train-tools">
          <SourceToolbar />
          <ProviderBanner />
          {sourceName !== null && (
            <span className="source-line muted">
              Render: {sourceName} · {pairMode}
            </span>
          )}
          <SessionBar />
        </div>
      </div>
      <Comparison />
      <DecisionBar />
    </div>
  );
}
