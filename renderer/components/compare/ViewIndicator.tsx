import { useView } from '../../app';
import { zoomLabel } from '../../stores/viewLogic';

const VIEW_NAMES = { side: 'Side by side', flicker: 'Flicker', split: 'Split', difference: 'Difference ×4' } as const;

/** Always on screen over the images: which view and zoom are on, and the keys that change them. */
export function ViewIndicator() {
  const view = useView((s) => s.view);
  const zoom = useView((s) => s.zoom);
  const auto = useView((s) => s.autoFlicker);
  const split = useView((s) => s.split);
  const fullscreen = useView((s) => s.fullscreen);
  const parts = [
    view === 'flicker' ? `Flicker ${auto ? '(by itself)' : '(Tab switches)'}` : VIEW_NAMES[view],
    view === 'split' ? `line at ${Math.round(split * 100)} %` : null,
    `Zoom ${zoomLabel(zoom)}`,
    zoom !== 'fit' ? 'arrows pan' : null,
    fullscreen ? 'Full screen (F / Esc to leave)' : null,
  ].filter((p) => p !== null);
  return (
    <p className="view-indicator" role="status" aria-label="Comparison view" data-active={view !== 'side' || zoom !== 'fit' || fullscreen}>
      {parts.join(' · ')}
    </p>
  );
}
