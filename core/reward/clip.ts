import { createHash } from 'node:crypto';
import { createReadStream, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { decodeForClip } from './decode';
import { clipPixelValues } from './math/clip-preprocess';
import { ModelFileError, openOnnxSession, runFloat, type OnnxSession } from './onnx-session';

/** The manifest `npm run models:fetch` reads and the app checks the installed encoder against. */
export const CLIP_MANIFEST = 'clip-vit-b32.manifest.json';

const DimSchema = z.union([z.number().int().positive(), z.string().min(1)]);
const TensorSchema = z.object({ name: z.string().min(1), shape: z.array(DimSchema).min(1) });
export const ClipManifestSchema = z.object({
  name: z.string(),
  file: z.string().regex(/^[\w.-]+\.onnx$/, 'file must be a plain .onnx file name inside models/'),
  url: z.url(),
  /** Lowercase hex; null until `npm run models:fetch` has verified a download and pinned it. */
  sha256: z.string().regex(/^[0-9a-f]{64}$/).nullable(),
  /** Where the fetch script reads the expected checksum when none is pinned yet. */
  checksum_source: z.url().optional(),
  input: TensorSchema,
  output: TensorSchema,
  preprocessing: z.object({
    size: z.number().int().positive(),
    resize: z.string(),
    crop: z.literal('centre'),
    mean: z.tuple([z.number(), z.number(), z.number()]),
    std: z.tuple([z.number(), z.number(), z.number()]),
  }),
});
export type ClipManifest = z.infer<typeof ClipManifestSchema>;

export interface ClipStatus {
  state: 'installed' | 'not_installed' | 'invalid';
  message: string;
}

export interface ClipEncoder {
  /** Names the encoder file, so features of another encoder are never mixed with these. */
  featureSet: string;
  dims: number;
  /** The L2-normalised image embedding (CLIP compares embeddings by direction, not length). */
  embed(input: string | Buffer, label?: string): Promise<Float32Array>;
  close(): Promise<void>;
}

export function readClipManifest(modelsDir: string): ClipManifest {
  const file = join(modelsDir, CLIP_MANIFEST);
  if (!existsSync(file)) throw new ModelFileError('bad_manifest', `The CLIP manifest ${CLIP_MANIFEST} is missing from the models folder.`);
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ModelFileError('bad_manifest', `The CLIP manifest is not valid JSON (${(error as Error).message}). Restore models/${CLIP_MANIFEST}.`);
  }
  const parsed = ClipManifestSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ModelFileError('bad_manifest', `The CLIP manifest is invalid at "${issue.path.join('.')}": ${issue.message}. Restore models/${CLIP_MANIFEST}.`);
  }
  return parsed.data;
}

export async function sha256OfFile(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/**
 * Loads the optional CLIP image encoder: manifest, checksum, then an onnxruntime session whose
 * input and output must match the manifest. Any problem leaves the model on classical features
 * with a status that says why; nothing here stops rating.
 */
export async function loadClipEncoder(modelsDir: string): Promise<{ encoder: ClipEncoder | null; status: ClipStatus }> {
  let manifest: ClipManifest;
  try {
    manifest = readClipManifest(modelsDir);
  } catch (error) {
    return { encoder: null, status: { state: 'invalid', message: (error as Error).message } };
  }
  const path = join(modelsDir, manifest.file);
  if (!existsSync(path)) {
    return {
      encoder: null,
      status: { state: 'not_installed', message: `The CLIP encoder is not installed: the reward model uses the classical features only. Run "npm run models:fetch" where the internet can be reached to add it.` },
    };
  }
  try {
    if (!manifest.sha256) throw new ModelFileError('checksum_mismatch', `${manifest.file} is present but the manifest pins no checksum. Run "npm run models:fetch" to verify and pin it.`);
    const actual = await sha256OfFile(path);
    if (actual !== manifest.sha256) {
      throw new ModelFileError('checksum_mismatch', `${manifest.file} does not match the manifest's checksum (sha256 ${actual.slice(0, 12)}…, expected ${manifest.sha256.slice(0, 12)}…). Delete it and run "npm run models:fetch" again.`);
    }
    const session = await openOnnxSession(path, { inputs: [manifest.input], outputs: [manifest.output] }, `The CLIP encoder ${manifest.file}`);
    return { encoder: clipEncoder(session, manifest), status: { state: 'installed', message: `${manifest.name} installed (${manifest.file}).` } };
  } catch (error) {
    return { encoder: null, status: { state: 'invalid', message: `${(error as Error).message} The reward model uses the classical features until then.` } };
  }
}

function clipEncoder(session: OnnxSession, manifest: ClipManifest): ClipEncoder {
  const dims = manifest.output.shape.at(-1);
  if (typeof dims !== 'number') throw new ModelFileError('bad_manifest', 'The CLIP manifest must give the embedding size as the last output dimension.');
  const { size } = manifest.preprocessing;
  return {
    featureSet: `clip-${manifest.sha256!.slice(0, 12)}`,
    dims,
    async embed(input, label = 'image') {
      const pixels = clipPixelValues(await decodeForClip(input, size, label), manifest.preprocessing);
      const { data } = await runFloat(session, manifest.input.name, pixels, [1, 3, size, size], manifest.output.name);
      let norm = 0;
      for (let i = 0; i < dims; i++) norm += data[i]! ** 2;
      norm = Math.sqrt(norm) || 1;
      return Float32Array.from(data.subarray(0, dims), (v) => v / norm);
    },
    close: () => session.release(),
  };
}
