import { useState } from 'react';
import type { OptionLabel } from '../../core/api';
import { api, stores, useSession, useTrain, useUi } from '../app';
import { parameterRows } from '../format';
import { commentFieldId } from '../keyboard';
import { selectProviderLabel, selectShowParameters } from '../stores/sessionStore';
import { isPairReady } from '../stores/trainLogic';
import type { Size } from '../stores/viewLogic';
import { RatingBadge } from './compare/RatingBadge';
import { naturalOf, Viewport } from './compare/Viewport';
import { RatingRadios } from './RatingRadios';
import { PredictionBadge } from './reward/PredictionBadge';

/**
 * One side of the comparison: what made the option, its image, its rating and comment. `compact`
 * leaves the image out, for the views that show both options in one place above the two panes.
 */
export function OptionPane({ option, compact = false }: { option: OptionLabel; compact?: boolean }) {
  const experiment = useTrain((s) => s.experiment);
  const view = experiment?.options.find((o) => o.option === option) ?? null;
  const focused = useTrain((s) => s.focused === option);
  const rating = useTrain((s) => s.ratings[option]);
  const comment = useTrain((s) => s.comments[option]);
  const commentTarget = useTrain((s) => s.commentTarget === option);
  const ready = isPairReady(experiment);
  const showParameters = useSession(selectShowParameters);
  const providerLabel = useSession((s) => (view === null ? '' : selectProviderLabel(s, view.provider)));
  const train = stores.train.getState();

  const classes = ['pane', focused ? 'pane-focused' : '', compact ? 'pane-compact' : ''].join(' ');
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
            {showParameters && <span>Prompt {view.prompt_version}</span>}
            <PredictionBadge predicted={view.predicted_rating} />
          </span>
        )}
        {focused && <span className="pane-focus-mark">focused</span>}
      </div>
      {!compact && <PaneImage option={option} />}
      <div className="pane-foot">
        <RatingRadios option={option} value={rating} disabled={!ready} onRate={(v) => train.rate(option, v)} />
        {/* No focus change on focus: after "5, C, words, Esc" the next digit still rates B. */}
        <textarea
          id={commentFieldId(option)}
          aria-label={`Comment for option ${option}`}
          placeholder={commentTarget ? 'Comment (C)' : 'Comment'}
          rows={1}
          maxLength={2000}
          value={comment}
          onChange={(event) => train.setComment(option, event.target.value)}
        />
      </div>
    </section>
  );
}

/** The option's image (or the original while Space is held), zoomed and panned with the other's. */
function PaneImage({ option }: { option: OptionLabel }) {
  const experiment = useTrain((s) => s.experiment);
  const view = experiment?.options.find((o) => o.option === option) ?? null;
  const showOriginal = useUi((s) => s.showOriginal);
  const [natural, setNatural] = useState<Size | null>(null);
  const train = stores.train.getState();

  return (
    <Viewport natural={natural} report={option === 'A'} className="pane-image">
      {(style) => (
        <>
          {experiment !== null && (
            <img
              className="image-original"
              src={api.imageUrl(experiment.source.sha256)}
              alt={`Original render ${experiment.source.name}`}
              hidden={!showOriginal}
              style={style}
            />
          )}
          {showOriginal && <span className="image-badge">Original</span>}
          {view?.image ? (
            <img
              key={view.image.sha256}
              src={api.imageUrl(view.image.sha256)}
              alt={`Enhanced option ${option}`}
              hidden={showOriginal}
              style={style}
              onLoad={(event) => {
                setNatural(naturalOf(event));
                train.imageLoaded(option);
              }}
              onError={() => train.imageFailed(option)}
            />
          ) : (
            view !== null && <p className="placeholder">{view.status === 'failed' ? `Failed: ${view.error ?? 'no image'}` : 'Generating…'}</p>
          )}
          {view?.image && <RatingBadge option={option} />}
        </>
      )}
    </Viewport>
  );
}
