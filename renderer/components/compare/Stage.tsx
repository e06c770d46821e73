import { useCallback, useEffect, useState } from 'react';
import type { OptionLabel } from '../../../core/api';
import { api, stores, useTrain, useUi, useView } from '../../app';
import type { Size } from '../../stores/viewLogic';
import { FLICKER_MS } from '../../stores/viewStore';
import { DifferenceCanvas } from './DifferenceCanvas';
import { RatingBadge } from './RatingBadge';
import { naturalOf, Viewport } from './Viewport';

/** Which option flicker shows: the focused one, or by itself at FLICKER_MS when R is on. */
function useFlickerShown(): OptionLabel {
  const focused = useTrain((s) => s.focused);
  const auto = useView((s) => s.autoFlicker);
  const [tick, setTick] = useState<OptionLabel>('A');
  useEffect(() => {
    if (!auto) return;
    const timer = setInterval(() => setTick((t) => (t === 'A' ? 'B' : 'A')), FLICKER_MS);
    return () => clearInterval(timer);
  }, [auto]);
  return auto ? tick : focused;
}

/** Flicker, split and difference: both options in one place, wider than either pane would be. */
export function Stage() {
  const experiment = useTrain((s) => s.experiment);
  const mode = useView((s) => s.view);
  const split = useView((s) => s.split);
  const showOriginal = useUi((s) => s.showOriginal);
  const shown = useFlickerShown();
  const [natural, setNatural] = useState<Size | null>(null);
  const onSize = useCallback((size: Size) => setNatural(size), []);
  const train = stores.train.getState();
  if (experiment === null) return null;
  const src = (option: OptionLabel) => {
    const image = experiment.options.find((o) => o.option === option)?.image;
    return image ? api.imageUrl(image.sha256) : null;
  };
  const a = src('A');
  const b = src('B');

  return (
    <Viewport natural={natural} report className="stage" >
      {(style) => {
        if (showOriginal) {
          return (
            <>
              <img src={api.imageUrl(experiment.source.sha256)} alt={`Original render ${experiment.source.name}`} style={style} />
              <span className="image-badge">Original</span>
            </>
          );
        }
        if (mode === 'difference' && a !== null && b !== null) {
          return <DifferenceCanvas srcA={a} srcB={b} style={style} onSize={onSize} />;
        }
        const layer = (option: OptionLabel, extra: React.CSSProperties = {}, hidden = false) => {
          const url = option === 'A' ? a : b;
          if (url === null) return null;
          return (
            <img
              key={option}
              src={url}
              alt={`Enhanced option ${option}`}
              hidden={hidden}
              style={{ ...style, ...extra }}
              onLoad={(event) => {
                setNatural(naturalOf(event));
                train.imageLoaded(option);
              }}
              onError={() => train.imageFailed(option)}
            />
          );
        };
        if (mode === 'split') {
          return (
            <>
              {layer('B')}
              {layer('A', { clipPath: `inset(0 ${(1 - split) * 100}% 0 0)` })}
              <span className="split-line" style={{ left: `${split * 100}%` }} aria-hidden="true" />
              <RatingBadge option="A" className="badge-left" />
              <RatingBadge option="B" className="badge-right" />
            </>
          );
        }
        // Flicker: both stay decoded in place; only which one is visible changes.
        return (
          <>
            {layer('A', {}, shown !== 'A')}
            {layer('B', {}, shown !== 'B')}
            <RatingBadge option={shown} className="badge-flicker" />
          </>
        );
      }}
    </Viewport>
  );
}
