import { ApiError, type Parameters } from '../api';
import { toCanonical, toProviderParameters, type CanonicalPoint } from '../optimizer';

/**
 * One meaning per knob. The optimizer searches the seed's three axes, and one number means the same
 * look on every provider:
 *
 * - `init_strength` ∈ [0.1, 0.5]: how much of the source render the output keeps, in Leonardo's
 *   direction: higher stays closer to the input (0 would ignore it, 1 would return it unchanged).
 *   Providers that speak of denoising strength (Replicate's `prompt_strength`, ComfyUI's `denoise`,
 *   AUTOMATIC1111's `denoising_strength`) run the other way and get `1 − init_strength`.
 * - `guidance_scale` ∈ [5, 12]: classifier-free guidance (CFG), how literally the prompt is followed.
 *   Leonardo takes integers only.
 * - `controlnet_weight` ∈ [0.7, 0.99]: how strongly the control map (depth or edges of the render)
 *   holds the layout; sent as it is, times a per-model factor where a model's scale differs.
 *
 * Stored parameters keep the seed's names per provider (`strength` for `stablediffusion`); they hold
 * these canonical values, never a provider's raw field.
 */
export type CanonicalKnobs = Omit<CanonicalPoint, 'provider'>;

export const knobsOf = (parameters: Parameters): CanonicalKnobs => {
  const { provider: _provider, ...knobs } = toCanonical(parameters);
  return knobs;
};

const round3 = (value: number) => Number(value.toFixed(3));
const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value));

/** Leonardo v1: `init_strength` 0.1–0.9 (higher = closer), `guidance_scale` an integer 1–20. */
export function leonardoKnobs(knobs: CanonicalKnobs) {
  return {
    init_strength: clamp(round3(knobs.init_strength), 0.1, 0.9),
    guidance_scale: clamp(Math.round(knobs.guidance_scale), 1, 20),
    weight: round3(knobs.controlnet_weight),
  };
}

/** Denoising providers (Replicate's diffusers models, ComfyUI, AUTOMATIC1111): higher = further from the input. */
export function denoiseKnobs(knobs: CanonicalKnobs, controlnetScale = 1) {
  return {
    denoise: round3(clamp(1 - knobs.init_strength, 0, 1)),
    cfg: knobs.guidance_scale,
    controlnet: round3(knobs.controlnet_weight * controlnetScale),
  };
}

/** The denoising knobs of one option for the provider `api`, refusing parameters made for another provider. */
export function denoiseKnobsFor(provider: { api: Parameters['api']; label: string }, parameters: Parameters, controlnetScale = 1) {
  if (parameters.api !== provider.api) {
    throw new ApiError('generation_failed', `${provider.label} was given parameters for "${parameters.api}". Send each option to the provider its parameters were made for.`);
  }
  return denoiseKnobs(knobsOf(parameters), controlnetScale);
}

/** The canonical values Leonardo really uses: guidance rounded as it will be sent. */
export function leonardoEffective(parameters: Parameters): Parameters {
  const point = toCanonical(parameters);
  return toProviderParameters({ ...point, guidance_scale: leonardoKnobs(point).guidance_scale });
}

/** The canonical values a denoising provider really uses: init strength as 1 − the denoise sent. */
export function denoiseEffective(parameters: Parameters): Parameters {
  const point = toCanonical(parameters);
  return toProviderParameters({ ...point, init_strength: round3(1 - denoiseKnobs(point).denoise) });
}
