import type { Link, Workflow } from './api';

/** Node ids of the bundled workflow; the output is read from the SaveImage node's entry in /history. */
export const NODE = {
  checkpoint: '1',
  positive: '2',
  negative: '3',
  source: '4',
  latent: '5',
  controlnet: '6',
  hint: '7',
  apply: '8',
  sampler: '9',
  decode: '10',
  save: '11',
} as const;

export interface WorkflowInputs {
  checkpoint: string;
  controlnetModel: string;
  prompt: string;
  negativePrompt: string;
  /** The uploaded render, as `LoadImage` names it (`subfolder/name` when it has a subfolder). */
  sourceImage: string;
  /** The uploaded control map; null to give the ControlNet the render itself. */
  hintImage: string | null;
  /** `KSampler.denoise`: higher redraws more (1 − the canonical init strength). */
  denoise: number;
  cfg: number;
  /** `ControlNetApplyAdvanced.strength`. */
  controlnetStrength: number;
  seed: number;
  steps: number;
  sampler: string;
  scheduler: string;
  filenamePrefix: string;
}

const out = (node: string, index = 0): Link => [node, index];

/**
 * img2img with one ControlNet in ComfyUI's API format, from core nodes only: the render is encoded
 * as the starting latent (so `denoise` below 1 keeps part of it), and the ControlNet holds the
 * layout on the positive and negative conditioning.
 */
export function img2imgWorkflow(w: WorkflowInputs): Workflow {
  const model = out(NODE.checkpoint, 0);
  const clip = out(NODE.checkpoint, 1);
  const vae = out(NODE.checkpoint, 2);
  return {
    [NODE.checkpoint]: { class_type: 'CheckpointLoaderSimple', inputs: { ckpt_name: w.checkpoint } },
    [NODE.positive]: { class_type: 'CLIPTextEncode', inputs: { text: w.prompt, clip } },
    [NODE.negative]: { class_type: 'CLIPTextEncode', inputs: { text: w.negativePrompt, clip } },
    [NODE.source]: { class_type: 'LoadImage', inputs: { image: w.sourceImage } },
    [NODE.latent]: { class_type: 'VAEEncode', inputs: { pixels: out(NODE.source), vae } },
    [NODE.controlnet]: { class_type: 'ControlNetLoader', inputs: { control_net_name: w.controlnetModel } },
    ...(w.hintImage === null ? {} : { [NODE.hint]: { class_type: 'LoadImage', inputs: { image: w.hintImage } } }),
    [NODE.apply]: {
      class_type: 'ControlNetApplyAdvanced',
      inputs: {
        positive: out(NODE.positive),
        negative: out(NODE.negative),
        control_net: out(NODE.controlnet),
        image: out(w.hintImage === null ? NODE.source : NODE.hint),
        strength: w.controlnetStrength,
        start_percent: 0,
        end_percent: 1,
      },
    },
    [NODE.sampler]: {
      class_type: 'KSampler',
      inputs: {
        model,
        positive: out(NODE.apply, 0),
        negative: out(NODE.apply, 1),
        latent_image: out(NODE.latent),
        seed: w.seed,
        steps: w.steps,
        cfg: w.cfg,
        sampler_name: w.sampler,
        scheduler: w.scheduler,
        denoise: w.denoise,
      },
    },
    [NODE.decode]: { class_type: 'VAEDecode', inputs: { samples: out(NODE.sampler), vae } },
    [NODE.save]: { class_type: 'SaveImage', inputs: { filename_prefix: w.filenamePrefix, images: out(NODE.decode) } },
  };
}
