import { PARAMETER_RANGES, PROVIDER_IDS, type Mode, type Parameters, type ProviderId } from '../api';

/** A point of the seed's space in one naming, whatever the provider calls its parameters. */
export interface CanonicalPoint {
  provider: ProviderId;
  init_strength: number;
  guidance_scale: number;
  controlnet_weight: number;
}

export const CONTINUOUS_DIMENSIONS = ['init_strength', 'guidance_scale', 'controlnet_weight'] as const;

// The seed's "Current" values: init strength 0.25 (structure) / 0.3 (surfaces) for Leonardo and 0.2
// for SD; guidance 7.0 Leonardo / 7.5 SD; ControlNet 0.92 Leonardo / 0.95 SD. The local enhancer
// mimics Leonardo's parameters, so it starts from Leonardo's values.
export function seedCurrentValues(mode: Mode, provider: ProviderId): CanonicalPoint {
  if (provider === 'stablediffusion') {
    return { provider, init_strength: 0.2, guidance_scale: 7.5, controlnet_weight: 0.95 };
  }
  return { provider, init_strength: mode === 'surfaces' ? 0.3 : 0.25, guidance_scale: 7.0, controlnet_weight: 0.92 };
}

const round = (value: number, digits: number) => Number(value.toFixed(digits));

/** The provider's own parameter names (the seed's suggestion format). */
export function toProviderParameters(point: CanonicalPoint): Parameters {
  const init = round(point.init_strength, 3);
  const guidance = round(point.guidance_scale, 2);
  const control = round(point.controlnet_weight, 3);
  if (point.provider === 'stablediffusion') {
    return { api: 'stablediffusion', strength: init, guidance_scale: guidance, controlnet_conditioning_scale: control };
  }
  return { api: point.provider, init_strength: init, guidance_scale: guidance, controlnet_weight: control };
}

export function toCanonical(parameters: Parameters): CanonicalPoint {
  if (parameters.api === 'stablediffusion') {
    return {
      provider: 'stablediffusion',
      init_strength: parameters.strength,
      guidance_scale: parameters.guidance_scale,
      controlnet_weight: parameters.controlnet_conditioning_scale,
    };
  }
  return {
    provider: parameters.api,
    init_strength: parameters.init_strength,
    guidance_scale: parameters.guidance_scale,
    controlnet_weight: parameters.controlnet_weight,
  };
}

/** Maps u in [0,1) onto a dimension's range. */
export function fromUnit(dimension: (typeof CONTINUOUS_DIMENSIONS)[number], u: number): number {
  const { min, max } = PARAMETER_RANGES[dimension];
  return min + u * (max - min);
}

/** Maps a value of a dimension onto [0,1] (the inverse of fromUnit). */
export function toUnit(dimension: (typeof CONTINUOUS_DIMENSIONS)[number], value: number): number {
  const { min, max } = PARAMETER_RANGES[dimension];
  return (value - min) / (max - min);
}

/** What one optimizer searches: the enabled providers; the continuous ranges are PARAMETER_RANGES. */
export interface OptimizerSpace {
  /** In PROVIDER_IDS order whatever order they were enabled in, so settings order changes nothing. */
  providers: readonly ProviderId[];
}

export function createSpace(providers: readonly ProviderId[]): OptimizerSpace {
  if (providers.length === 0) throw new Error('The optimizer needs at least one provider: enable one in Settings.');
  const seen = new Set<string>();
  for (const provider of providers) {
    if (!(PROVIDER_IDS as readonly string[]).includes(provider)) {
      throw new Error(`Unknown provider "${String(provider)}": use one of ${PROVIDER_IDS.join(', ')}.`);
    }
    if (seen.has(provider)) throw new Error(`Provider "${provider}" is listed twice: list each provider once.`);
    seen.add(provider);
  }
  return { providers: PROVIDER_IDS.filter((id) => seen.has(id)) };
}
