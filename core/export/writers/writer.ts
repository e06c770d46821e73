import type { FileFacts } from '../output';
import type { ExportPair, PairSplit } from '../types';

/** A column of a format, for the dataset card. */
export interface ColumnDoc {
  name: string;
  type: string;
  description: string;
}

/** One dataset format: receives the kept pairs one at a time, in source-render order. */
export interface FormatWriter {
  write(pair: ExportPair): Promise<void>;
  /** Whether the format reads the images' bytes; when not, a source that fetches them over the network does not. */
  readsImages: boolean;
  /** Flushes what is buffered and closes the files. */
  finish(): Promise<void>;
  /** After a failure or a cancel: closes what is open and stops background work; the caller removes the folder. */
  abort(): Promise<void>;
  /** Rows written per split so far. */
  rows(): Partial<Record<PairSplit, number>>;
  /** Paths (relative, forward slashes) of the data files per split, for the card's configs. */
  dataFiles(): Partial<Record<PairSplit, string>>;
  columns: readonly ColumnDoc[];
  /** What the card says about this format's layout and how to load it. */
  layout: string;
  /** Files the writer hashed as it wrote them (relative path → facts), so the manifest need not read them back. */
  hashed?(): ReadonlyMap<string, FileFacts>;
}

/** Counts rows per split. */
export function splitCounter() {
  const counts: Partial<Record<PairSplit, number>> = {};
  return {
    add(split: PairSplit, n = 1): void {
      counts[split] = (counts[split] ?? 0) + n;
    },
    counts: () => ({ ...counts }),
  };
}
