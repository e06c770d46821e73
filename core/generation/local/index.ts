import { ApiError, LeonardoStyleParametersSchema, type Parameters } from '../../api';
import type { GenerationProvider, GenerationRequest, GenerationResult } from '../provider';
import { enhance } from './pipeline';
import { jitterPlan, planEnhancement, type LocalParameters } from './plan';
import { STREAMS, substream } from './prng';

export { planEnhancement, type EnhancementPlan, type LocalParameters, type PromptPhrases } from './plan';

/** Bump when the output for the same request changes, so stored results can be told apart. */
const ENHANCER_VERSION = 'local-filters-1';

function localParameters(parameters: Parameters): LocalParameters {
  const parsed = LeonardoStyleParametersSchema.safeParse(parameters);
  if (!parsed.success || parsed.data.api !== 'local') {
    const problem = parsed.success
      ? `got parameters for "${parsed.data.api}"`
      : parsed.error.issues.map((i) => `${i.path.join('.') || 'parameters'}: ${i.message}`).join('; ');
    throw new ApiError(
      'generation_failed',
      `The local enhancer needs { api: "local", init_strength, guidance_scale, controlnet_weight } (${problem}). ` +
        'Send these parameters to the provider they were made for, or ask the optimizer for local ones.',
    );
  }
  return parsed.data;
}

/**
 * The embedded `local` provider: an offline enhancer made of image filters (sharp plus loops over
 * raw pixels). It is not a diffusion model; plan.ts documents how it mimics one.
 */
export function createLocalProvider(): GenerationProvider {
  return {
    id: 'local',
    label: 'Local enhancer (offline, not a diffusion model)',
    note:
      'Built-in image filters that react to the parameters and prompt phrases the way a diffusion model would, ' +
      'including its failure modes. Works offline and costs nothing; it invents no new detail.',
    available: () => true,
    remote: false,
    // The filters take every value in the ranges as it is.
    effectiveParameters: (parameters) => parameters,
    testConnection: async () => ({ ok: true, message: 'The local enhancer is built in and needs no connection.', balance: null }),
    async generate(request: GenerationRequest): Promise<GenerationResult> {
      const started = performance.now();
      request.signal?.throwIfAborted();
      const parameters = localParameters(request.parameters);
      const plan = jitterPlan(planEnhancement(parameters, request.prompt), substream(request.seed, STREAMS.jitter));
      let result: Awaited<ReturnType<typeof enhance>>;
      try {
        result = await enhance(request.sourcePath, plan, request.seed, request.signal);
      } catch (error) {
        if (request.signal?.aborted) throw error;
        const detail = error instanceof Error ? error.message : String(error);
        throw new ApiError(
          'generation_failed',
          `The local enhancer could not read or process the source image (${detail}). Add the image again; if it keeps failing, choose another render.`,
        );
      }
      return {
        bytes: result.bytes,
        latencyMs: performance.now() - started,
        costUsd: 0,
        details: {
          enhancer: ENHANCER_VERSION,
          width: result.width,
          height: result.height,
          matched_phrases: plan.matched,
        },
      };
    },
  };
}
