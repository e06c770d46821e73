/** One prompt version file, in the seed's format (`prompts/schema.json` validates it). */
export interface PromptVersion {
  version: string;
  created_at: string;
  created_by: string;
  parent_version: string | null;
  leonardo: {
    prompt: string;
    negative_prompt: string;
    init_strength: number;
    guidance_scale: number;
    controlnet_weight: number;
  };
  stablediffusion: {
    prompt: string;
    negative_prompt: string;
    strength: number;
    guidance_scale: number;
    controlnet_conditioning_scale: number;
  };
  performance: {
    avg_rating: number | null;
    sample_count: number;
    win_rate: number | null;
    last_used: string | null;
  };
  metadata: { description: string; tags: string[]; [key: string]: unknown };
}

export interface PromptFileProblem {
  file: string;
  message: string;
}
