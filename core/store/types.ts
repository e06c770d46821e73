import type { ExperimentStatus, Mode, OptionLabel, Outcome, Parameters, ProviderId } from '../api';

export interface ImageRecord {
  sha256: string;
  mime: 'image/jpeg' | 'image/png' | 'image/webp';
  width: number;
  height: number;
  bytes: number;
}

/** An image as the sync ships and pulls it: the record, plus its name when it is a source render. */
export interface ImageWithSource extends ImageRecord {
  source_name: string | null;
}

export interface SourceRecord extends ImageRecord {
  name: string;
  sample_id: string | null;
}

export interface OptionRecord {
  id: string;
  label: OptionLabel;
  provider: ProviderId;
  parameters: Parameters;
  origin: string;
  prompt_version: string;
  seed: number;
  output_sha256: string | null;
  latency_ms: number | null;
  cost_usd: number | null;
  predicted_rating: number | null;
  error: string | null;
}

export interface ExperimentRecord {
  id: string;
  source_sha256: string;
  mode: Mode;
  status: ExperimentStatus;
  priority: number;
  project_id: string | null;
  site_visit_id: string | null;
  created_at: string;
  ready_at: string | null;
  error: string | null;
  options: OptionRecord[];
}

export interface RatingRecord {
  id: string;
  experiment_id: string;
  rated_by: string;
  outcome: Outcome;
  rating_a: number;
  comment_a: string;
  rating_b: number;
  comment_b: string;
  shown_at: string | null;
  answered_at: string;
  /** 1 when provider, parameters, prompt version or prediction were on screen; null if not recorded. */
  details_shown: 0 | 1 | null;
}

/** One rated option: what the optimizer and the analytics learn from. */
export interface RatedOption {
  rating_id: string;
  experiment_id: string;
  mode: Mode;
  label: OptionLabel;
  provider: ProviderId;
  parameters: Parameters;
  prompt_version: string;
  rating: number;
  comment: string;
  outcome: Outcome;
  rated_by: string;
  answered_at: string;
}
