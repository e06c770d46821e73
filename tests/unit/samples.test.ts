import { mkdtemp, readFile, readdir, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterEach, describe, expect, it } from 'vitest';
import { SAMPLES_DIR, writeSamples, type SampleEntry } from '../../scripts/make-samples';

const temps: string[] = [];
afterEach(async () => {
  await Promise.all(temps.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});
const tempDir = async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'latina-samples-'));
  temps.push(dir);
  return dir;
};

describe('sample renders', () => {
  it('are drawn deterministically: two runs give identical files', async () => {
    const [a, b] = [await tempDir(), await tempDir()];
    const manifest = await writeSamples(a);
    expect(await writeSamples(b)).toEqual(manifest);
    const files = (await readdir(a)).sort();
    expect(files).toEqual((await readdir(b)).sort());
    for (const file of files) expect((await readFile(path.join(a, file))).equals(await readFile(path.join(b, file)))).toBe(true);
  });

  it('match the committed manifest: every listed file exists, decodes at 1024×768 and stays small', async () => {
    const manifest = JSON.parse(await readFile(path.join(SAMPLES_DIR, 'samples.json'), 'utf8')) as SampleEntry[];
    expect(manifest.map((s) => s.id)).toEqual(['living-room', 'kitchen', 'bedroom', 'bathroom', 'office']);
    expect(manifest.map((s) => s.id)).toEqual((await writeSamples(await tempDir())).map((s) => s.id));
    for (const sample of manifest) {
      expect(sample.name.length).toBeGreaterThan(0);
      const file = path.join(SAMPLES_DIR, sample.file);
      const meta = await sharp(file).metadata();
      expect([meta.width, meta.height]).toEqual([1024, 768]);
      await sharp(file, { failOn: 'truncated' }).raw().toBuffer();
      expect((await stat(file)).size).toBeLessThan(400 * 1024);
    }
  });

  it('have the flat montage look: a room box of flat fills (floor differs from ceiling, no gradients)', async () => {
    for (const id of ['living-room', 'kitchen', 'bedroom', 'bathroom', 'office']) {
      const { data, info } = await sharp(path.join(SAMPLES_DIR, `${id}.png`)).removeAlpha().raw().toBuffer({ resolveWithObject: true });
      const pixels = info.width * info.height;
      const counts = new Map<number, number>();
      for (let i = 0; i < data.length; i += 3) {
        const key = (data[i]! << 16) | (data[i + 1]! << 8) | data[i + 2]!;
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
      // Flat fills: a handful of colours, each covering a visible area, make up nearly the whole image.
      const fills = [...counts.values()].filter((n) => n >= pixels * 0.002);
      expect(fills.length, id).toBeGreaterThanOrEqual(10);
      expect(fills.reduce((a, b) => a + b, 0) / pixels, id).toBeGreaterThan(0.85);
      const rowMean = (y: number) => {
        let sum = 0;
        for (let x = 0; x < info.width; x += 1) sum += data[(y * info.width + x) * 3 + 1]!;
        return sum / info.width;
      };
      expect(Math.abs(rowMean(5) - rowMean(info.height - 5)), id).toBeGreaterThan(25);
    }
  });
});
