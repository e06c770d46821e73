import { describe, expect, it } from 'vitest';
import type { CallInput, CallOutput } from '../../../core/api';
import { createTrainStore, NEXT_PAIR_WAIT_MS, SET_ASIDE } from '../../../renderer/stores/trainStore';
import { HostError } from '../../../renderer/transport/hostError';
import { experiment, fakeApi, flush, queue, trainStatus } from './fixtures';

/** train.rate's answer: the samples after the rating, and the next view (by default nothing ready). */
const rateOutput = (samples: number, next: CallOutput<'queue.next'> = { experiment: null, upcoming: [], queue: queue() }): CallOutput<'train.rate'> => ({
  success: true,
  message: 'saved',
  rating_id: 'r1',
  ml_updated: false,
  current_best_rating: 4,
  samples_collected: samples,
  phase_1_complete: false,
  status: trainStatus({ phase_1: { samples_collected: samples } }),
  next,
});

function setup(handlers: Parameters<typeof fakeApi>[0], rater: string | null = 'ana') {
  const fake = fakeApi(handlers);
  let progressed = 0;
  const answers: (CallOutput<'train.rate'> | null)[] = [];
  let sent = 0;
  const preloaded: string[] = [];
  const store = createTrainStore({
    api: fake.api,
    raterId: () => rater,
    mode: () => 'surfaces',
    progressed: () => void progressed++,
    ratingSent: () => void sent++,
    rated: (answer) => void answers.push(answer),
    queueSeen: () => undefined,
    preload: (upcoming) => void preloaded.push(...upcoming.map((e) => e.experiment_id)),
    now: () => new Date('2025-02-01T09:00:00.000Z'),
  });
  return { ...fake, store, progressed: () => progressed, sent: () => sent, answers, preloaded };
}

/** Marks both images shown and rates the pair on screen. */
function ratePair(store: ReturnType<typeof setup>['store'], a: 1 | 2 | 3 | 4 | 5, b: 1 | 2 | 3 | 4 | 5) {
  store.getState().imageLoaded('A');
  store.getState().imageLoaded('B');
  store.getState().rate('A', a);
  store.getState().rate('B', b);
}

describe('train store', () => {
  it('loads the next pair with a long poll', async () => {
    const t = setup({ 'queue.next': () => ({ experiment: experiment('exp_1'), upcoming: [], queue: queue({ ready: 1 }) }) });
    await t.store.getState().loadNext();
    expect(t.callsOf('queue.next')).toEqual([{ wait_ms: NEXT_PAIR_WAIT_MS }]);
    expect(t.store.getState().experiment?.experiment_id).toBe('exp_1');
    expect(t.store.getState().waitingForPair).toBe(false);
  });

  it('hands the pairs waiting after this one to the preloader', async () => {
    const t = setup({
      'queue.next': () => ({ experiment: experiment('exp_1'), upcoming: [experiment('exp_2'), experiment('exp_3')], queue: queue({ ready: 3 }) }),
    });
    await t.store.getState().loadNext();
    expect(t.preloaded).toEqual(['exp_2', 'exp_3']);
  });

  it('waits when nothing is ready and retries on queueChanged', async () => {
    let next: CallOutput<'queue.next'> = { experiment: null, upcoming: [], queue: queue({ generating: 0 }) };
    const t = setup({ 'queue.next': () => next });
    await t.store.getState().loadNext();
    expect(t.store.getState().waitingForPair).toBe(true);
    expect(t.store.getState().experiment).toBeNull();
    next = { experiment: experiment('exp_2'), upcoming: [], queue: queue({ ready: 1 }) };
    t.store.getState().queueChanged(queue({ ready: 1 }));
    await flush();
    expect(t.store.getState().experiment?.experiment_id).toBe('exp_2');
    expect(t.callsOf('queue.next')).toHaveLength(2);
  });

  it('a queue change while the rating is saved shows no pair before the host answers', async () => {
    const pairs = [experiment('exp_1'), experiment('exp_2')];
    let answerRate: (value: CallOutput<'train.rate'>) => void = () => undefined;
    const t = setup({
      'queue.next': () => ({ experiment: pairs.shift() ?? null, upcoming: [], queue: queue({ ready: 1 }) }),
      'train.rate': () => new Promise<CallOutput<'train.rate'>>((resolve) => (answerRate = resolve)),
    });
    await t.store.getState().loadNext();
    t.store.getState().imageLoaded('A');
    t.store.getState().imageLoaded('B');
    t.store.getState().rate('A', 4);
    t.store.getState().rate('B', 4);
    const saving = t.store.getState().submit();
    t.store.getState().queueChanged(queue({ ready: 1 }));
    await flush();
    expect(t.store.getState().experiment).toBeNull();
    t.store.getState().rate('A', 3);
    expect(t.store.getState().error).toMatch(/not shown yet/);
    expect(t.callsOf('queue.next')).toHaveLength(1);
    answerRate(rateOutput(2, { experiment: pairs.shift()!, upcoming: [], queue: queue({ ready: 1 }) }));
    await saving;
    expect(t.store.getState().experiment?.experiment_id).toBe('exp_2');
    expect(t.callsOf('queue.next')).toHaveLength(1);
    expect(t.store.getState().ratings).toEqual({ A: null, B: null });
  });

  it('shows a failed pair with its error', async () => {
    const t = setup({ 'queue.next': () => ({ experiment: experiment('exp_f', 'failed'), upcoming: [], queue: queue() }) });
    await t.store.getState().loadNext();
    expect(t.store.getState().error).toBe('the enhancer crashed');
  });

  it('submits ratings with rater, outcome and shown_at, and shows the next pair from the same answer', async () => {
    const t = setup({
      'queue.next': () => ({ experiment: experiment('exp_1'), upcoming: [], queue: queue() }),
      'train.rate': () => rateOutput(7, { experiment: experiment('exp_2'), upcoming: [experiment('exp_3')], queue: queue({ ready: 2 }) }),
    });
    await t.store.getState().loadNext();
    const s = t.store.getState();
    s.imageLoaded('A');
    s.imageLoaded('B');
    s.rate('A', 5);
    expect(t.store.getState().focused).toBe('B');
    t.store.getState().rate('B', 3);
    t.store.getState().setComment('B', 'walls look fake');
    await t.store.getState().submit();
    expect(t.callsOf('train.rate')).toEqual([
      {
        experiment_id: 'exp_1',
        ratings: [
          { option: 'A', rating: 5, comments: '' },
          { option: 'B', rating: 3, comments: 'walls look fake' },
        ],
        outcome: 'A',
        rated_by: 'ana',
        shown_at: '2025-02-01T09:00:00.000Z',
      },
    ]);
    const after = t.store.getState();
    expect(after.experiment?.experiment_id).toBe('exp_2');
    expect(after.ratings).toEqual({ A: null, B: null });
    expect(after.notice).toBe('Saved. 7 samples collected.');
    expect(after.upcoming.map((e) => e.experiment_id)).toEqual(['exp_3']);
    // One round trip per rating: the status and the queue come with train.rate's answer.
    expect(t.sent()).toBe(1);
    expect(t.answers.map((a) => a?.status.phase_1.samples_collected)).toEqual([7]);
    expect(t.callsOf('queue.next')).toHaveLength(1);
    expect(t.progressed()).toBe(0);
  });

  it('shows the preloaded next pair at once, before the host has saved the rating', async () => {
    let saved: (value: CallOutput<'train.rate'>) => void = () => {};
    const t = setup({
      'queue.next': () => ({ experiment: experiment('exp_1'), upcoming: [experiment('exp_2')], queue: queue({ ready: 2 }) }),
      'train.rate': () => new Promise((resolve) => (saved = resolve)),
    });
    await t.store.getState().loadNext();
    t.store.getState().imageLoaded('A');
    t.store.getState().imageLoaded('B');
    t.store.getState().rate('A', 2);
    t.store.getState().rate('B', 4);
    const submitting = t.store.getState().submit();
    expect(t.store.getState().experiment?.experiment_id).toBe('exp_2');
    expect(t.store.getState().ratings).toEqual({ A: null, B: null });
    // The trainer may start on the new pair while the save is in flight; that work is kept.
    t.store.getState().rate('A', 5);
    saved(rateOutput(2, { experiment: experiment('exp_2'), upcoming: [experiment('exp_3')], queue: queue({ ready: 2 }) }));
    await submitting;
    const after = t.store.getState();
    expect(after.experiment?.experiment_id).toBe('exp_2');
    expect(after.ratings.A).toBe(5);
    expect(after.upcoming.map((e) => e.experiment_id)).toEqual(['exp_3']);
    expect(t.preloaded).toContain('exp_3');
  });

  it('learns of pairs that become ready while one is shown, and preloads them', async () => {
    let upcoming = [] as ReturnType<typeof experiment>[];
    const t = setup({ 'queue.next': () => ({ experiment: experiment('exp_1'), upcoming, queue: queue({ ready: 1 }) }) });
    await t.store.getState().loadNext();
    expect(t.store.getState().upcoming).toEqual([]);
    upcoming = [experiment('exp_2')];
    t.store.getState().queueChanged(queue({ ready: 2 }));
    await flush();
    expect(t.store.getState().upcoming.map((e) => e.experiment_id)).toEqual(['exp_2']);
    expect(t.preloaded).toContain('exp_2');
    expect(t.store.getState().experiment?.experiment_id).toBe('exp_1');
  });

  it('brings the rated pair back, ratings and comment included, when the save fails after the next was shown', async () => {
    const t = setup({
      'queue.next': () => ({ experiment: experiment('exp_1'), upcoming: [experiment('exp_2')], queue: queue({ ready: 2 }) }),
      'train.rate': () => Promise.reject(new HostError('offline', "The app's host is not answering. Is it still running?")),
    });
    await t.store.getState().loadNext();
    t.store.getState().imageLoaded('A');
    t.store.getState().imageLoaded('B');
    t.store.getState().rate('A', 3);
    t.store.getState().rate('B', 1);
    t.store.getState().setComment('A', 'too warm');
    await t.store.getState().submit();
    const s = t.store.getState();
    expect(s.experiment?.experiment_id).toBe('exp_1');
    expect(s.ratings).toEqual({ A: 3, B: 1 });
    expect(s.comments.A).toBe('too warm');
    expect(s.error).toBe("The app's host is not answering. Is it still running?");
    expect(s.submitting).toBe(false);
    expect(t.answers).toEqual([null]);
  });

  it('refuses to submit with one rating and says which is missing', async () => {
    const t = setup({ 'queue.next': () => ({ experiment: experiment(), upcoming: [], queue: queue() }) });
    await t.store.getState().loadNext();
    t.store.getState().rate('A', 4);
    await t.store.getState().submit();
    expect(t.store.getState().error).toBe('Rate option B before submitting.');
    expect(t.callsOf('train.rate')).toHaveLength(0);
  });

  it('keeps the round and shows the host message verbatim when rating fails', async () => {
    const t = setup({
      'queue.next': () => ({ experiment: experiment(), upcoming: [], queue: queue() }),
      'train.rate': () => {
        throw new HostError('conflict', 'This pair was already rated on another machine.');
      },
    });
    await t.store.getState().loadNext();
    t.store.getState().rate('A', 4);
    t.store.getState().rate('B', 4);
    await t.store.getState().submit();
    const s = t.store.getState();
    expect(s.error).toBe('This pair was already rated on another machine.');
    expect(s.ratings).toEqual({ A: 4, B: 4 });
    expect(s.submitting).toBe(false);
  });

  it('undo sends the rater and reloads the returned pair with cleared ratings', async () => {
    const t = setup({
      'queue.next': () => ({ experiment: experiment('exp_back'), upcoming: [], queue: queue() }),
      'train.undo': () => ({ undone: { rating_id: 'r1', experiment_id: 'exp_back' }, samples_collected: 3 }),
    });
    await t.store.getState().loadNext();
    t.store.getState().rate('A', 2);
    await t.store.getState().undo();
    expect(t.callsOf('train.undo')).toEqual([{ rated_by: 'ana' }]);
    expect(t.store.getState().ratings).toEqual({ A: null, B: null });
    expect(t.store.getState().notice).toMatch(/Undone/);
  });

  it('undo with nothing to undo only says so', async () => {
    const t = setup({ 'train.undo': () => ({ undone: null, samples_collected: 0 }) });
    await t.store.getState().undo();
    expect(t.store.getState().notice).toBe('Nothing to undo.');
    expect(t.callsOf('queue.next')).toHaveLength(0);
  });

  it('skip needs a reason, then sends it with the rater', async () => {
    const t = setup({
      'queue.next': () => ({ experiment: experiment('exp_s'), upcoming: [], queue: queue() }),
      'train.skip': (input) => ({ skipped: true, experiment_id: input.experiment_id }),
    });
    await t.store.getState().loadNext();
    t.store.getState().beginSkip();
    expect(await t.store.getState().skip()).toBe(false);
    expect(t.store.getState().skipError).toMatch(/reason/);
    t.store.getState().setSkipPreset(1);
    expect(await t.store.getState().skip()).toBe(true);
    expect(t.callsOf('train.skip')).toEqual([{ experiment_id: 'exp_s', reason: 'Cannot judge this render', rated_by: 'ana' }]);
  });

  it('creates from an upload in the current mode and shows the pair at once', async () => {
    const t = setup({ 'train.create': () => experiment('exp_new') });
    await t.store.getState().createFromUpload({ name: 'room.png', data_base64: 'AAAA' });
    expect(t.callsOf('train.create')).toEqual([{ image: { name: 'room.png', data_base64: 'AAAA' }, mode: 'surfaces' }]);
    expect(t.store.getState().experiment?.experiment_id).toBe('exp_new');
    expect(t.store.getState().creating).toBe(false);
  });

  it('says so when an upload came out as two images that cannot be told apart, and shows the next pair', async () => {
    const t = setup({
      'train.create': () => experiment('exp_same', 'indistinct'),
      'queue.next': () => ({ experiment: experiment('exp_2'), upcoming: [], queue: queue({ ready: 1 }) }),
    });
    await t.store.getState().createFromUpload({ name: 'room.png', data_base64: 'AAAA' });
    expect(t.store.getState().uploadError).toBe(SET_ASIDE);
    expect(t.store.getState().experiment?.experiment_id).toBe('exp_2');
    expect(t.store.getState().creating).toBe(false);
  });

  it('drops a stale queue answer once an upload took over', async () => {
    let answer: (value: CallOutput<'queue.next'>) => void = () => undefined;
    const t = setup({
      'queue.next': () => new Promise((resolve) => (answer = resolve)),
      'train.create': () => experiment('exp_upload'),
    });
    const polling = t.store.getState().loadNext();
    await flush();
    await t.store.getState().createFromSample('sample_1');
    answer({ experiment: experiment('exp_old'), upcoming: [], queue: queue() });
    await polling;
    expect(t.store.getState().experiment?.experiment_id).toBe('exp_upload');
  });

  it('will not rate before the pair is ready', async () => {
    const t = setup({});
    t.store.getState().rate('A', 3);
    expect(t.store.getState().ratings.A).toBeNull();
    expect(t.store.getState().error).toMatch(/no pair/);
  });
});

describe('train store: keys between Enter and the next pair', () => {
  it('takes the saved pair off the screen at once and refuses digits until the next pair is shown', async () => {
    let saved: (value: CallOutput<'train.rate'>) => void = () => {};
    const pairs = [experiment('exp_1'), experiment('exp_2')];
    const t = setup({
      'queue.next': () => ({ experiment: pairs.shift() ?? null, upcoming: [], queue: queue() }),
      'train.rate': () => new Promise((resolve) => (saved = resolve)),
    });
    await t.store.getState().loadNext();
    t.store.getState().rate('A', 4);
    t.store.getState().rate('B', 4);
    const submitting = t.store.getState().submit();
    expect(t.store.getState().experiment).toBeNull();
    expect(t.store.getState().loadingNext).toBe(true);
    t.store.getState().rate('B', 3);
    t.store.getState().rate('B', 1);
    expect(t.store.getState().ratings).toEqual({ A: null, B: null });
    expect(t.store.getState().error).toMatch(/not applied: the next pair is not shown yet/);
    saved(rateOutput(2, { experiment: experiment('exp_2'), upcoming: [experiment('exp_3')], queue: queue({ ready: 2 }) }));
    await submitting;
    expect((t.callsOf('train.rate')[0] as CallInput<'train.rate'>).ratings.map((r) => r.rating)).toEqual([4, 4]);
    expect(t.store.getState().experiment?.experiment_id).toBe('exp_2');
    expect(t.store.getState().ratings).toEqual({ A: null, B: null });
  });

  it('an Enter on the next pair while the last rating is being saved is queued, sent after it, and the round goes on', async () => {
    const answers: ((value: CallOutput<'train.rate'>) => void)[] = [];
    const t = setup({
      'queue.next': () => ({ experiment: experiment('exp_1'), upcoming: [experiment('exp_2'), experiment('exp_3')], queue: queue({ ready: 3 }) }),
      'train.rate': () => new Promise((resolve) => answers.push(resolve)),
    });
    await t.store.getState().loadNext();
    ratePair(t.store, 4, 4);
    const first = t.store.getState().submit();
    expect(t.store.getState().experiment?.experiment_id).toBe('exp_2');
    ratePair(t.store, 2, 5);
    const second = t.store.getState().submit();
    expect(t.store.getState().experiment?.experiment_id).toBe('exp_3');
    expect(t.store.getState().error).toBeNull();
    // One save at a time: the second waits for the first instead of racing it.
    expect(t.callsOf('train.rate')).toHaveLength(1);
    answers[0]!(rateOutput(2, { experiment: experiment('exp_2'), upcoming: [experiment('exp_3')], queue: queue({ ready: 2 }) }));
    await first;
    await flush();
    expect(t.store.getState().submitting).toBe(true);
    expect((t.callsOf('train.rate') as CallInput<'train.rate'>[]).map((c) => [c.experiment_id, c.ratings.map((r) => r.rating)])).toEqual([
      ['exp_1', [4, 4]],
      ['exp_2', [2, 5]],
    ]);
    // The first answer's view is older than the rating queued behind it: the pair shown stays.
    expect(t.store.getState().experiment?.experiment_id).toBe('exp_3');
    answers[1]!(rateOutput(4, { experiment: experiment('exp_3'), upcoming: [], queue: queue({ ready: 1 }) }));
    await second;
    const after = t.store.getState();
    expect(after.experiment?.experiment_id).toBe('exp_3');
    expect(after.submitting).toBe(false);
    expect(after.notice).toBe('Saved. 4 samples collected.');
    expect(after.recent.map((r) => r.experimentId)).toEqual(['exp_2', 'exp_1']);
    expect(t.answers).toHaveLength(2);
  });

  it('a rating queued behind one that fails is not sent, and the failed pair comes back first', async () => {
    let fail: (error: Error) => void = () => {};
    const t = setup({
      'queue.next': () => ({ experiment: experiment('exp_1'), upcoming: [experiment('exp_2'), experiment('exp_3')], queue: queue({ ready: 3 }) }),
      'train.rate': () => new Promise((_resolve, reject) => (fail = reject)),
    });
    await t.store.getState().loadNext();
    ratePair(t.store, 3, 1);
    const first = t.store.getState().submit();
    ratePair(t.store, 5, 5);
    const second = t.store.getState().submit();
    fail(new HostError('offline', "The app's host is not answering. Is it still running?"));
    await Promise.all([first, second]);
    const s = t.store.getState();
    expect(t.callsOf('train.rate')).toHaveLength(1);
    expect(s.experiment?.experiment_id).toBe('exp_1');
    expect(s.ratings).toEqual({ A: 3, B: 1 });
    expect(s.error).toBe("The app's host is not answering. Is it still running?");
    expect(s.submitting).toBe(false);
    expect(t.answers).toEqual([null, null]);
  });
});

describe('train store: comment target and undo list', () => {
  it('C targets the option rated last, or the one chosen since', async () => {
    const t = setup({ 'queue.next': () => ({ experiment: experiment('exp_1'), upcoming: [], queue: queue() }) });
    await t.store.getState().loadNext();
    t.store.getState().rate('A', 4);
    expect(t.store.getState().focused).toBe('B');
    expect(t.store.getState().commentTarget).toBe('A');
    t.store.getState().focus('A');
    t.store.getState().focus('B');
    expect(t.store.getState().commentTarget).toBe('B');
  });

  it('undo brings back the ratings, comments and override that were undone, and marks the list', async () => {
    const pairs = [experiment('exp_1'), experiment('exp_1')];
    const t = setup({
      'queue.next': () => ({ experiment: pairs.shift() ?? null, upcoming: [], queue: queue() }),
      'train.rate': () => rateOutput(2, { experiment: experiment('exp_2'), upcoming: [], queue: queue({ ready: 1 }) }),
      'train.undo': () => ({ undone: { rating_id: 'r1', experiment_id: 'exp_1' }, samples_collected: 0 }),
    });
    await t.store.getState().loadNext();
    t.store.getState().rate('A', 5);
    t.store.getState().rate('B', 2);
    t.store.getState().setComment('A', 'crisp tiles');
    t.store.getState().toggleOutcome('both_bad');
    await t.store.getState().submit();
    expect(t.store.getState().experiment?.experiment_id).toBe('exp_2');
    expect(t.store.getState().recent.map((r) => [r.experimentId, r.undone])).toEqual([['exp_1', false]]);
    await t.store.getState().undo();
    const s = t.store.getState();
    expect(s.experiment?.experiment_id).toBe('exp_1');
    expect(s.ratings).toEqual({ A: 5, B: 2 });
    expect(s.comments).toEqual({ A: 'crisp tiles', B: '' });
    expect(s.outcomeOverride).toBe('both_bad');
    expect(s.recent.map((r) => [r.experimentId, r.undone])).toEqual([['exp_1', true]]);
  });
});

describe('train store: where an upload problem is told', () => {
  it('a refused upload is an upload error, not a rating error, and the next upload clears it', async () => {
    let refuse = true;
    const t = setup({
      'train.create': () => {
        if (refuse) throw new HostError('invalid_image', 'The PNG file is damaged or incomplete, so it cannot be read.');
        return experiment('exp_new');
      },
    });
    await t.store.getState().createFromUpload({ name: 'room.png', data_base64: 'AAAA' });
    expect(t.store.getState().uploadError).toMatch(/damaged/);
    expect(t.store.getState().error).toBeNull();
    refuse = false;
    await t.store.getState().createFromUpload({ name: 'room.png', data_base64: 'AAAA' });
    expect(t.store.getState().uploadError).toBeNull();
  });
});
