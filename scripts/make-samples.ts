// Draws the bundled sample renders: `npx tsx scripts/make-samples.ts`. The output is committed, and
// the script is deterministic (no clock, no randomness), so running it again changes nothing.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { ROOMS } from './samples/rooms';

export interface SampleEntry {
  id: string;
  name: string;
  file: string;
}

export const SAMPLES_DIR = fileURLToPath(new URL('../resources/samples/', import.meta.url));

/** One sample as PNG bytes: flat fills compress far better in PNG than in JPEG. */
export async function renderSample(id: string): Promise<Buffer> {
  const room = ROOMS.find((r) => r.id === id);
  if (!room) throw new Error(`No sample room "${id}"; choose one of ${ROOMS.map((r) => r.id).join(', ')}.`);
  return sharp(Buffer.from(room.draw())).png({ compressionLevel: 9 }).toBuffer();
}

/** Writes every sample and `samples.json` into `outDir`; returns the manifest. */
export async function writeSamples(outDir: string): Promise<SampleEntry[]> {
  await mkdir(outDir, { recursive: true });
  const manifest: SampleEntry[] = [];
  for (const room of ROOMS) {
    const file = `${room.id}.png`;
    await writeFile(path.join(outDir, file), await renderSample(room.id));
    manifest.push({ id: room.id, name: room.name, file });
  }
  await writeFile(path.join(outDir, 'samples.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const manifest = await writeSamples(SAMPLES_DIR);
  console.log(`Wrote ${manifest.length} samples and samples.json to resources/samples/.`);
}
