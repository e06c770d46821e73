import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { breakImage, DEFECTS, imageDistance } from '../../../core/images';
import { INDISTINCT_BELOW } from '../../../core/queue';
import { repoRoot } from '../../helpers/service';

const samples = join(repoRoot, 'resources', 'samples');
const render = readFileSync(join(samples, (JSON.parse(readFileSync(join(samples, 'samples.json'), 'utf8')) as { file: string }[])[0]!.file));

describe('gold-pair defects', () => {
  it.each(DEFECTS)('%s keeps the size and format and is plainly told apart from the render', async (defect) => {
    const broken = await breakImage(render, defect);
    const [before, after] = await Promise.all([sharp(render).metadata(), sharp(broken).metadata()]);
    expect([after.width, after.height, after.format]).toEqual([before.width, before.height, before.format]);
    // Well above the queue's "cannot be told apart" threshold (blur, the mildest on this measure, is about 3.6 times it).
    expect((await imageDistance(render, broken)).distance).toBeGreaterThan(3 * INDISTINCT_BELOW);
  });
});
