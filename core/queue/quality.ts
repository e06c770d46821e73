import { readFile } from 'node:fs/promises';
import type { Mode } from '../api';
import { breakImage, DEFECTS } from '../images';
import { mixSeed, mulberry32 } from '../optimizer';
import type { ExperimentRecord, OptionRecord } from '../store';
import type { QueueDeps } from './index';

/** Rated normal pairs of a mode before the first gold or repeat pair: material to make them from, and a repeat comes back later. */
export const RATED_BEFORE_MEASURING = 10;

export type QualityDeps = Pick<QueueDeps, 'store' | 'ingest' | 'imagePath' | 'newId' | 'seed' | 'log'> & {
  rates(): { gold: number; repeat: number };
};

/**
 * Pairs that measure the trainers rather than the enhancer, made from pairs already rated so they
 * cost no generation: a gold pair shows one rated option's render next to a broken copy of it (the
 * broken side a seeded coin), a repeat shows a rated pair again with its sides swapped. Both copy
 * the options' provider, parameters and prompt version, so on screen they look like any other
 * pair; quality_pairs records what they are, and learning leaves them out.
 */
export function createQualityPairs(deps: QualityDeps) {
  const { store } = deps;
  let made = 0;

  function copyOption(option: OptionRecord, label: 'A' | 'B') {
    return { id: deps.newId('opt'), label, provider: option.provider, parameters: option.parameters, origin: option.origin, prompt_version: option.prompt_version, seed: option.seed };
  }

  /** The pair and its quality_pairs row, in one transaction. */
  function create(donor: ExperimentRecord, options: ReturnType<typeof copyOption>[], mark: (id: string) => void): ExperimentRecord {
    return store.transaction(() => {
      const created = store.experiments.create({ id: deps.newId('exp'), source_sha256: donor.source_sha256, mode: donor.mode, priority: 0, options });
      mark(created.id);
      return created;
    });
  }

  function finish(experiment: ExperimentRecord, outputs: { sha256: string; from: OptionRecord }[]): ExperimentRecord {
    experiment.options.forEach((option, i) => {
      const { sha256, from } = outputs[i]!;
      store.experiments.setOptionOutput(option.id, { output_sha256: sha256, latency_ms: from.latency_ms ?? 0, cost_usd: 0, details: {} });
    });
    store.experiments.finishGeneration(experiment.id, null);
    return store.experiments.get(experiment.id)!;
  }

  async function gold(donor: ExperimentRecord, random: () => number): Promise<ExperimentRecord | null> {
    const intact = donor.options[random() < 0.5 ? 0 : 1]!;
    const path = intact.output_sha256 ? deps.imagePath(intact.output_sha256) : null;
    if (!path) return null;
    const defect = DEFECTS[Math.floor(random() * DEFECTS.length)]!;
    const broken = await deps.ingest(await breakImage(await readFile(path), defect));
    store.images.record(broken);
    const brokenLabel = random() < 0.5 ? 'A' : 'B';
    const experiment = create(donor, [copyOption(intact, 'A'), copyOption(intact, 'B')], (id) => store.quality.markGold(id, brokenLabel, defect));
    const outputs = (['A', 'B'] as const).map((label) => ({ sha256: label === brokenLabel ? broken.sha256 : intact.output_sha256!, from: intact }));
    deps.log(`gold pair ${experiment.id}: ${defect} on side ${brokenLabel}, from ${donor.id}`);
    return finish(experiment, outputs);
  }

  function repeat(original: ExperimentRecord): ExperimentRecord {
    const [a, b] = original.options as [OptionRecord, OptionRecord];
    const experiment = create(original, [copyOption(b, 'A'), copyOption(a, 'B')], (id) => store.quality.markRepeat(id, original.id));
    deps.log(`repeat pair ${experiment.id}: ${original.id} with its sides swapped`);
    return finish(experiment, [{ sha256: b.output_sha256!, from: b }, { sha256: a.output_sha256!, from: a }]);
  }

  return {
    /**
     * With the settings' chances, a gold or repeat pair in place of the next new pair (resolving once
     * it is ready); null for a normal pair, also when no rated pair is there to make one from.
     */
    next(mode: Mode): Promise<ExperimentRecord | null> | null {
      const random = mulberry32(mixSeed(deps.seed, store.experiments.total(), made++, 0x90d));
      const { gold: goldRate, repeat: repeatRate } = deps.rates();
      const roll = random();
      if (roll >= goldRate + repeatRate || store.quality.normalRatedCount(mode) < RATED_BEFORE_MEASURING) return null;
      const isGold = roll < goldRate;
      const donorId = isGold ? store.quality.goldDonor(mode, random()) : store.quality.repeatCandidate(mode);
      const donor = donorId ? store.experiments.get(donorId) : undefined;
      if (!donor || donor.options.length !== 2) return null;
      return isGold ? gold(donor, random) : Promise.resolve(repeat(donor));
    },
  };
}
export type QualityPairs = ReturnType<typeof createQualityPairs>;
