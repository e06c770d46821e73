import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ApiClient, CallInput, CallOutput, ExperimentView, Mode, OptionLabel, Outcome, QueueState } from '../../core/api';
import type { RatingValue } from '../keymap';
import { errorText } from './errorText';
import { markUndone, recordSubmission, restoredRound, submissionOf, type Submission } from './recentSubmissions';
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
/** How many pairs after the one shown the host sends with it (core/service/train.ts). */
const UPCOMING_PAIRS = 2;

export interface TrainState extends RoundState {
  loadingNext: boolean;
  /** queue.next answered "nothing ready": the page says "Generating the next pair…". */
  waitingForPair: boolean;
  creating: boolean;
  submitting: boolean;
  error: string | null;
  /** Why the last upload or sample was refused: shown beside the Upload button, not with the ratings. */
  uploadError: string | null;
  notice: string | null;
  skipPreset: number | null;
  skipText: string;
  /** Shown inside the skip dialog, so the page's alert and the dialog's never repeat each other. */
  skipError: string | null;
  /** The ready pairs after this one (their images are preloaded): the next is shown on Enter at once. */
  upcoming: ExperimentView[];
  /** This sitting's last submissions, newest first (the undo list). */
  recent: Submission[];
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
  showUploadError(message: string | null): void;
  showNotice(message: string): void;
}

export interface TrainDeps {
  api: ApiClient;
  raterId(): string | null;
  mode(): Mode;
  /** Called whenever samples or the queue changed because of us (status should refresh). */
  progressed(): void;
  /** A rating is on its way to the host. */
  ratingSent(): void;
  /** Its answer (null: it failed), which carries the status and queue to show next. */
  rated(answer: CallOutput<'train.rate'> | null): void;
  queueSeen(queue: QueueState): void;
  /** Warms the images of the pairs after the current one. */
  preload(upcoming: ExperimentView[]): void;
  now(): Date;
}

export type TrainStore = StoreApi<TrainState & TrainActions>;

const RATER_MISSING = 'Say who is rating first (the name in the header).';
/** A digit pressed between Enter and the next pair would otherwise land on nothing, or on the saved pair. */
const NOT_SHOWN_YET = 'That key was not applied: the next pair is not shown yet. Rate it once you see it.';

/** Said when an uploaded render's pair came out as two images that cannot be told apart. */
export const SET_ASIDE = 'Both enhancements of this render looked the same, so the pair was set aside and needs no rating. Try another render, or other settings on the Providers page.';

/** A queued rating that was never sent, because the one before it failed. */
const NOT_SENT = new Error('not sent: the rating before it failed');

/**
 * Ratings go to the host one after another, in the order given. Enter on the pair shown while the
 * last rating is still being saved queues the new one instead of dropping it: the trainer already
 * sees that pair, and a dropped Enter left the round waiting for a rating that never came. When a
 * save fails, the ones queued behind it are not sent (they would be saved out of order, and the
 * failed pair comes back on screen first).
 */
function createSaveQueue(send: (input: CallInput<'train.rate'>) => Promise<CallOutput<'train.rate'>>) {
  let last: Promise<unknown> = Promise.resolve();
  let failures = 0;
  let pending = 0;
  return {
    pending: () => pending,
    send(input: CallInput<'train.rate'>): Promise<CallOutput<'train.rate'>> {
      const failuresBefore = failures;
      // With nothing being saved it goes at once; otherwise after the last one, if that one was saved.
      const sending = pending === 0 ? send(input) : last.then(() => (failures === failuresBefore ? send(input) : Promise.reject(NOT_SENT)));
      pending++;
      const saving = sending
        .catch((error: unknown) => {
          if (error !== NOT_SENT) failures++;
          throw error;
        })
        .finally(() => pending--);
      last = saving.catch(() => undefined);
      return saving;
    },
  };
}

export function createTrainStore(deps: TrainDeps): TrainStore {
  const { api } = deps;
  // Each fetch or create takes a ticket; an answer whose ticket is no longer the latest is stale
  // (the trainer moved on) and is dropped.
  let ticket = 0;
  let pollingTicket: number | null = null;
  // The submission an undo took back: when its pair is shown again, its ratings and comments return.
  let pendingRestore: Submission | null = null;
  const saves = createSaveQueue((input) => api.call('train.rate', input));

  return createStore<TrainState & TrainActions>()((set, get) => {
    const show = (experiment: ExperimentView) => {
      const failed = experiment.status === 'failed';
      const restore = pendingRestore?.experimentId === experiment.experiment_id ? pendingRestore : null;
      if (restore !== null) pendingRestore = null;
      set({
        ...(restore === null ? freshRound(experiment) : restoredRound(experiment, restore)),
        loadingNext: false,
        waitingForPair: false,
        error: failed ? (experiment.error ?? 'This pair failed to generate. Press S to skip it.') : null,
      });
    };

    const roundOf = (s: RoundState): RoundState => ({
      experiment: s.experiment,
      focused: s.focused,
      commentTarget: s.commentTarget,
      ratings: s.ratings,
      comments: s.comments,
      outcomeOverride: s.outcomeOverride,
      imagesLoaded: s.imagesLoaded,
      shownAt: s.shownAt,
    });

    /** Updates the pairs waiting after the one shown, without touching the round in progress. */
    const refreshUpcoming = async () => {
      const shown = get().experiment?.experiment_id;
      try {
        const answer = await api.call('queue.next', { wait_ms: 0 });
        if (answer.experiment?.experiment_id !== shown || get().experiment?.experiment_id !== shown) return;
        deps.preload(answer.upcoming);
        set({ upcoming: answer.upcoming });
      } catch {
        // Only a head start was lost; Enter still loads the next pair the ordinary way.
      }
    };

    const poll = async (mine: number) => {
      pollingTicket = mine;
      try {
        while (mine === ticket) {
          const { experiment, upcoming, queue } = await api.call('queue.next', { wait_ms: NEXT_PAIR_WAIT_MS });
          if (mine !== ticket) return;
          deps.queueSeen(queue);
          deps.preload(upcoming);
          set({ upcoming });
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
      set({ creating: true, uploadError: null, notice: null });
      try {
        const experiment = await api.call('train.create', input);
        if (mine !== ticket) return;
        if (experiment.status === 'indistinct') {
          // The host set the pair aside: its two images could not be told apart. Nothing to rate.
          set({ creating: false, uploadError: SET_ASIDE });
          deps.progressed();
          return await get().loadNext();
        }
        show(experiment);
        set({ creating: false });
        deps.progressed();
        if (experiment.status === 'generating') await poll(mine);
      } catch (error) {
        if (mine === ticket) set({ creating: false, uploadError: errorText(error) });
      }
    };

    return {
      ...freshRound(null),
      loadingNext: false,
      waitingForPair: false,
      creating: false,
      submitting: false,
      error: null,
      uploadError: null,
      notice: null,
      skipPreset: null,
      skipText: '',
      skipError: null,
      upcoming: [],
      recent: [],

      async loadNext() {
        const mine = ++ticket;
        set({ ...freshRound(null), loadingNext: true, waitingForPair: false });
        await poll(mine);
      },

      queueChanged(queue) {
        deps.queueSeen(queue);
        const s = get();
        // While a rating is being saved, submit() loads the next pair itself once the host answers.
        if (s.experiment === null && !s.creating && !s.submitting && pollingTicket === null) void get().loadNext();
        // More pairs became ready than we know of: learn them, so their images load before Enter.
        // The host sends at most UPCOMING_PAIRS: with those known, a longer queue adds nothing.
        else if (s.experiment !== null && !s.submitting && s.upcoming.length < UPCOMING_PAIRS && queue.ready > s.upcoming.length + 1) void refreshUpcoming();
      },

      createFromUpload: (image) => create({ image, mode: deps.mode() }),
      createFromSample: (sampleId) => create({ sample_id: sampleId, mode: deps.mode() }),

      rate(option, value) {
        const s = get();
        if (!isPairReady(s.experiment)) {
          const nextPending = s.experiment === null && (s.loadingNext || s.waitingForPair || s.submitting);
          set({ error: s.experiment !== null ? 'Wait until both images are shown.' : nextPending ? NOT_SHOWN_YET : 'There is no pair to rate yet.' });
          return;
        }
        set({ ...applyRating(s, option, value), error: null });
      },

      focus: (option) => set({ focused: option, commentTarget: option }),
      setComment: (option, text) => set((s) => ({ comments: { ...s.comments, [option]: text } })),
      toggleOutcome: (outcome) => set((s) => ({ outcomeOverride: toggleOverride(s.outcomeOverride, outcome) })),
      imageLoaded: (option) => set((s) => markImageLoaded(s, option, deps.now)),
      imageFailed: (option) =>
        set({ error: `The image of option ${option} failed to load. Press S to skip this pair ("Images failed to load").` }),

      async submit() {
        const s = get();
        const problem = submissionProblem(s, deps.raterId());
        if (problem !== null) {
          set({ error: problem });
          return;
        }
        const input = buildRateInput(s, deps.raterId() ?? '');
        const rated = roundOf(s);
        const submission = submissionOf(s, input);
        // The next pair is already generated and its images decoded: show it now, while the host
        // saves the rating and updates the optimizer, so the trainer never waits for either.
        // Without one the saved pair leaves the screen all the same, so no key can change it.
        const next = s.upcoming.find((e) => e.status === 'ready' && e.experiment_id !== s.experiment?.experiment_id) ?? null;
        const mine = ++ticket;
        const following = next ? { ...freshRound(next), upcoming: s.upcoming.filter((e) => e !== next) } : { ...freshRound(null), loadingNext: true };
        set({ submitting: true, error: null, uploadError: null, notice: null, ...following });
        deps.ratingSent();
        let result: CallOutput<'train.rate'>;
        try {
          result = await saves.send(input);
        } catch (error) {
          deps.rated(null);
          if (error === NOT_SENT) {
            // Its pair is still unrated on the host, so the queue shows it again after the one that failed.
            set({ submitting: saves.pending() > 0, notice: 'The pair rated after it was not saved either; it comes back to be rated.' });
            return;
          }
          ticket++;
          // Nothing is lost: the rated pair comes back exactly as the trainer left it, with the reason.
          set({ ...rated, submitting: saves.pending() > 0, loadingNext: false, error: errorText(error) });
          return;
        }
        // One answer for the notice, the status line and the next pair: they cannot disagree.
        deps.rated(result);
        set((now) => ({
          submitting: saves.pending() > 0,
          notice: `Saved. ${result.samples_collected} samples collected.`,
          recent: recordSubmission(now.recent, submission),
        }));
        // A rating given since (queued behind this one) answers with a newer view: that one counts.
        if (mine !== ticket) return;
        const { experiment: head, upcoming } = result.next;
        deps.preload(upcoming);
        set({ upcoming });
        // The queue's order is the host's; only a pair that jumped the queue (an upload) replaces the one shown.
        if (head?.experiment_id === get().experiment?.experiment_id) return;
        if (head === null || head.status === 'generating') return await get().loadNext();
        show(head);
      },

      async undo() {
        // An undo while a rating is still being saved would retract the one before it.
        if (get().submitting) return set({ notice: 'Still saving the last rating; press U again in a moment.' });
        const raterId = deps.raterId();
        if (raterId === null) return set({ error: RATER_MISSING });
        try {
          const { undone } = await api.call('train.undo', { rated_by: raterId });
          if (undone === null) return set({ notice: 'Nothing to undo.', error: null });
          const { list, restore } = markUndone(get().recent, undone.experiment_id);
          pendingRestore = restore;
          set({
            recent: list,
            notice: restore ? 'Undone: that pair is back with your ratings and comments; change them and press Enter.' : 'Undone: that pair is back for a fresh rating.',
          });
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
      showUploadError: (message) => set({ uploadError: message }),
      showNotice: (message) => set({ notice: message, error: null }),
    };
  });
}
