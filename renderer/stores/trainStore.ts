import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ApiClient, CallInput, ExperimentView, Mode, OptionLabel, Outcome, QueueState } from '../../core/api';
import type { RatingValue } from '../keymap';
import { errorText } from './errorText';
import {
  buildRateInput,
  freshRound,
  isPairReady,
  markImageLoaded,
  applyRating,
  skipReason,
  submissionProblem,
  toggleOverride,
  type RoundState,
} from './trainLogic';

// One rating round at a time: the pair on screen, the trainer's ratings and comments, and the calls
// that fetch, create, rate, skip and undo pairs.

/** Long-poll length for queue.next: the host answers as soon as a pair is ready. */
export const NEXT_PAIR_WAIT_MS = 30_000;

export interface TrainState extends RoundState {
  loadingNext: boolean;
  /** queue.next answered "nothing ready": the page says "Generating the next pair…". */
  waitingForPair: boolean;
  creating: boolean;
  submitting: boolean;
  error: string | null;
  notice: string | null;
  skipPreset: number | null;
  skipText: string;
  /** Shown inside the skip dialog, so the page's alert and the dialog's never repeat each other. */
  skipError: string | null;
}

export interface TrainActions {
  loadNext(): Promise<void>;
  queueChanged(queue: QueueState): void;
  createFromUpload(image: { name: string; data_base64: string }): Promise<void>;
  createFromSample(sampleId: string): Promise<void>;
  rate(option: OptionLabel, value: RatingValue): void;
  focus(option: OptionLabel): void;
  setComment(option: OptionLabel, text: string): void;
  toggleOutcome(outcome: Outcome): void;
  imageLoaded(option: OptionLabel): void;
  imageFailed(option: OptionLabel): void;
  submit(): Promise<void>;
  undo(): Promise<void>;
  beginSkip(): void;
  setSkipPreset(index: number | null): void;
  setSkipText(text: string): void;
  /** Resolves true when the pair was skipped (the dialog may close). */
  skip(): Promise<boolean>;
  showError(message: string | null): void;
}

export interface TrainDeps {
  api: ApiClient;
  raterId(): string | null;
  mode(): Mode;
  /** Called whenever samples or the queue changed because of us (status should refresh). */
  progressed(): void;
  queueSeen(queue: QueueState): void;
  /** Warms the images of the pairs after the current one. */
  preload(upcoming: ExperimentView[]): void;
  now(): Date;
}

export type TrainStore = StoreApi<TrainState & TrainActions>;

const RATER_MISSING = 'Say who is rating first (the name in the header).';

export function createTrainStore(deps: TrainDeps): TrainStore {
  const { api } = deps;
  // Each fetch or create takes a ticket; an answer whose ticket is no longer the latest is stale
  // (the trainer moved on) and is dropped.
  let ticket = 0;
  let pollingTicket: number | null = null;

  return createStore<TrainState & TrainActions>()((set, get) => {
    const show = (experiment: ExperimentView) => {
      const failed = experiment.status === 'failed';
      set({
        ...freshRound(experiment),
        loadingNext: false,
        waitingForPair: false,
        error: failed ? (experiment.error ?? 'This pair failed to generate. Press S to skip it.') : null,
      });
    };

    const poll = async (mine: number) => {
      pollingTicket = mine;
      try {
        while (mine === ticket) {
          const { experiment, upcoming, queue } = await api.call('queue.next', { wait_ms: NEXT_PAIR_WAIT_MS });
          if (mine !== ticket) return;
          deps.queueSeen(queue);
          deps.preload(upcoming);
          if (experiment !== null) {
            show(experiment);
            if (experiment.status !== 'generating') return;
            continue;
          }
          set({ loadingNext: false, waitingForPair: true, error: queue.last_error });
          // Nothing is being generated, so another poll would only spin: wait for queueChanged.
          if (queue.generating === 0) return;
        }
      } catch (error) {
        if (mine === ticket) set({ loadingNext: false, waitingForPair: true, error: errorText(error) });
      } finally {
        if (pollingTicket === mine) pollingTicket = null;
      }
    };

    const create = async (input: CallInput<'train.create'>) => {
      const mine = ++ticket;
      set({ creating: true, error: null, notice: null });
      try {
        const experiment = await api.call('train.create', input);
        if (mine !== ticket) return;
        show(experiment);
        set({ creating: false });
        deps.progressed();
        if (experiment.status === 'generating') await poll(mine);
      } catch (error) {
        if (mine === ticket) set({ creating: false, error: errorText(error) });
      }
    };

    return {
      ...freshRound(null),
      loadingNext: false,
      waitingForPair: false,
      creating: false,
      submitting: false,
      error: null,
      notice: null,
      skipPreset: null,
      skipText: '',
      skipError: null,

      async loadNext() {
        const mine = ++ticket;
        set({ ...freshRound(null), loadingNext: true, waitingForPair: false });
        await poll(mine);
      },

      queueChanged(queue) {
        deps.queueSeen(queue);
        const s = get();
        if (s.experiment === null && !s.creating && pollingTicket === null) void get().loadNext();
      },

      createFromUpload: (image) => create({ image, mode: deps.mode() }),
      createFromSample: (sampleId) => create({ sample_id: sampleId, mode: deps.mode() }),

      rate(option, value) {
        const s = get();
        if (!isPairReady(s.experiment)) {
          set({ error: s.experiment === null ? 'There is no pair to rate yet.' : 'Wait until both images are shown.' });
          return;
        }
        set({ ...applyRating(s, option, value), error: null });
      },

      focus: (option) => set({ focused: option }),
      setComment: (option, text) => set((s) => ({ comments: { ...s.comments, [option]: text } })),
      toggleOutcome: (outcome) => set((s) => ({ outcomeOverride: toggleOverride(s.outcomeOverride, outcome) })),
      imageLoaded: (option) => set((s) => markImageLoaded(s, option, deps.now)),
      imageFailed: (option) =>
        set({ error: `The image of option ${option} failed to load. Press S to skip this pair ("Images failed to load").` }),

      async submit() {
        const s = get();
        if (s.submitting) return;
        const problem = submissionProblem(s, deps.raterId());
        if (problem !== null) {
          set({ error: problem });
          return;
        }
        set({ submitting: true, error: null });
        try {
          const result = await api.call('train.rate', buildRateInput(s, deps.raterId() ?? ''));
          set({ submitting: false, notice: `Saved. ${result.samples_collected} samples collected.` });
          deps.progressed();
          await get().loadNext();
        } catch (error) {
          // The round stays on screen as it was: nothing the trainer typed is lost.
          set({ submitting: false, error: errorText(error) });
        }
      },

      async undo() {
        const raterId = deps.raterId();
        if (raterId === null) return set({ error: RATER_MISSING });
        try {
          const { undone } = await api.call('train.undo', { rated_by: raterId });
          if (undone === null) return set({ notice: 'Nothing to undo.', error: null });
          set({ notice: 'Undone: that pair is back for a fresh rating.' });
          deps.progressed();
          await get().loadNext();
        } catch (error) {
          set({ error: errorText(error) });
        }
      },

      beginSkip: () => set({ skipPreset: null, skipText: '', skipError: null }),
      setSkipPreset: (index) => set({ skipPreset: index, skipError: null }),
      setSkipText: (text) => set({ skipText: text, skipError: null }),

      async skip() {
        const s = get();
        const raterId = deps.raterId();
        const reason = skipReason(s.skipPreset, s.skipText);
        if (s.experiment === null) return false;
        if (raterId === null) return (set({ skipError: RATER_MISSING }), false);
        if (reason === null) return (set({ skipError: 'Choose a reason (1–4) or type one.' }), false);
        try {
          await api.call('train.skip', { experiment_id: s.experiment.experiment_id, reason, rated_by: raterId });
          set({ skipPreset: null, skipText: '', skipError: null, notice: 'Skipped.', error: null });
          deps.progressed();
          void get().loadNext();
          return true;
        } catch (error) {
          set({ skipError: errorText(error) });
          return false;
        }
      },

      showError: (message) => set({ error: message }),
    };
  });
}
