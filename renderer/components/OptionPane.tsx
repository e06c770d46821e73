import { useEffect, useRef } from 'react';
import type { OptionLabel } from '../../core/api';
import { api, stores, useSession, useTrain, useUi } from '../app';
import { parameterRows } from '../format';
import { commentFieldId } from '../keyboard';
import { selectProviderLabel, selectShowParameters } from '../stores/sessionStore';
import { isPairReady } from '../stores/trainLogic';
import { RatingRadios } from './RatingRadios';
import { PredictionBadge } from './reward/PredictionBadge';

const imageBoxId = (option: OptionLabel): string => `image-box-${option}`;
const otherOption = (option: OptionLabel): OptionLabel => (option === 'A' ? 'B' : 'A');

/** One side of the comparison: the enhanced image, what made it, its rating and comment. */
export function OptionPane({ option }: { option: OptionLabel }) {
  const experiment = useTrain((s) => s.experiment);
  const view = experiment?.options.find((o) => o.option === option) ?? null;
  const focused = useTrain((s) => s.focused === option);
  const rating = useTrain((s) => s.ratings[option]);
  const comment = useTrain((s) => s.comments[option]);
  const commentTarget = useTrain((s) => s.commentTarget === option);
  const ready = isPairReady(experiment);
  const showOriginal = useUi((s) => s.showOriginal);
  const zoom = useUi((s) => s.zoom);
  const showParameters = useSession(selectShowParameters);
  const providerLabel = useSession((s) => (view === null ? '' : selectProviderLabel(s, view.provider)));
  const box = useRef<HTMLDivElement>(null);
  const train = stores.train.getState();

  // At 1:1 the interesting part is rarely the top-left corner: start in the middle.
  useEffect(() => {
    const el = box.current;
    if (el === null || !zoom) return;
    el.scrollLeft = (el.scrollWidth - el.clientWidth) / 2;
    el.scrollTop = (el.scrollHeight - el.clientHeight) / 2;
  }, [zoom]);

  // Both panes pan together so the trainer compares the same spot.
  const syncScroll = () => {
    const el = box.current;
    const twin = document.getElementById(imageBoxId(otherOption(option)));
    if (el === null || twin === null) return;
    if (twin.scrollLeft !== el.scrollLeft) twin.scrollLeft = el.scrollLeft;
    if (twin.scrollTop !== el.scrollTop) twin.scrollTop = el.scrollTop;
  };

  const classes = ['pane', focused ? 'pane-focused' : '', zoom ? 'pane-zoom' : ''].join(' ');
  return (
    <section role="region" aria-label={`Option ${option}`} aria-current={focused ? 'true' : undefined} className={classes} onClick={() => train.focus(option)}>
      <div className="pane-head">
        <span className="pane-label">{option}</span>
        {view !== null && (
          <span className="pane-meta">
            {/* The id keeps the line short; the banner and the tooltip carry the full label. */}
            {showParameters && <span title={providerLabel}>{view.provider}</span>}
            {showParameters &&
              parameterRows(view.parameters).map((row) => (
                <span key={row.name}>
                  {row.name}: {row.value}
                </span>
              ))}
            <span>Prompt {view.prompt_version}</span>
            <PredictionBadge predicted={view.predicted_rating} />
          </span>
        )}
        {focused && <span className="pane-focus-mark">focused</span>}
      </div>
      <div className="pane-image" id={imageBoxId(option)} ref={box} onScroll={syncScroll}>
        {experiment !== null && (
          <img
            className="image-original"
            src={api.imageUrl(experiment.source.sha256)}
            alt={`Original render ${experiment.source.name}`}
            hidden={!showOriginal}
          />
        )}
        {showOriginal && <span className="image-badge">Original</span>}
        {view?.image ? (
          <img
            key={view.image.sha256}
            src={api.imageUrl(view.image.sha256)}
            alt={`Enhanced option ${option}`}
            hidden={showOriginal}
            onLoad={() => train.imageLoaded(option)}
            onError={() => train.imageFailed(option)}
          />
        ) : (
          view !== null && (
            <p className="placeholder">{view.status === 'failed' ? `Failed: ${view.error ?? 'no image'}` : 'Generating…'}</p>
          )
        )}
      </div>
      <div className="pane-foot">
        <RatingRadios option={option} value={rating} disabled={!ready} onRate={(v) => train.rate(option, v)} />
        {/* No focus change on focus: after "5, C, words, Esc" the next digit still rates B. */}
        <textarea
          id={commentFieldId(option)}
          aria-label={`Comment for option ${option}`}
          placeholder={commentTarget ? 'Comment (C)' : 'Comment'}
          rows={2}
          maxLength={2000}
          value={comment}
          onChange={(event) => train.setComment(option, event.target.value)}
        />
      </div>
    </section>
  );
}
