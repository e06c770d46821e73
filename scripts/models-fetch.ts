// `npm run models:fetch`: downloads the optional CLIP image encoder described by
// models/clip-vit-b32.manifest.json, verifies its sha256 and its ONNX signature, and installs it.
import { createHash } from 'node:crypto';
import { createWriteStream, existsSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { CLIP_MANIFEST, loadClipEncoder, readClipManifest, sha256OfFile, type ClipManifest } from '../core/reward';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

class FetchError extends Error {}

async function get(url: string, what: string): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(30_000), redirect: 'follow' });
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    throw new FetchError(
      `Could not reach ${new URL(url).host} for ${what} (${cause?.code ?? cause?.message ?? (error as Error).message}). ` +
        'models:fetch needs the internet; run it on a connected machine and copy models/ over. The app works without the encoder, on its classical features.',
    );
  }
  if (!response.ok) throw new FetchError(`${url} answered ${response.status} ${response.statusText} for ${what}. Check the manifest's URL.`);
  return response;
}

/** The hub's LFS checksum of the file the manifest's URL names (`…/resolve/<rev>/<path>`). */
async function hubChecksum(manifest: ClipManifest): Promise<string> {
  if (!manifest.checksum_source) throw new FetchError('The manifest pins no sha256 and names no checksum_source: add one of them.');
  const path = decodeURIComponent(new URL(manifest.url).pathname.split('/resolve/')[1]!.split('/').slice(1).join('/'));
  const entries = (await (await get(manifest.checksum_source, 'the checksum')).json()) as { path: string; lfs?: { oid?: string } }[];
  const oid = entries.find((e) => e.path === path)?.lfs?.oid;
  if (!oid || !/^[0-9a-f]{64}$/.test(oid)) throw new FetchError(`${manifest.checksum_source} lists no sha256 for ${path}.`);
  return oid;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { 'models-dir': { type: 'string', default: join(repoRoot, 'models') } } });
  const modelsDir = resolve(values['models-dir']!);
  const manifest = readClipManifest(modelsDir);
  const target = join(modelsDir, manifest.file);
  if (existsSync(target) && manifest.sha256 && (await sha256OfFile(target)) === manifest.sha256) {
    console.log(`${manifest.file} is already installed and matches the manifest.`);
    return;
  }
  const expected = manifest.sha256 ?? (await hubChecksum(manifest));
  console.log(`Downloading ${manifest.url}`);
  const response = await get(manifest.url, manifest.file);
  const partial = `${target}.partial`;
  const hash = createHash('sha256');
  const body = Readable.fromWeb(response.body as import('node:stream/web').ReadableStream);
  body.on('data', (chunk: Buffer) => hash.update(chunk));
  await pipeline(body, createWriteStream(partial));
  const actual = hash.digest('hex');
  if (actual !== expected) {
    rmSync(partial, { force: true });
    throw new FetchError(`The download's sha256 is ${actual}, expected ${expected}: it was corrupted or the file changed upstream. Nothing was installed.`);
  }
  renameSync(partial, target);
  if (!manifest.sha256) {
    writeFileSync(join(modelsDir, CLIP_MANIFEST), `${JSON.stringify({ ...manifest, sha256: actual }, null, 2)}\n`);
    console.log(`Pinned sha256 ${actual} in ${CLIP_MANIFEST}.`);
  }
  const { encoder, status } = await loadClipEncoder(modelsDir);
  await encoder?.close();
  if (status.state !== 'installed') throw new FetchError(`Downloaded, but the app cannot use it: ${status.message}`);
  console.log(status.message);
}

main().catch((error: unknown) => {
  console.error(error instanceof FetchError || (error as Error).name === 'ModelFileError' ? (error as Error).message : `models:fetch failed: ${(error as Error).stack}`);
  process.exit(1);
});
