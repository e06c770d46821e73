import { z } from 'zod';
import { ProviderError, providerWords, redact, statusError, type HttpRequest, type HttpResponse, type RemoteContext } from '../remote';

export const DEFAULT_LEONARDO_URL = 'https://cloud.leonardo.ai/api/rest/v1';

/** Depth and Edge ControlNet preprocessor ids per base-model family (Leonardo's "Other ControlNets" table). */
export const PREPROCESSORS = {
  sd15: { depth: 3, edge: 1 },
  sd21: { depth: 13, edge: 12 },
  sdxl: { depth: 20, edge: 19 },
} as const;
export type LeonardoModelFamily = keyof typeof PREPROCESSORS;

export const InitImageReply = z.object({
  uploadInitImage: z.object({ id: z.string().min(1), url: z.string().url(), fields: z.string() }),
});

export const CreateReply = z.object({
  sdGenerationJob: z.object({ generationId: z.string().min(1), apiCreditCost: z.number().nullish() }),
});

export const GenerationReply = z.object({
  generations_by_pk: z
    .object({
      id: z.string(),
      status: z.enum(['PENDING', 'COMPLETE', 'FAILED']),
      generated_images: z.array(z.object({ id: z.string(), url: z.string().url(), nsfw: z.boolean().nullish() })).nullish(),
    })
    .nullable(),
});

export const MeReply = z.object({
  user_details: z
    .array(
      z.object({
        user: z.object({ username: z.string().nullish() }).nullish(),
        apiSubscriptionTokens: z.number().nullish(),
        apiPaidTokens: z.number().nullish(),
        apiConcurrencySlots: z.number().nullish(),
      }),
    )
    .min(1),
});

const AUTH_WORDS = /authori[sz]ation hook|access-denied|unauthori[sz]ed|invalid api key/i;
const PAYMENT_WORDS = /not enough|insufficient|out of (api )?(credits|tokens)|no (api )?(credits|tokens) left|payment/i;
const MODERATION_WORDS = /moderat|nsfw|inappropriate|content (policy|filter)|prohibited/i;

/**
 * Leonardo answers errors in a GraphQL shape, `{ error, path, code }`, and its docs give no status
 * codes, so a 2xx carrying `error` is a failure too; the words decide which one when the status
 * alone does not.
 */
export function leonardoFailure(ctx: RemoteContext, request: HttpRequest, response: HttpResponse): ProviderError | null {
  const ok = response.status >= 200 && response.status <= 299;
  let hasError = false;
  try {
    const json = JSON.parse(response.body.toString('utf8')) as unknown;
    hasError = typeof json === 'object' && json !== null && 'error' in json;
  } catch {
    hasError = false;
  }
  if (ok && !hasError) return null;
  const words = providerWords(response.body) ?? '';
  const said = redact(`${ok ? '' : `HTTP ${response.status}: `}${words}`, ctx.secrets);
  if (response.status !== 429) {
    if (AUTH_WORDS.test(words)) return new ProviderError('auth', `Leonardo refused the API key (${said}). Enter a valid Leonardo API key (a production API key from the Leonardo app) and test the connection.`);
    if (PAYMENT_WORDS.test(words) || response.status === 402) return new ProviderError('payment', `Leonardo says the account has no API credits left (${said}). Top up the API plan in Leonardo, or use another provider meanwhile.`);
    if (MODERATION_WORDS.test(words)) return refusal(said);
  }
  if (!ok) return statusError(ctx, request, response);
  return new ProviderError('rejected', `Leonardo refused the request (${said}). Check the model id and its ControlNet family; if they look right, report the message.`);
}

export const refusal = (said: string) =>
  new ProviderError('refused', `Leonardo's moderation refused this generation (${said}). Nothing was kept; change the prompt's wording or use another source render.`);
