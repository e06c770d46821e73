import type { CallOutput, Settings } from '../api';
import type { ImageStore } from '../images';
import type { PromptLibrary } from '../prompts';
import type { Queue } from '../queue';
import type { Store } from '../store';
import type { Emitter } from './events';
import type { Learning } from '../learning';
import type { RewardService } from './reward';

/** What the handlers share; built once by `createService`. */
export interface ServiceContext {
  store: Store;
  images: ImageStore;
  queue: Queue;
  learning: Learning;
  reward: RewardService;
  emitter: Emitter;
  prompts(): PromptLibrary;
  /** The seed's `prompt_evolution` block of the status. */
  promptEvolution(): CallOutput<'train.status'>['prompt_evolution'];
  settings(): Settings;
  /** Whether the rating screen shows details now: an admin's own session with details turned on. */
  detailsShown(): boolean;
  newId(prefix: string): string;
  now(): string;
  /** Told how long each phase of a `train.rate` took, in ms (benchmarks); absent, nothing is timed. */
  onRatePhases?(phases: Record<string, number>): void;
}
