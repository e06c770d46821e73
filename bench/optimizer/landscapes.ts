import type { ProviderId } from '../../core/api';
import type { CanonicalPoint } from '../../core/optimizer';

/** The quality landscapes of the benchmark: true quality in rating units over the real space. */

export type Unit = [number, number, number];

export interface Landscape {
  name: string;
  providers: ProviderId[];
  optimum: number;
  quality(provider: ProviderId, u: Unit): number;
}

const bump = (u: Unit, centre: Unit, width: number) =>
  Math.exp(-u.reduce((s, x, i) => s + (x - centre[i]!) ** 2, 0) / (2 * width * width));

export const LANDSCAPES: Landscape[] = [
  {
    // Shared structure (guidance matters the same way for both) plus a provider-specific optimum.
    name: 'two-providers',
    providers: ['leonardo', 'stablediffusion'],
    optimum: 4.6,
    quality: (p, u) => {
      const shared = -1.2 * (u[1] - 0.55) ** 2;
      return p === 'leonardo'
        ? 2.0 + 2.2 * bump(u, [0.7, 0.55, 0.75], 0.25) + shared
        : 2.0 + 2.6 * bump(u, [0.3, 0.55, 0.35], 0.25) + shared;
    },
  },
  {
    // Good only where guidance tracks init strength closely; better with more ControlNet.
    name: 'narrow-ridge',
    providers: ['leonardo', 'stablediffusion'],
    optimum: 4.5,
    quality: (p, u) => {
      const ridge = Math.exp(-((u[1] - (0.2 + 0.6 * u[0])) ** 2) / (2 * 0.06 * 0.06));
      return 1.5 + 3 * ridge * (0.6 + 0.4 * u[2]) - (p === 'leonardo' ? 0.3 : 0);
    },
  },
  {
    // Mediocre everywhere except one region of one provider (of three).
    name: 'flat-one-region',
    providers: ['local', 'leonardo', 'stablediffusion'],
    optimum: 4.5,
    quality: (p, u) => 2.5 + (p === 'stablediffusion' ? 2 * bump(u, [0.65, 0.3, 0.6], 0.2) : 0),
  },
  {
    // Flat, with one narrow good region off-centre in one provider of two: a regret below 1
    // (quality above 3.5) takes a point within 0.14 of its centre, 1.2% of that provider's box.
    name: 'flat-narrow',
    providers: ['leonardo', 'stablediffusion'],
    optimum: 4.5,
    quality: (p, u) => 2.5 + (p === 'leonardo' ? 2 * bump(u, [0.3, 0.75, 0.35], 0.12) : 0),
  },
];

export const unitOf = (p: CanonicalPoint): Unit => [
  (p.init_strength - 0.1) / 0.4,
  (p.guidance_scale - 5) / 7,
  (p.controlnet_weight - 0.7) / 0.29,
];

export const pointOf = (provider: ProviderId, u: Unit): CanonicalPoint => ({
  provider,
  init_strength: 0.1 + 0.4 * u[0],
  guidance_scale: 5 + 7 * u[1],
  controlnet_weight: 0.7 + 0.29 * u[2],
});
