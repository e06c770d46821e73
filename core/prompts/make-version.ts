import type { PromptVersion } from './types';

// A new version derived from its parent: the prompt texts change, the parent's generation settings
// are kept (the optimizer owns those), performance starts empty.

export interface NewVersionInput {
  version: string;
  parent: PromptVersion;
  prompt: string;
  negative_prompt: string;
  created_by: string;
  created_at: string;
  description: string;
  tags: string[];
  extra?: Record<string, unknown>;
}

/**
 * One evolved text serves both providers: Leonardo's block (which the local enhancer also reads)
 * and Stable Diffusion's, as in v1.0.0 where both carry the same prompt.
 */
export function makeVersion(input: NewVersionInput): PromptVersion {
  return {
    version: input.version,
    created_at: input.created_at,
    created_by: input.created_by,
    parent_version: input.parent.version,
    leonardo: { ...input.parent.leonardo, prompt: input.prompt, negative_prompt: input.negative_prompt },
    stablediffusion: { ...input.parent.stablediffusion, prompt: input.prompt, negative_prompt: input.negative_prompt },
    performance: { avg_rating: null, sample_count: 0, win_rate: null, last_used: null },
    metadata: { description: input.description, tags: input.tags, ...input.extra },
  };
}
