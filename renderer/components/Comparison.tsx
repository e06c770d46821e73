import { useSession, useTrain, useView } from '../app';
import { Stage } from './compare/Stage';
import { ViewIndicator } from './compare/ViewIndicator';
import { OptionPane } from './OptionPane';

/** The two options (side by side, or in one place for flicker, split and difference), or why there is no pair yet. */
export function Comparison() {
  const hasExperiment = useTrain((s) => s.experiment !== null);
  const creating = useTrain((s) => s.creating);
  const loadingNext = useTrain((s) => s.loadingNext);
  const waiting = useTrain((s) => s.waitingForPair);
  const loaded = useSession((s) => s.settings !== null);
  const view = useView((s) => s.view);

  if (!hasExperiment) {
    let message = 'Upload a render (button, drop or paste) or enhance a sample to start.';
    if (!loaded) message = 'Connecting to the host…';
    else if (creating) message = 'Enhancing your render into two options…';
    else if (waiting) message = 'Generating the next pair…';
    else if (loadingNext) message = 'Loading the next pair… (rating keys wait for it)';
    const pending = creating || waiting || loadingNext;
    return (
      <div className="compare compare-empty" role="status" aria-label="Next pair" data-pending={pending}>
        <p>{message}</p>
      </div>
    );
  }
  if (view === 'side') {
    return (
      <div className="compare">
        <ViewIndicator />
        <OptionPane option="A" />
        <OptionPane option="B" />
      </div>
    );
  }
  return (
    <div className="compare compare-stage">
      <ViewIndicator />
      <Stage />
      <OptionPane option="A" compact />
      <OptionPane option="B" compact />
    </div>
  );
}
