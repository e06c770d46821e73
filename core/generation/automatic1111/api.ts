import { z } from 'zod';

export const DEFAULT_AUTOMATIC1111_URL = 'http://127.0.0.1:7860';

export const Img2ImgReply = z.object({ images: z.array(z.string()).min(1), info: z.string().nullish() });
export const SdModels = z.array(z.object({ title: z.string(), model_name: z.string().nullish() }));
export const ControlNetModels = z.object({ model_list: z.array(z.string()) });
export const ControlNetModules = z.object({ module_list: z.array(z.string()) });

/** What the server offers, for choosing the checkpoint and the ControlNet model and module. */
export interface Automatic1111Models {
  checkpoints: string[];
  controlnetModels: string[];
  controlnetModules: string[];
}

/** The seed the server really used, from `info` (a JSON string); null when it cannot be read. */
export function seedFromInfo(info: string | null | undefined): number | null {
  if (!info) return null;
  try {
    const seed = (JSON.parse(info) as { seed?: unknown }).seed;
    return typeof seed === 'number' ? seed : null;
  } catch {
    return null;
  }
}
