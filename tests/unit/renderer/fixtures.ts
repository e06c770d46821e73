import type { ApiClient, CallInput, CallName, CallOutput, ExperimentView, QueueState } from '../../../core/api';

export const sha = (digit: string): string => digit.repeat(64);

export function experiment(id = 'exp_1', status: ExperimentView['status'] = 'ready'): ExperimentView {
  const option = (label: 'A' | 'B', digit: string): ExperimentView['options'][number] => ({
    option: label,
    option_id: `${id}_${label}`,
    provider: 'local',
    parameters: { api: 'local', init_strength: 0.25, guidance_scale: 7, controlnet_weight: 0.92 },
    prompt_version: 'v1.0.0',
    status: status === 'generating' ? 'pending' : 'ready',
    image: status === 'generating' ? null : { sha256: sha(digit), width: 640, height: 480, mime: 'image/jpeg' },
    error: null,
    metadata: { latency_ms: 10, cost_usd: 0, seed: 1, origin: 'baseline' },
    predicted_rating: null,
  });
  return {
    experiment_id: id,
    mode: 'structure',
    status,
    created_at: '2025-01-19T10:00:00.000Z',
    source: { sha256: sha('0'), width: 640, height: 480, mime: 'image/jpeg', name: 'room.jpg' },
    options: [option('A', 'a'), option('B', 'b')],
    error: status === 'failed' ? 'the enhancer crashed' : null,
  };
}

export const queue = (change: Partial<QueueState> = {}): QueueState => ({
  target: 2,
  ready: 0,
  generating: 0,
  failed: 0,
  indistinct: { dropped: 0, replaced: 0 },
  next_experiment_id: null,
  last_error: null,
  held: [],
  pack: null,
  ...change,
});

type Handler<N extends CallName> = (input: CallInput<N>) => CallOutput<N> | Promise<CallOutput<N>>;

/** An ApiClient answering from handlers and recording every call, for store tests without a host. */
export function fakeApi(handlers: { [N in CallName]?: Handler<N> }) {
  const calls: { name: CallName; input: unknown }[] = [];
  const listeners = new Map<string, ((payload: unknown) => void)[]>();
  const api: ApiClient = {
    async call(name, input) {
      calls.push({ name, input });
      const handler = handlers[name] as Handler<typeof name> | undefined;
      if (!handler) throw new Error(`unexpected call ${name}`);
      return (await handler(input)) as never;
    },
    on(name, listener) {
      const list = listeners.get(name) ?? [];
      list.push(listener as (payload: unknown) => void);
      listeners.set(name, list);
      return () => undefined;
    },
    imageUrl: (sha256, variant) => `/images/${sha256}${variant === 'thumb' ? '?variant=thumb' : ''}`,
  };
  const emit = (name: string, payload: unknown) => listeners.get(name)?.forEach((l) => l(payload));
  const callsOf = (name: CallName) => calls.filter((c) => c.name === name).map((c) => c.input);
  return { api, calls, callsOf, emit };
}

/** Lets pending promise chains run (the stores' async actions) before asserting. */
export const flush = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** A train.status answer: 23 samples, Phase 1 active; `change` overrides parts of the two phase blocks. */
export function trainStatus(change: { phase_1?: Partial<CallOutput<'train.status'>['phase_1']>; phase_2?: Partial<CallOutput<'train.status'>['phase_2']> } = {}): CallOutput<'train.status'> {
  return {
    mode: 'structure',
    phase_1: {
      active: true,
      proposer: 'baseline',
      stage: 'model',
      samples_collected: 23,
      target_samples: 50,
      best_rating: 3.8,
      predicted_best_rating: null,
      predicted_interval80: null,
      target_rating: 4,
      convergence: null,
      estimated_trials_remaining: null,
      stop_rule: null,
      override: null,
      ...change.phase_1,
    },
    phase_2: { active: false, training_samples: 0, model_accuracy: null, ready_for_inference: false, ...change.phase_2 },
    prompt_evolution: { active: false, current_version: 'v1.0.0', last_evolution: null, next_evolution_at_sample: 30, next_evolution_waiting_for: null },
    current_best: null,
    session: { rater_id: 'ana', rated_today: 0, last_hour: 0, daily_goal: 300, gold: null },
  };
}
