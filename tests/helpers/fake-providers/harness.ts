import { join } from 'node:path';
import sharp from 'sharp';
import { expect } from 'vitest';
import type { Parameters } from '../../../core/api';
import { ProviderError, type GenerationProvider, type GenerationRequest, type ProviderFault } from '../../../core/generation';

/** A 1600×1200 render with some structure, written to `dir`. */
export async function writeSource(dir: string): Promise<string> {
  const file = join(dir, 'source.png');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1600" height="1200"><rect width="1600" height="1200" fill="#ddd"/><rect x="200" y="300" width="600" height="500" fill="#555"/><line x1="0" y1="900" x2="1600" y2="900" stroke="#111" stroke-width="12"/></svg>`;
  await sharp(Buffer.from(svg)).png().toFile(file);
  return file;
}

export function requestFor(sourcePath: string, parameters: Parameters, signal?: AbortSignal): GenerationRequest {
  return {
    sourcePath,
    sourceSha256: 'a'.repeat(64),
    parameters,
    prompt: { version: 'v1.0.0', prompt: 'photorealistic interior, oak floor', negative_prompt: 'cartoon, blurry' },
    seed: 1234,
    signal,
  };
}

/** Asserts a rejection is the ProviderError for `fault`, worded as `words`, and never carries `secret`. */
export async function expectFault(promise: Promise<unknown>, fault: ProviderFault, words: RegExp, secret: string): Promise<ProviderError> {
  const error = await promise.then(
    () => {
      throw new Error(`expected a ${fault} failure, but the generation succeeded`);
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ProviderError);
  const failure = error as ProviderError;
  expect({ fault: failure.fault, message: failure.message }).toMatchObject({ fault, message: expect.stringMatching(words) });
  expect(failure.code).toBe('generation_failed');
  expect(JSON.stringify(failure.toJSON())).not.toContain(secret);
  expect(failure.message).not.toContain(secret);
  return failure;
}

export const generateWith = (provider: GenerationProvider, request: GenerationRequest) => provider.generate(request);
