import { createHash } from 'node:crypto';
import type { PairSplit, Split, SplitFractions } from './types';

export const DEFAULT_SPLITS: SplitFractions = { train: 0.8, validation: 0.1, test: 0.1 };
export const DEFAULT_SEED = 1;

/**
 * A number in [0, 1) from the seed and a key: a hash, not a generator, so each row's draw depends
 * only on its own key and the export can stream rows in any order and still decide the same way.
 */
export function seededUniform(seed: number, purpose: string, key: string): number {
  const digest = createHash('sha256').update(`${seed}\u0000${purpose}\u0000${key}`).digest();
  return digest.readUIntBE(0, 6) / 2 ** 48;
}

/** A stable non-negative integer for an id (52 bits, exact in a double and in Parquet's int64). */
export function stableInteger(id: string): number {
  const digest = createHash('sha256').update(id).digest();
  return digest.readUIntBE(0, 6) * 16 + (digest[6]! >> 4);
}

/** The split of a source render: every pair made from one render lands in the same split. */
export function splitOfSource(seed: number, sourceSha256: string, fractions: SplitFractions = DEFAULT_SPLITS): Split {
  const u = seededUniform(seed, 'split', sourceSha256);
  if (u < fractions.train) return 'train';
  if (u < fractions.train + fractions.validation) return 'validation';
  return 'test';
}

/** True when option B should be image 0 of the pair, so image 0 is not always what the trainer saw as A. */
export function bFirst(seed: number, experimentId: string): boolean {
  return seededUniform(seed, 'side', experimentId) < 0.5;
}

export function checkFractions(f: SplitFractions): string | null {
  const values = [f.train, f.validation, f.test];
  if (values.some((v) => !Number.isFinite(v) || v < 0)) return 'Split fractions must be numbers of 0 or more.';
  if (Math.abs(values.reduce((a, b) => a + b, 0) - 1) > 1e-9) return `Split fractions must add up to 1; these add up to ${values.reduce((a, b) => a + b, 0)}.`;
  return null;
}

export const ALL_PAIR_SPLITS: readonly PairSplit[] = ['train', 'validation', 'test', 'ties', 'unlabeled'];
