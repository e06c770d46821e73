import { useSession, useTrain } from '../app';
import { OptionPane } from './OptionPane';

/** The two options side by side, or a line saying why there is no pair yet. */
export function Comparison() {
  const hasExperiment = useTrain((s) => s.experiment !== null);
  const creating = useTrain((s) => s.creating);
  const loadingNext = useTrain((s) => s.loadingNext);
  const waiting = useTrain((s) => s.waitingForPair);
  const loaded = useSession((s) => s.settings !== null);

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
  return (
    <div className="compare">
      <OptionPane option="A" />
      <OptionPane option="B" />
    </div>
  );
}
