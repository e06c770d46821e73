import sharp from 'sharp';

// What the issue measured on the pairs trainers were shown: byte-identical pairs, and pairs whose
// decoded pixels differ by less than 2/255 on average (mean absolute difference over R, G and B at
// full size). Independent of the queue's own distance, so it checks the gate rather than restating it.
export const NEAR_IDENTICAL_BELOW = 2;

export interface ShownPair {
  sha256: [string, string];
  files: [string, string];
}

async function meanAbsoluteDifference(a: string, b: string): Promise<number> {
  const first = await sharp(a).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const second = await sharp(b).removeAlpha().resize(first.info.width, first.info.height, { fit: 'fill' }).raw().toBuffer();
  let sum = 0;
  for (let i = 0; i < first.data.length; i++) sum += Math.abs(first.data[i]! - second[i]!);
  return sum / first.data.length;
}

/** Counts the identical and near-identical pairs among those shown. */
export async function shownPairFigures(pairs: readonly ShownPair[]): Promise<{ shown: number; identical: number; nearIdentical: number }> {
  let identical = 0;
  let nearIdentical = 0;
  for (const pair of pairs) {
    if (pair.sha256[0] === pair.sha256[1]) identical++;
    else if ((await meanAbsoluteDifference(pair.files[0], pair.files[1])) < NEAR_IDENTICAL_BELOW) nearIdentical++;
  }
  return { shown: pairs.length, identical, nearIdentical };
}

const percent = (n: number, of: number) => (of === 0 ? '—' : `${((100 * n) / of).toFixed(1)} %`);

/** The two rows both benches print. */
export function shownPairRows(figures: { shown: number; identical: number; nearIdentical: number }): [string, string][] {
  return [
    [`shown pairs with identical images (target 0)`, `${percent(figures.identical, figures.shown)} (${figures.identical} of ${figures.shown})`],
    [`shown pairs near-identical, < ${NEAR_IDENTICAL_BELOW}/255 mean difference (target < 2 %)`, `${percent(figures.nearIdentical, figures.shown)} (${figures.nearIdentical} of ${figures.shown})`],
  ];
}
