import { ApiError, type CallOutput, type CallParsedInput, type Mode } from '../api';
import { ownGoldRecord } from '../raters';
import { detailsShownOf, type RatingRecord } from '../store';
import { analytics, trainStatus } from './analytics';
import type { ServiceContext } from './context';
import { experimentView, imageRef } from './views';

/** How many pairs after the current one the renderer preloads. */
const UPCOMING_PAIRS = 2;

function decodeUpload(base64: string): Buffer {
  const bytes = Buffer.from(base64, 'base64');
  if (bytes.length === 0) throw new ApiError('invalid_image', 'The file is empty (0 bytes). Choose a JPEG, PNG or WebP render.');
  return bytes;
}

/** Times named phases of one call when someone listens; otherwise only runs them. */
function phaseTimer(listener: ((phases: Record<string, number>) => void) | undefined) {
  const phases: Record<string, number> = {};
  return {
    time<T>(name: string, run: () => T): T {
      if (!listener) return run();
      const started = performance.now();
      try {
        return run();
      } finally {
        phases[name] = (phases[name] ?? 0) + performance.now() - started;
      }
    },
    report: () => listener?.(phases),
  };
}

export function trainHandlers(ctx: ServiceContext) {
  const { store, queue } = ctx;
  // The ratings this service instance made, oldest first. Undo retracts only from this list: a caller
  // can take back the rating it just gave, never another trainer's (pulled, or made in another
  // session) by sending that trainer's name.
  const ratedHere: { id: string; rated_by: string }[] = [];

  const status = (mode: Mode) => ({
    ...trainStatus({
      mode,
      // Status is asked for after every rating: one SQL max, not every rated option parsed.
      rawBest: store.ratings.bestRating(mode),
      proposer: ctx.learning.proposer.name,
      phase1: ctx.learning.phase1(mode),
      currentPromptVersion: ctx.prompts().current,
      phase2: ctx.reward.phase2(),
    }),
    prompt_evolution: ctx.promptEvolution(),
    session: session(),
  });

  const session = () => {
    const settings = ctx.settings();
    const now = new Date(ctx.now());
    const midnight = new Date(now);
    midnight.setHours(0, 0, 0, 0);
    const hourAgo = new Date(now.getTime() - 3_600_000);
    const rater = settings.rater_id;
    return {
      rater_id: rater,
      rated_today: rater === null ? 0 : store.ratings.ratedSince(rater, midnight.toISOString()),
      last_hour: rater === null ? 0 : store.ratings.ratedSince(rater, hourAgo.toISOString()),
      daily_goal: settings.daily_goal,
      gold: rater === null ? null : ownGoldRecord(store.quality.raterAnswers(), rater),
    };
  };

  /** The pair to show, the ready pairs after it and the queue, as they are now. */
  const nextView = (mode: Mode): CallOutput<'queue.next'> => {
    const [head, ...upcoming] = store.experiments.readyQueue(mode, 1 + UPCOMING_PAIRS);
    return {
      experiment: head ? experimentView(store, head) : null,
      upcoming: upcoming.map((record) => experimentView(store, record)),
      queue: queue.state(mode),
    };
  };

  // A rating, undo or skip needs nothing here: the store's ratings signal starts the work after it
  // and tells the renderer. An override changes no rating, only what Phase 1 proposes.
  const afterOverride = (mode: Mode) => {
    queue.fillSoon();
    ctx.emitter.emit('statusChanged', { mode, samples_collected: store.ratings.samplesCollected(mode) });
    ctx.emitter.emit('queueChanged', queue.state(ctx.settings().mode));
  };

  return {
    async 'train.create'(input: CallParsedInput<'train.create'>): Promise<CallOutput<'train.create'>> {
      let sha256: string;
      if (input.image) {
        const image = await ctx.images.ingest(decodeUpload(input.image.data_base64));
        store.images.recordSource(image, input.image.name);
        sha256 = image.sha256;
      } else {
        const sample = store.images.sample(input.sample_id!);
        if (!sample) throw new ApiError('not_found', `There is no bundled sample "${input.sample_id}". Pick one from the sample list.`);
        sha256 = sample.sha256;
      }
      const extra = { project_id: input.project_id, site_visit_id: input.site_visit_id };
      const experiment = await queue.createNow(sha256, input.mode, extra);
      return experimentView(store, experiment);
    },

    'train.rate'(input: CallParsedInput<'train.rate'>): CallOutput<'train.rate'> {
      const phases = phaseTimer(ctx.onRatePhases);
      const byLabel = Object.fromEntries(input.ratings.map((r) => [r.option, r]));
      const record: RatingRecord = {
        id: ctx.newId('rat'),
        experiment_id: input.experiment_id,
        rated_by: input.rated_by,
        outcome: input.outcome,
        rating_a: byLabel.A!.rating,
        comment_a: byLabel.A!.comments,
        rating_b: byLabel.B!.rating,
        comment_b: byLabel.B!.comments,
        shown_at: input.shown_at ?? null,
        answered_at: ctx.now(),
        details_shown: ctx.detailsShown() ? 1 : 0,
      };
      phases.time('write', () => store.ratings.rate(record));
      ratedHere.push({ id: record.id, rated_by: record.rated_by });
      queue.answered();
      const mode = store.experiments.get(input.experiment_id)!.mode;
      const rated = phases.time('status', () => status(mode));
      const viewMode = ctx.settings().mode;
      const viewStatus = viewMode === mode ? rated : phases.time('status', () => status(viewMode));
      const next = phases.time('next', () => nextView(viewMode));
      phases.report();
      return {
        success: true,
        message: 'Ratings saved',
        rating_id: record.id,
        // The optimizer is rebuilt from the ratings table, so it has learned from this rating now.
        ml_updated: true,
        current_best_rating: rated.phase_1.predicted_best_rating ?? rated.phase_1.best_rating,
        samples_collected: rated.phase_1.samples_collected,
        phase_1_complete: !rated.phase_1.active,
        status: viewStatus,
        next,
      };
    },

    'train.undo'(input: CallParsedInput<'train.undo'>): CallOutput<'train.undo'> {
      let undone: RatingRecord | null = null;
      for (let i = ratedHere.length - 1; i >= 0 && !undone; i--) {
        if (ratedHere[i]!.rated_by !== input.rated_by) continue;
        // A rating retracted already (undone before, or superseded) is passed over and forgotten.
        undone = store.ratings.retract(ratedHere[i]!.id, ctx.newId('rat'));
        ratedHere.splice(i, 1);
      }
      const mode = undone ? store.experiments.get(undone.experiment_id)!.mode : ctx.settings().mode;
      return {
        undone: undone ? { rating_id: undone.id, experiment_id: undone.experiment_id } : null,
        samples_collected: store.ratings.samplesCollected(mode),
      };
    },

    'train.skip'(input: CallParsedInput<'train.skip'>): CallOutput<'train.skip'> {
      store.ratings.skip(ctx.newId('skp'), input.experiment_id, input.rated_by, input.reason);
      queue.answered();
      return { skipped: true, experiment_id: input.experiment_id };
    },

    'train.status'(input: CallParsedInput<'train.status'>): CallOutput<'train.status'> {
      return status(input.mode ?? ctx.settings().mode);
    },

    'train.history'(input: CallParsedInput<'train.history'>): CallOutput<'train.history'> {
      const experiments = store.history.list(input).map(({ id, finished_at }) => {
        const record = store.experiments.get(id)!;
        const rating = store.ratings.effectiveRating(id);
        const skip = rating ? undefined : store.ratings.skipOf(id);
        return {
          experiment_id: id,
          created_at: record.created_at,
          rated_at: rating ? finished_at : null,
          mode: record.mode,
          status: rating ? ('rated' as const) : ('skipped' as const),
          outcome: rating?.outcome ?? null,
          rated_by: rating?.rated_by ?? skip?.rated_by ?? null,
          details_shown: rating ? detailsShownOf(rating) : null,
          skip_reason: skip?.reason ?? null,
          source: imageRef(store, record.source_sha256)!,
          options: record.options.map((o) => ({
            option: o.label,
            rating: rating ? (o.label === 'A' ? rating.rating_a : rating.rating_b) : null,
            comments: rating ? (o.label === 'A' ? rating.comment_a : rating.comment_b) : null,
            api: o.provider,
            parameters: o.parameters,
            prompt_version: o.prompt_version,
            image: imageRef(store, o.output_sha256),
            predicted_rating: o.predicted_rating,
            cost_usd: o.cost_usd,
            latency_ms: o.latency_ms,
          })),
        };
      });
      const optimizer = input.mode ? ctx.learning.phase1(input.mode).optimizer : null;
      return { experiments, analytics: analytics(store.ratings.ratedOptions({ mode: input.mode, api: input.api }), optimizer) };
    },

    'train.override'(input: CallParsedInput<'train.override'>): CallOutput<'train.override'> {
      ctx.learning.setOverride(input.mode, input.phase_1);
      afterOverride(input.mode);
      return status(input.mode);
    },

    async 'queue.next'(input: CallParsedInput<'queue.next'>): Promise<CallOutput<'queue.next'>> {
      const mode = ctx.settings().mode;
      await queue.waitForReady(mode, input.wait_ms);
      return nextView(mode);
    },

    'queue.state'(): CallOutput<'queue.state'> {
      return queue.state(ctx.settings().mode);
    },
  };
}
