import type { ExportOptionRow, ExportPairRow, RaterAnswerRow } from '../store';
import type { PromptLookup } from './pairs';

/** Where each option's image bytes are while its pair is written: a file, or null when they are not available. */
export interface StagedImages {
  a: string | null;
  b: string | null;
}

/**
 * Where an export's rows and image bytes come from: this workstation's store and images folder
 * (`local`), or the studio's PostgreSQL and S3 (`server`, in core/sync). Everything a source reads
 * belongs to one consistent moment, so counts, rater flags and rows agree even while trainers
 * keep rating.
 */
export interface ExportSource {
  /** Said in the dataset card: which data the dataset was made from. */
  description: string;
  /** Said in the dataset card: whose record of the admins' rater exclusions the rows were checked against. */
  exclusionsFrom: string;
  /** Ratings an undo retracted or a correction replaced. */
  supersededRatings(): Promise<number>;
  /** Pairs whose latest judgement is a skip. */
  skippedPairs(): Promise<number>;
  /** How many rows `pairs` yields. */
  count(withSkipped: boolean): Promise<number>;
  /** Every rating in effect (and with `withSkipped`, every skipped pair), ordered by source render. */
  pairs(withSkipped: boolean): AsyncIterable<ExportPairRow>;
  /** Every rating in effect as the rater figures read it, oldest first. */
  raterAnswers(): Promise<RaterAnswerRow[]>;
  /**
   * Makes both images of a kept pair readable as files. `bytes` false: the format writes no image,
   * so only whether each is known matters. A source that fetches images over the network throws a
   * clear error for one that should be there and is not.
   */
  stageImages(row: ExportPairRow, bytes: boolean): Promise<StagedImages>;
  /** Frees what `stageImages` fetched, once the pair is written. */
  releaseImages(staged: StagedImages): Promise<void>;
  /** Prompt texts of the versions the rows name. */
  prompts: PromptLookup;
  /** Ends the source's read; safe to call twice. */
  close(): Promise<void>;
}

export interface SourceSetup {
  /** A folder of the source's own (beside the dataset's temporary folder) for fetched images; removed after the export. */
  scratchDir: string;
}

/** Opens the source once the output folder was accepted, so a refused folder costs no connection. */
export type ExportSourceOpener = (setup: SourceSetup) => Promise<ExportSource>;

export type { ExportOptionRow, ExportPairRow, RaterAnswerRow };
