import type { Mode, ProviderId } from '../api';
import { mixSeed, mulberry32, toCanonical, toProviderParameters } from '../optimizer';
import type { QueueDeps } from './index';

/** Makes the queue's next pair: the optimizer's proposal (or a prompt's paired test) over the providers that can take it, persisted. */
export function createPairMaker(deps: QueueDeps) {
  const { store } = deps;
  // Modes whose last new pair was a prompt's paired-test pair.
  const lastWasTest = new Set<Mode>();

  return function createExperiment(sourceSha256: string, mode: Mode, priority: number, providers: ProviderId[], extra: { project_id?: string; site_visit_id?: string } = {}) {
    if (providers.length === 0) throw new Error('No enabled image provider is available. Enable the local enhancer in settings.');
    const round = store.experiments.total();
    const pending = store.experiments.pendingOptions(mode).map((o) => toCanonical(o.parameters));
    const proposed = deps.proposer.proposePair({ mode, providers, round, pending });
    // A prompt's paired test: one proposal shown twice with the same seed, so only the prompt differs.
    // Prompt tests take every other pair at most: evolution runs nearly all the time (every 10
    // samples while below 4.5), and Phase 1 and the reward model's pre-filter must keep learning.
    const test = lastWasTest.has(mode) ? null : (deps.promptTest?.(mode) ?? null);
    if (test) lastWasTest.add(mode);
    else lastWasTest.delete(mode);
    const pair = test ? [proposed[0], proposed[0]] : proposed;
    // The candidate's side is a seeded coin like the optimizer's pairs, so a trainer cannot learn
    // that the new prompt is always B; the test reads each version by its prompt, not its side.
    const candidateSide = mulberry32(mixSeed(deps.seed, round, 0x5e1d))() < 0.5 ? 'A' : 'B';
    return store.experiments.create({
      id: deps.newId('exp'),
      source_sha256: sourceSha256,
      mode,
      priority,
      ...extra,
      options: pair.map((proposal, i) => ({
        id: deps.newId('opt'),
        label: i === 0 ? ('A' as const) : ('B' as const),
        provider: proposal.point.provider,
        // What the provider will really use (e.g. integer guidance) is what the optimizer learns from.
        parameters: deps.providers.get(proposal.point.provider)!.effectiveParameters(toProviderParameters(proposal.point)),
        origin: test ? 'prompt-test' : proposal.origin,
        prompt_version: test ? ((i === 0 ? 'A' : 'B') === candidateSide ? test.candidate : test.baseline) : deps.promptFor(proposal.point.provider).version,
        seed: mixSeed(deps.seed, round, test ? 0 : i),
      })),
    });
  };
}
