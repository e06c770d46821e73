import type { Parameters } from '../../../core/api';
import type { GenerationRequest } from '../../../core/generation';

/** The seed's prompt texts (its "Current" prompt and negative prompt), as a prompt version holds them. */
export const SEED_PROMPT = {
  version: 'v1.0.0',
  prompt: 'ultra-realistic, photorealistic interior design render, 8k, sharp focus, realistic textures on all surfaces, natural lighting',
  negative_prompt: 'drawn, sketch, illustration, cartoon, blurry, distorted, warped, ugly, noisy, grainy, unreal',
};

/** The seed's current Leonardo values (init strength 0.25, guidance 7, ControlNet 0.92). */
export const SEED_SETTINGS = { init_strength: 0.25, guidance_scale: 7, controlnet_weight: 0.92 };

export function localRequest(
  sourcePath: string,
  settings: Partial<typeof SEED_SETTINGS> = {},
  prompt: Partial<typeof SEED_PROMPT> = {},
  seed = 7,
): GenerationRequest {
  const parameters: Parameters = { api: 'local', ...SEED_SETTINGS, ...settings };
  return { sourcePath, sourceSha256: 'a'.repeat(64), parameters, prompt: { ...SEED_PROMPT, ...prompt }, seed };
}
