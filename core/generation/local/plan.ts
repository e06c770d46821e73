/*
 * How the local enhancer turns parameters and prompt phrases into effect amounts.
 *
 * This is an OFFLINE STAND-IN for a diffusion model built from classic image filters. It imitates
 * how the real parameters behave (including how they fail when pushed too far) so that the
 * optimizer, the prompt evolution and the trainers have something real to learn from without a
 * network, keys or a GPU. It does not generate new content.
 *
 * | input                                   | effect                                        | why it looks worse when overdone                    |
 * |-----------------------------------------|-----------------------------------------------|-----------------------------------------------------|
 * | init_strength 0.1 … 0.3                 | reach: how much of every effect is applied    | too low (0.1): the flat montage look stays           |
 * | init_strength 0.3 … 0.5                 | artefacts: grain, smeared patches, ghosting   | hallucination-like: doubled edges, smudges, noise    |
 * | guidance_scale (÷ 7)                    | push: multiplies every prompt effect          | above ~8.5: oversaturation, crushed/clipped          |
 * |                                         | and the weight of the negative prompt         | contrast, wide sharpening halos ("fried" CFG look)   |
 * | controlnet_weight (low) × strength      | structure drift (warp) and ghosting           | walls bend, furniture doubles                        |
 * | controlnet_weight (lower = freer)       | freedom: effects ×0.8 (0.99) … ×1.2 (0.7)     | (with drift and ghosting, see above)                 |
 * | controlnet_weight 0.93 … 0.99           | mute: effects fade to 25 %                    | output stays as flat as the source                   |
 * | (every request)                         | small lighting, shading, texture, clarity     | (what any img2img pass adds, even with no prompt)    |
 * | seed                                    | ±4 % jitter of every amount; the grain,       | — (never the look: see tests/unit/generation)        |
 * |                                         |   texture, warp and ghost patterns            |                                                      |
 * | "natural lighting", "soft daylight",    | light: bounce-light gradient from the bright  | blown highlights, grey vignette                      |
 * |   "global illumination", "sunlight"…    |   areas, lifted shadows, gentle vignette      |                                                      |
 * | "ambient occlusion", "soft shadows"…    | shading: darkening just below edges (contact  | dirty dark halos around everything                   |
 * |                                         |   shadows, light from above) + a little depth |                                                      |
 * | "sharp focus", "8k", "crisp",           | sharpen: unsharp mask                         | halos and crunchy edges                              |
 * |   "highly detailed"…                    |                                               |                                                      |
 * | "depth of field", "depth", "bokeh"…     | depth: blur rising towards the top and        | half the room out of focus                           |
 * |                                         |   bottom bands (ceiling, near floor)          |                                                      |
 * | "warm", "golden hour", "cozy"           | warmth > 0: white balance to amber            | orange cast                                          |
 * | "cool", "daylight", "overcast"          | warmth < 0: white balance to blue             | cold blue cast                                       |
 * | "hdr", "high dynamic range",            | hdr: tone curve + wide local contrast         | crushed shadows, clipped whites, cartoon edges       |
 * |   "contrast", "dramatic"                |                                               |                                                      |
 * | "realistic textures", "texture", "pbr"  | texture: fine material noise on flat areas    | surfaces look dirty/stippled                         |
 * |                                         |   + clarity (mid-radius local contrast)       |                                                      |
 * | "vibrant", "rich colors", "saturated"   | saturation gain; "muted", "matte" reduce it   | neon, cartoon colours                                |
 * | "film grain", "35mm", "analog"          | grain                                         | noisy                                                |
 * | "photorealistic", "realistic", "photo"  | a little light, shading, texture, clarity     | (stacks with the above)                              |
 * | negative "noisy", "grainy", "noise"     | cuts grain (artefact and prompt)              | —                                                    |
 * | negative "blurry", "out of focus"       | more sharpening, less depth blur and smear    | —                                                    |
 * | negative "oversaturated", "cartoon",    | restrains saturation, incl. guidance overdrive| —                                                    |
 * |   "garish", "neon"                      |                                               |                                                      |
 * | negative "distorted", "warped",         | cuts structure drift and ghosting             | —                                                    |
 * |   "deformed"                            |                                               |                                                      |
 * | negative "overexposed", "washed out"    | restrains light and contrast overdrive        | —                                                    |
 * | negative "dark", "underexposed"         | more light                                    | —                                                    |
 * | negative "flat", "drawn", "sketch",     | more shading, texture and light (away from    | —                                                    |
 * |   "illustration", "cgi", "unreal"…      |   the flat montage look)                      |                                                      |
 * | negative "halo", "oversharpened"        | narrower sharpening halos                     | —                                                    |
 *
 * Phrases match case-insensitively as whole words inside the comma-separated parts of the prompt.
 * Negative phrases are weighted by guidance too (classifier-free guidance pushes away from the
 * negative prompt as hard as towards the positive one), capped at 1.5×.
 */

export interface LocalParameters {
  init_strength: number;
  guidance_scale: number;
  controlnet_weight: number;
}

export interface PromptPhrases {
  prompt: string;
  negative_prompt: string;
}

/** Effect amounts; 1 means "strong but tasteful" for the prompt effects. */
export interface EnhancementPlan {
  light: number;
  shading: number;
  sharpen: number;
  /** Gaussian sigma of the sharpening, in pixels at 1024 px long edge; wide = halos. */
  sharpenRadius: number;
  depth: number;
  /** Signed: > 0 warmer, < 0 cooler. */
  warmth: number;
  hdr: number;
  clarity: number;
  /** Signed saturation gain. */
  saturation: number;
  texture: number;
  /** Grain standard deviation in 8-bit levels. */
  grain: number;
  /** Guidance overdrive: global contrast stretch that clips. */
  overdrive: number;
  smear: number;
  ghosting: number;
  /** Peak warp displacement in pixels at 1024 px long edge. */
  drift: number;
  matched: { prompt: string[]; negative: string[] };
}

type PromptEffect = 'light' | 'shading' | 'sharpen' | 'depth' | 'warmth' | 'hdr' | 'clarity' | 'saturation' | 'texture' | 'grain';
type Restraint = 'grain' | 'depth' | 'smear' | 'saturationOverdrive' | 'drift' | 'ghosting' | 'light' | 'overdrive' | 'halo';

interface PromptRule {
  phrases: readonly string[];
  add: Partial<Record<PromptEffect, number>>;
}

interface NegativeRule extends PromptRule {
  /** Fraction cut from an amount at guidance 7; scaled with guidance like the rest. */
  cut: Partial<Record<Restraint, number>>;
}

const PROMPT_RULES: readonly PromptRule[] = [
  { phrases: ['natural lighting', 'natural light', 'soft daylight', 'global illumination', 'soft lighting', 'soft light', 'sunlight', 'volumetric lighting', 'well lit'], add: { light: 0.6 } },
  { phrases: ['ambient occlusion', 'contact shadows', 'soft shadows', 'realistic shadows'], add: { shading: 0.6, depth: 0.15 } },
  { phrases: ['sharp focus', 'sharp', '8k', '4k', 'crisp', 'highly detailed', 'ultra detailed', 'detailed'], add: { sharpen: 0.5 } },
  { phrases: ['depth of field', 'depth', 'bokeh', 'shallow focus'], add: { depth: 0.6 } },
  { phrases: ['warm', 'warm lighting', 'golden hour', 'cozy', 'cosy'], add: { warmth: 0.6 } },
  { phrases: ['cool', 'daylight', 'overcast', 'nordic'], add: { warmth: -0.5 } },
  { phrases: ['hdr', 'high dynamic range', 'contrast', 'dramatic'], add: { hdr: 0.6 } },
  { phrases: ['realistic textures', 'textures', 'texture', 'pbr', 'detailed materials'], add: { texture: 0.6, clarity: 0.4 } },
  { phrases: ['clarity', 'local contrast', 'micro contrast'], add: { clarity: 0.5 } },
  { phrases: ['vibrant', 'rich colors', 'rich colours', 'saturated', 'colorful', 'colourful'], add: { saturation: 0.5 } },
  { phrases: ['muted', 'desaturated', 'matte'], add: { saturation: -0.4 } },
  { phrases: ['film grain', '35mm', 'analog', 'grain'], add: { grain: 0.5 } },
  { phrases: ['photorealistic', 'ultra-realistic', 'realistic', 'photo', 'photograph', 'raw photo'], add: { light: 0.15, shading: 0.2, texture: 0.15, clarity: 0.1 } },
];

const NEGATIVE_RULES: readonly NegativeRule[] = [
  { phrases: ['noisy', 'noise', 'grainy', 'grain'], add: {}, cut: { grain: 0.6 } },
  { phrases: ['blurry', 'blur', 'out of focus', 'soft focus', 'smudged'], add: { sharpen: 0.25 }, cut: { depth: 0.4, smear: 0.4 } },
  { phrases: ['oversaturated', 'saturated', 'cartoon', 'garish', 'neon'], add: { saturation: -0.25 }, cut: { saturationOverdrive: 0.45 } },
  { phrases: ['distorted', 'warped', 'deformed', 'disfigured'], add: {}, cut: { drift: 0.45, ghosting: 0.4 } },
  { phrases: ['overexposed', 'blown out', 'washed out', 'blown highlights'], add: {}, cut: { light: 0.3, overdrive: 0.35 } },
  { phrases: ['dark', 'underexposed', 'gloomy'], add: { light: 0.2 }, cut: {} },
  { phrases: ['flat', 'drawn', 'sketch', 'illustration', 'cartoon', 'cgi', '3d render', 'unreal', 'plastic'], add: { shading: 0.15, texture: 0.15, light: 0.1 }, cut: {} },
  { phrases: ['halo', 'halos', 'oversharpened'], add: {}, cut: { halo: 0.5 } },
];

/** What any img2img pass adds even with an empty prompt: the model's prior towards photographs. */
const PRIOR: Partial<Record<PromptEffect, number>> = { light: 0.25, shading: 0.25, texture: 0.2, clarity: 0.15 };

const clamp = (v: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, v));
const smoothstep = (edge0: number, edge1: number, v: number): number => {
  const t = clamp((v - edge0) / (edge1 - edge0), 0, 1);
  return t * t * (3 - 2 * t);
};

function parts(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[,;.\n]+/)
    .map((p) => p.trim())
    .filter(Boolean);
}

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The first phrase of `rule` found as whole words in one of `texts`, or null. */
function match(rule: PromptRule, texts: readonly string[]): string | null {
  for (const phrase of rule.phrases) {
    const pattern = new RegExp(`(^|[^a-z0-9])${escapeRegExp(phrase)}([^a-z0-9]|$)`);
    if (texts.some((t) => pattern.test(t))) return phrase;
  }
  return null;
}

/** Pure: the effect amounts for one request, before the seed's small jitter. */
export function planEnhancement(parameters: LocalParameters, prompt: PromptPhrases): EnhancementPlan {
  const { init_strength: strength, guidance_scale: guidance, controlnet_weight: control } = parameters;
  const travel = clamp((strength - 0.1) / 0.4, 0, 1);
  const reach = clamp((strength - 0.05) / 0.25, 0, 1);
  const excess = smoothstep(0.3, 0.5, strength);
  const looseness = clamp((0.99 - control) / 0.29, 0, 1);
  const mute = 0.75 * smoothstep(0.93, 0.99, control);
  // A looser ControlNet leaves the model more freedom to restyle, for better and for worse.
  const freedom = 0.8 + 0.4 * looseness;
  const push = guidance / 7;
  const overdriven = smoothstep(8.5, 12, guidance);
  const negativeWeight = Math.min(1.5, push);

  const wanted: Record<PromptEffect, number> = { light: 0, shading: 0, sharpen: 0, depth: 0, warmth: 0, hdr: 0, clarity: 0, saturation: 0, texture: 0, grain: 0 };
  const keep: Record<Restraint, number> = { grain: 1, depth: 1, smear: 1, saturationOverdrive: 1, drift: 1, ghosting: 1, light: 1, overdrive: 1, halo: 1 };
  const matched = { prompt: [] as string[], negative: [] as string[] };
  const addAll = (add: PromptRule['add'], weight: number) => {
    for (const [effect, amount] of Object.entries(add) as Array<[PromptEffect, number]>) wanted[effect] += amount * weight;
  };

  addAll(PRIOR, 1);
  const positive = parts(prompt.prompt);
  for (const rule of PROMPT_RULES) {
    const hit = match(rule, positive);
    if (hit === null) continue;
    matched.prompt.push(hit);
    addAll(rule.add, 1);
  }
  const negative = parts(prompt.negative_prompt);
  for (const rule of NEGATIVE_RULES) {
    const hit = match(rule, negative);
    if (hit === null) continue;
    matched.negative.push(hit);
    addAll(rule.add, negativeWeight);
    for (const [what, cut] of Object.entries(rule.cut) as Array<[Restraint, number]>) keep[what] *= clamp(1 - cut * negativeWeight, 0.05, 1);
  }

  const scale = push * reach * freedom * (1 - mute);
  // Stacking many phrases for one effect saturates, as piling synonyms into a real prompt does.
  const amount = (effect: PromptEffect) => clamp(wanted[effect], -1.2, 1.5) * scale;

  return {
    light: amount('light') * keep.light,
    shading: amount('shading'),
    sharpen: amount('sharpen') + 0.6 * overdriven,
    sharpenRadius: 1 + 2.5 * overdriven * keep.halo,
    depth: amount('depth') * keep.depth,
    warmth: amount('warmth'),
    hdr: amount('hdr'),
    clarity: amount('clarity'),
    saturation: amount('saturation') + 0.8 * overdriven * keep.saturationOverdrive,
    texture: amount('texture'),
    grain: (4 * amount('grain') + 7 * excess) * keep.grain,
    overdrive: 0.6 * overdriven * keep.overdrive,
    smear: 0.55 * excess * keep.smear,
    ghosting: Math.min(0.45, 0.3 * excess * (0.4 + looseness) + 0.3 * travel * looseness ** 1.5) * keep.ghosting,
    drift: 14 * (travel * looseness) ** 1.5 * keep.drift,
    matched,
  };
}

const JITTERED = ['light', 'shading', 'sharpen', 'depth', 'warmth', 'hdr', 'clarity', 'saturation', 'texture', 'grain', 'smear', 'ghosting', 'drift'] as const;

/** The seed's share: every amount moves by at most ±4 %, enough to tell seeds apart, never the look. */
export function jitterPlan(plan: EnhancementPlan, random: () => number): EnhancementPlan {
  const jittered = { ...plan };
  for (const key of JITTERED) jittered[key] = plan[key] * (1 + 0.04 * (2 * random() - 1));
  return jittered;
}
