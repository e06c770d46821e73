import sharp from 'sharp';
import { imageDistance } from '../core/images';
import { INDISTINCT_BELOW } from '../core/queue';

// Near-identical is what the queue's gate means by it: a distance (core/images/distance.ts) below
// INDISTINCT_BELOW, so the bench and the gate count the same pairs. The issue's own measure (decoded
// pixels that differ by less than 2/255 on average, over R, G and B at full size) is printed beside
// it: it does not share the gate's code, so a gate that let such pairs through would show there.
export const RAW_NEAR_IDENTICAL_BELOW = 2;

export interface ShownPair {
  sha256: [string, string];
  files: [string, string];
}

export interface ShownPairFigures {
  shown: number;
  identical: number;
  /** Below the gate's threshold on the gate's distance. */
  nearIdentical: number;
  /** Below RAW_NEAR_IDENTICAL_BELOW mean absolute difference of the full-size pixels. */
  nearIdenticalRaw: number;
}

async function meanAbsoluteDifference(a: string, b: string): Promise<number> {
  const first = await sharp(a).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const second = await sharp(b).removeAlpha().resize(first.info.width, first.info.height, { fit: 'fill' }).raw().toBuffer();
  let sum = 0;
  for (let i = 0; i < first.data.length; i++) sum += Math.abs(first.data[i]! - second[i]!);
  return sum / first.data.length;
}

/** Counts the identical and near-identical pairs among those shown. */
export async function shownPairFigures(pairs: readonly ShownPair[]): Promise<ShownPairFigures> {
  const figures: ShownPairFigures = { shown: pairs.length, identical: 0, nearIdentical: 0, nearIdenticalRaw: 0 };
  for (const pair of pairs) {
    if (pair.sha256[0] === pair.sha256[1]) {
      figures.identical++;
      continue;
    }
    if ((await imageDistance(pair.files[0], pair.files[1])).distance < INDISTINCT_BELOW) figures.nearIdentical++;
    if ((await meanAbsoluteDifference(pair.files[0], pair.files[1])) < RAW_NEAR_IDENTICAL_BELOW) figures.nearIdenticalRaw++;
  }
  return figures;
}

/** Sums the figures of several runs. */
export function addShownPairFigures(runs: readonly ShownPairFigures[]): ShownPairFigures {
  return runs.reduce(
    (t, r) => ({ shown: t.shown + r.shown, identical: t.identical + r.identical, nearIdentical: t.nearIdentical + r.nearIdentical, nearIdenticalRaw: t.nearIdenticalRaw + r.nearIdenticalRaw }),
    { shown: 0, identical: 0, nearIdentical: 0, nearIdenticalRaw: 0 },
  );
}

const percent = (n: number, of: number) => (of === 0 ? '—' : `${((100 * n) / of).toFixed(1)} %`);

/** The rows both benches print. */
export function shownPairRows(figures: ShownPairFigures): [string, string][] {
  return [
    [`shown pairs with identical images (target 0)`, `${percent(figures.identical, figures.shown)} (${figures.identical} of ${figures.shown})`],
    [
      `shown pairs near-identical, gate distance < ${INDISTINCT_BELOW} (target < 2 %)`,
      `${percent(figures.nearIdentical, figures.shown)} (${figures.nearIdentical} of ${figures.shown})`,
    ],
    [
      `shown pairs near-identical, < ${RAW_NEAR_IDENTICAL_BELOW}/255 mean pixel difference (the issue's measure)`,
      `${percent(figures.nearIdenticalRaw, figures.shown)} (${figures.nearIdenticalRaw} of ${figures.shown})`,
    ],
  ];
}
