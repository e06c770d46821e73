import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ExperimentRecord, LocalImage, LocalOption, OutboxBatch, QualityPairRow, RatingRecord, Store } from '../store';
import { SyncError } from './errors';

export interface RetractionPayload {
  id: string;
  experiment_id: string;
  supersedes: string;
  rated_by: string;
  answered_at: string;
}

export interface SkipPayload {
  id: string;
  experiment_id: string;
  rated_by: string;
  reason: string;
  skipped_at: string;
}

export interface PromptVersionPayload {
  version: string;
  file: string;
  sha256: string;
  parent_version: string | null;
  created_at: string;
  created_by: string;
}

/** What a decision to make a prompt version current looks like in the outbox. */
export interface PromptDecisionPayload {
  id: string;
  version: string;
  decided_by: string;
  decided_at: string;
  note?: string;
}

export interface ShippedPromptVersion extends PromptVersionPayload {
  /** The version file exactly as on disk; null when the file has gone missing. */
  text: string | null;
}

/** Everything one outbox batch puts on the server, gathered before any network call. */
export interface Shipment {
  batchId: string;
  workstationId: string;
  images: LocalImage[];
  experiments: ExperimentRecord[];
  /** Gold and repeat marks of this batch's experiments: they travel with their pair. */
  qualityPairs: QualityPairRow[];
  ratings: RatingRecord[];
  retractions: RetractionPayload[];
  skips: SkipPayload[];
  promptVersions: ShippedPromptVersion[];
  decisions: PromptDecisionPayload[];
  /** Options of every experiment a rating, retraction or skip of this batch refers to. */
  options: Map<string, LocalOption[]>;
  /** Mode and source of those experiments, for the NDJSON lines. */
  context: Map<string, { mode: string; source_sha256: string }>;
}

const VERSION_FILE = /^v\d+\.\d+\.\d+\.json$/;

export async function assembleShipment(store: Store, batch: OutboxBatch, promptVersionsDir: string): Promise<Shipment> {
  const shipment: Shipment = {
    batchId: batch.id,
    workstationId: store.sync.workstationId,
    images: [],
    experiments: [],
    qualityPairs: [],
    ratings: [],
    retractions: [],
    skips: [],
    promptVersions: [],
    decisions: [],
    options: new Map(),
    context: new Map(),
  };
  const imageShas = new Set<string>();
  for (const item of batch.items) {
    switch (item.entity) {
      case 'experiment': {
        const experiment = item.payload as ExperimentRecord;
        shipment.experiments.push(experiment);
        imageShas.add(experiment.source_sha256);
        for (const option of experiment.options) if (option.output_sha256) imageShas.add(option.output_sha256);
        break;
      }
      case 'rating':
        shipment.ratings.push(item.payload as RatingRecord);
        break;
      case 'retraction':
        shipment.retractions.push(item.payload as RetractionPayload);
        break;
      case 'skip':
        shipment.skips.push(item.payload as SkipPayload);
        break;
      case 'image':
        imageShas.add((item.payload as { sha256: string }).sha256);
        break;
      case 'prompt_version': {
        const meta = item.payload as PromptVersionPayload;
        // The file name comes from the local index; anything but vX.Y.Z.json never becomes a path.
        const text = VERSION_FILE.test(meta.file)
          ? await readFile(join(promptVersionsDir, meta.file), 'utf8').catch(() => null)
          : null;
        shipment.promptVersions.push({ ...meta, text });
        break;
      }
      case 'prompt_decision':
        shipment.decisions.push(item.payload as PromptDecisionPayload);
        break;
      default:
        throw new SyncError(
          'fatal',
          `Outbox row ${item.seq} is of a kind this app cannot ship (${item.entity}).`,
          'Install the newest version of the workstation app; the row stays in the outbox until then.',
        );
    }
  }
  const judged = [...shipment.ratings, ...shipment.retractions, ...shipment.skips].map((r) => r.experiment_id);
  // A skipped failed pair was never announced: it travels with its skip, or the server's foreign
  // key would refuse the skip and hold up every batch after it.
  for (const id of store.sync.unannounced(judged)) {
    const experiment = store.experiments.get(id);
    if (!experiment || shipment.experiments.some((e) => e.id === id)) continue;
    shipment.experiments.push(experiment);
    imageShas.add(experiment.source_sha256);
    for (const option of experiment.options) if (option.output_sha256) imageShas.add(option.output_sha256);
  }
  shipment.qualityPairs = store.quality.marks(shipment.experiments.map((e) => e.id));
  shipment.images = store.sync.images(imageShas);
  for (const option of store.sync.options(judged)) {
    const list = shipment.options.get(option.experiment_id) ?? [];
    list.push(option);
    shipment.options.set(option.experiment_id, list);
  }
  for (const e of store.sync.experiments(judged)) shipment.context.set(e.id, { mode: e.mode, source_sha256: e.source_sha256 });
  return shipment;
}
