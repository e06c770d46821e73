import { z } from 'zod';
import { ProviderError, redact, type RemoteContext } from '../remote';

export const DEFAULT_REPLICATE_URL = 'https://api.replicate.com/v1';

export const Prediction = z.object({
  id: z.string().min(1),
  status: z.enum(['starting', 'processing', 'succeeded', 'failed', 'canceled', 'aborted']),
  output: z.union([z.string(), z.array(z.string())]).nullish(),
  error: z.unknown().nullish(),
  metrics: z.object({ predict_time: z.number().nullish() }).nullish(),
});
export type PredictionReply = z.infer<typeof Prediction>;

export const Account = z.object({ username: z.string().nullish(), type: z.string().nullish() });

/** The model returns its preprocessed control maps first, then `out-N.png`: keep the first output. */
export function outputUrl(output: PredictionReply['output']): string | null {
  const list = output === null || output === undefined ? [] : Array.isArray(output) ? output : [output];
  return list.find((url) => /\/out-\d+\.[a-z]+$/i.test(url)) ?? list.at(-1) ?? null;
}

/** A prediction that ended without an image, worded by why. */
export function endedWithout(ctx: RemoteContext, prediction: PredictionReply): ProviderError {
  const said = redact(typeof prediction.error === 'string' ? prediction.error : JSON.stringify(prediction.error ?? null), ctx.secrets);
  if (/nsfw/i.test(said)) {
    return new ProviderError('refused', `Replicate's safety checker refused this generation (${said}). Nothing was kept; change the prompt's wording or use another source render.`);
  }
  if (prediction.status === 'failed') {
    return new ProviderError('failed', `The Replicate prediction ${prediction.id} failed (${said}). Try again; if it repeats, check the pinned model version.`);
  }
  return new ProviderError('failed', `The Replicate prediction ${prediction.id} ended as ${prediction.status} without an output. Try again; a prediction is aborted when it cannot start before its deadline.`);
}
