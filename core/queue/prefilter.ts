import type { Mode, OptionLabel, Parameters, ProviderId } from '../api';
import type { GenerationResult } from '../generation';
import type { StoredImage } from '../images';
import { mixSeed, mulberry32, toCanonical, toProviderParameters, type CanonicalPoint } from '../optimizer';
import type { ExperimentRecord, OptionRecord, Store } from '../store';

/** One candidate's prediction by the reward model's ensemble. */
export interface CandidatePrediction {
  mean: number;
  std: number;
}

export interface PrefilterDeps {
  store: Store;
  /** True while the reward model is ready for inference (core/service/reward.ts). */
  ready(): boolean;
  modelId(): string | null;
  /** Candidates per slot for a provider (the `prefilter_candidates` setting). */
  candidates(provider: ProviderId): number;
  /** More points from the optimizer's batch proposal, counting the pairs already queued. */
  propose(mode: Mode, count: number, pending: readonly CanonicalPoint[]): CanonicalPoint[];
  predict(images: readonly { bytes: Buffer; label: string }[]): Promise<CandidatePrediction[]>;
  ingest(bytes: Buffer): Promise<StoredImage>;
  log(message: string): void;
}

/** Generates one image for a slot with other parameters and seed (the queue's provider call, with its deadline). */
export type GenerateCandidate = (option: OptionRecord, parameters: Parameters, seed: number) => Promise<GenerationResult>;

type Role = 'best' | 'uncertain';

interface Candidate {
  parameters: Parameters;
  seed: number;
  result: GenerationResult;
  prediction?: CandidatePrediction;
}

/**
 * The reward model's pre-filter with active learning (Phase 2, "Usage"): for each slot of a new
 * pair, generate K candidates (the optimizer's proposal plus K − 1 more points from its batch),
 * predict each with the ensemble, and keep the best-predicted for one slot and the most uncertain
 * for the other, so the trainer sees a likely good render next to the one that teaches the model most.
 * Which side gets which role is a seeded coin, so trainers cannot learn it.
 */
export function createPrefilter(deps: PrefilterDeps) {
  async function candidatesFor(experiment: ExperimentRecord, option: OptionRecord, generate: GenerateCandidate): Promise<Candidate[]> {
    const count = deps.candidates(option.provider);
    const pending = deps.store.experiments.pendingOptions(experiment.mode).map((o) => toCanonical(o.parameters));
    // The extra points are generated with the slot's own provider: the per-provider count is what bounds the cost.
    const extra = count > 1 ? deps.propose(experiment.mode, count - 1, pending).map((p) => toProviderParameters({ ...p, provider: option.provider })) : [];
    const plans = [option.parameters, ...extra].map((parameters, k) => ({ parameters, seed: k === 0 ? option.seed : mixSeed(option.seed, k) }));
    const candidates: Candidate[] = [];
    for (const plan of plans) {
      try {
        candidates.push({ ...plan, result: await generate(option, plan.parameters, plan.seed) });
      } catch (error) {
        deps.log(`pre-filter candidate for ${experiment.id}/${option.label} failed: ${(error as Error).message}`);
      }
    }
    return candidates;
  }

  function pick(candidates: Candidate[], role: Role): Candidate {
    const score = (c: Candidate) => (role === 'best' ? c.prediction!.mean : c.prediction!.std);
    return candidates.reduce((a, b) => (score(b) > score(a) ? b : a));
  }

  return {
    /**
     * Whether a new background pair goes through the pre-filter: only while the model is ready, and
     * never for a pair that tests something else. A prompt A/B test (same parameters, prompts differ)
     * must keep its plan; so must any pair whose options share their parameters.
     */
    applies(experiment: ExperimentRecord): boolean {
      const [a, b] = experiment.options;
      if (!a || !b || a.prompt_version !== b.prompt_version) return false;
      if (JSON.stringify(a.parameters) === JSON.stringify(b.parameters)) return false;
      return deps.ready();
    },
    /**
     * Chooses and stores both options' outputs. A slot whose candidates all fail is left for the
     * queue's normal generation; a prediction failure keeps the optimizer's own proposal.
     */
    async choose(experiment: ExperimentRecord, generate: GenerateCandidate): Promise<void> {
      const modelId = deps.modelId();
      if (!modelId) return;
      const bestFirst = mulberry32(mixSeed(experiment.options[0]!.seed, 0x9f))() < 0.5;
      const slots: { option: OptionLabel; chosen_as: Role; candidates: object[] }[] = [];
      for (const [index, option] of experiment.options.entries()) {
        const role: Role = (index === 0) === bestFirst ? 'best' : 'uncertain';
        const candidates = await candidatesFor(experiment, option, generate);
        if (candidates.length === 0) continue;
        let chosen = candidates[0]!;
        try {
          const predictions = await deps.predict(candidates.map((c, k) => ({ bytes: c.result.bytes, label: `Candidate ${k + 1} of ${experiment.id}/${option.label}` })));
          candidates.forEach((c, k) => (c.prediction = predictions[k]));
          chosen = pick(candidates, role);
        } catch (error) {
          deps.log(`pre-filter predictions for ${experiment.id} failed, keeping the optimizer's proposal: ${(error as Error).message}`);
        }
        const image = await deps.ingest(chosen.result.bytes);
        deps.store.images.record(image);
        deps.store.reward.replaceOptionPlan(option.id, chosen.parameters, chosen === candidates[0] ? option.origin : `${option.origin}+prefilter-${role}`, chosen.seed);
        deps.store.experiments.setOptionOutput(option.id, {
          output_sha256: image.sha256,
          latency_ms: candidates.reduce((sum, c) => sum + c.result.latencyMs, 0),
          cost_usd: candidates.reduce((sum, c) => sum + c.result.costUsd, 0),
          details: { ...chosen.result.details, prefilter: { chosen_as: role, candidates: candidates.length, model_id: modelId } },
        });
        slots.push({
          option: option.label,
          chosen_as: role,
          candidates: candidates.map((c) => ({
            parameters: c.parameters,
            predicted_rating: c.prediction?.mean ?? null,
            uncertainty: c.prediction?.std ?? null,
            chosen: c === chosen,
          })),
        });
      }
      if (slots.length > 0) deps.store.reward.savePrefilter(experiment.id, modelId, { model_id: modelId, slots });
    },
  };
}
export type Prefilter = ReturnType<typeof createPrefilter>;
