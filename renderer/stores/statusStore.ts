import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ApiClient, CallOutput, EventPayload, Mode, QueueState } from '../../core/api';
import { errorText } from './errorText';
import { nextEvolutionText } from './evolutionText';

// Training progress (train.status) and the generation queue. A rating's own answer carries both;
// events keep them fresh when something else changed them (a sync, a training run, another window).

export type TrainStatus = CallOutput<'train.status'>;
type StatusChange = EventPayload<'statusChanged'>;

export interface StatusState {
  status: TrainStatus | null;
  queue: QueueState | null;
  error: string | null;
}

export interface StatusActions {
  refresh(mode: Mode): Promise<void>;
  setQueue(queue: QueueState): void;
  /** A rating went to the host: the statusChanged it causes is answered by train.rate itself. */
  ratingSent(): void;
  /** train.rate answered (null: it failed): its status and queue are shown as they are. */
  rated(answer: Pick<CallOutput<'train.rate'>, 'samples_collected' | 'status' | 'next'> | null): void;
  /** The host's statusChanged: asks for the status again unless it only echoes a rating's answer. */
  statusChanged(change: StatusChange, shownMode: Mode | undefined): void;
}

export type StatusStore = StoreApi<StatusState & StatusActions>;

/** Echoes expected and not seen yet are forgotten past this many, so a lost one never hides a real change for long. */
const EXPECTED_ECHOES = 4;

export function createStatusStore(api: ApiClient): StatusStore {
  // Only the latest refresh may write: a slow answer for the old mode must not overwrite the new one.
  let latest = 0;
  // A refresh asked for while one of the same mode is in flight joins it instead of asking again.
  let inFlight: { mode: Mode; done: Promise<void> } | null = null;
  // The host emits statusChanged while it saves a rating, and the event and the answer travel apart.
  // Events seen while ratings are being saved wait for their answers; an answer then takes the place
  // of its own event (same samples count), seen before or after it.
  let saving = 0;
  let held: { change: StatusChange; shownMode: Mode | undefined }[] = [];
  let expected: number[] = [];
  return createStore<StatusState & StatusActions>()((set, get) => ({
    status: null,
    queue: null,
    error: null,

    refresh(mode) {
      if (inFlight?.mode === mode) return inFlight.done;
      const ticket = ++latest;
      const load = async () => {
        try {
          const [status, queue] = await Promise.all([api.call('train.status', { mode }), api.call('queue.state', {})]);
          if (ticket === latest) set({ status, queue, error: null });
        } catch (error) {
          if (ticket === latest) set({ error: errorText(error) });
        }
      };
      const entry = { mode, done: load().finally(() => inFlight === entry && (inFlight = null)) };
      inFlight = entry;
      return entry.done;
    },

    setQueue(queue) {
      set({ queue });
    },

    ratingSent() {
      saving++;
    },

    rated(answer) {
      saving = Math.max(0, saving - 1);
      if (answer !== null) {
        // Newer than any refresh still on its way: those answers are dropped.
        ++latest;
        inFlight = null;
        set({ status: answer.status, queue: answer.next.queue, error: null });
        const echo = held.findIndex((h) => h.change.samples_collected === answer.samples_collected);
        if (echo >= 0) held.splice(echo, 1);
        else expected = [...expected, answer.samples_collected].slice(-EXPECTED_ECHOES);
      }
      if (saving > 0) return;
      const waiting = held;
      held = [];
      for (const h of waiting) get().statusChanged(h.change, h.shownMode);
    },

    statusChanged(change, shownMode) {
      if (saving > 0) {
        held.push({ change, shownMode });
        return;
      }
      const echo = expected.indexOf(change.samples_collected);
      if (echo >= 0) {
        expected.splice(echo, 1);
        return;
      }
      if (shownMode === change.mode) void get().refresh(shownMode);
    },
  }));
}

const oneDecimal = (value: number): string => value.toFixed(1);

/** QA reads this exact text: "Samples collected: N/50" while Phase 1 aims for 50, "Samples collected: N" after. */
export function samplesText(status: TrainStatus): string {
  const { samples_collected: samples, target_samples: target } = status.phase_1;
  return target === null ? `Samples collected: ${samples}` : `Samples collected: ${samples}/${target}`;
}

/**
 * The optimizer's predicted best (posterior mean of the recommendation, with its 80% interval)
 * when there is one; the highest single rating given is shown beside it, as the seed's raw figure.
 */
export function bestRatingText(status: TrainStatus): string {
  const { best_rating: raw, predicted_best_rating: predicted, predicted_interval80: interval } = status.phase_1;
  if (predicted !== null && interval !== null) {
    const rawPart = raw === null ? '' : `, highest given ${raw}`;
    return `Best rating: ${oneDecimal(predicted)}/5.0 predicted (80%: ${oneDecimal(interval[0])}–${oneDecimal(interval[1])})${rawPart}`;
  }
  return raw === null ? 'Best rating: none yet' : `Best rating: ${oneDecimal(raw)}/5.0`;
}

const STOP_RULES: Record<NonNullable<TrainStatus['phase_1']['stop_rule']>, string> = {
  samples: 'enough samples',
  best_rating: 'predicted best rating reached 4.0',
  admin: 'stopped by an admin',
};

const PROPOSERS: Record<string, string> = { bayesian: 'Bayesian optimizer', baseline: 'baseline proposer' };

export function phase1Text(status: TrainStatus): string {
  const p = status.phase_1;
  const proposer = PROPOSERS[p.proposer] ?? `${p.proposer} proposer`;
  if (!p.active) {
    return p.stop_rule === null ? `Phase 1: not active (${proposer})` : `Phase 1: complete, ${STOP_RULES[p.stop_rule]}`;
  }
  const parts = [`Phase 1: active, ${proposer}`];
  if (p.stage === 'initial-design') parts.push('initial design');
  if (p.override === 'resumed') parts.push('kept running by an admin');
  if (p.convergence !== null) parts.push(`${Math.round(p.convergence * 100)}% converged`);
  if (p.estimated_trials_remaining !== null) parts.push(`~${p.estimated_trials_remaining} to go`);
  return parts.join(', ');
}

export function phase2Text(status: TrainStatus): string {
  const p = status.phase_2;
  if (!p.active) return 'Phase 2: not active';
  if (p.ready_for_inference) {
    const accuracy = p.model_accuracy === null ? '' : `, accuracy ${Math.round(p.model_accuracy * 100)}%`;
    return `Phase 2: ready${accuracy}`;
  }
  return `Phase 2: training on ${p.training_samples} samples (not ready for inference)`;
}

/** The seed's `prompt_evolution` block: the current version and when the next evolution is due. */
export function promptText(status: TrainStatus): string {
  const p = status.prompt_evolution;
  const next = p.active ? nextEvolutionText(p) : null;
  return next === null ? `Prompt ${p.current_version}` : `Prompt ${p.current_version}, ${next}`;
}

export function queueText(queue: QueueState): string {
  const parts = [`${queue.ready} ready`];
  if (queue.generating > 0) parts.push(`${queue.generating} generating`);
  if (queue.failed > 0) parts.push(`${queue.failed} failed`);
  if (queue.pack) parts.push(`offline pack ${queue.pack.ready} of ${queue.pack.size} ready`);
  const held = queue.held.map((h) => `${h.provider} ${HOLD_TEXT[h.reason]}`);
  return [`Queue: ${parts.join(', ')}`, ...held].join('; ');
}

/** Ready pairs are stored with their images, so each can be rated without network; said when providers other than the local enhancer generate. */
export function offlineText(queue: QueueState): string {
  return `${queue.ready} ${queue.ready === 1 ? 'pair' : 'pairs'} ready offline`;
}

const HOLD_TEXT: Record<QueueState['held'][number]['reason'], string> = {
  at_cap: 'stopped at its daily budget',
  set_aside: 'paused after failing',
  rate_limited: 'waiting for its request rate',
  busy: 'busy',
};
