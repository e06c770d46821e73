import type { z } from 'zod';
import type { RemoteContext } from './context';
import { ProviderError, providerWords, redact, seconds } from './errors';
import { parseRetryAfter, retryAfterFromText } from './retry-after';

export interface HttpRequest {
  method: 'GET' | 'POST' | 'DELETE';
  url: string;
  headers?: Record<string, string>;
  body?: string | FormData;
  /** Overrides the context's per-request timeout (e.g. a request the server holds open on purpose). */
  timeoutMs?: number;
}

export interface HttpResponse {
  status: number;
  headers: Headers;
  body: Buffer;
}

export function describeRequest(request: Pick<HttpRequest, 'method' | 'url'>): string {
  return `${request.method} ${new URL(request.url).pathname}`;
}

export function cancelled(ctx: RemoteContext): ProviderError {
  return new ProviderError('cancelled', `The ${ctx.provider} generation was cancelled before it finished; nothing needs doing.`);
}

/**
 * One HTTP exchange, headers and body, under a deadline on the injected clock and the caller's
 * abort signal. Never throws anything but a ProviderError; any status is returned as it came.
 */
export async function send(ctx: RemoteContext, request: HttpRequest): Promise<HttpResponse> {
  if (ctx.signal?.aborted) throw cancelled(ctx);
  const what = describeRequest(request);
  const timeoutMs = Math.max(0, Math.min(request.timeoutMs ?? ctx.requestTimeoutMs, ctx.deadlineAt - ctx.clock.now()));
  const controller = new AbortController();
  let timedOut = false;
  const cancelTimer = ctx.clock.timer(timeoutMs, () => {
    timedOut = true;
    controller.abort();
  });
  const onAbort = () => controller.abort();
  ctx.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    const response = await ctx.fetch(request.url, {
      method: request.method,
      headers: request.headers,
      body: request.body,
      signal: controller.signal,
    });
    const body = Buffer.from(await response.arrayBuffer());
    return { status: response.status, headers: response.headers, body };
  } catch (error) {
    if (timedOut) {
      throw new ProviderError(
        'timeout',
        `${ctx.provider} did not answer ${what} within ${seconds(timeoutMs)}. Check the network and the provider's status; the pair is retried later.`,
      );
    }
    if (ctx.signal?.aborted) throw cancelled(ctx);
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    const detail = redact(cause?.code ?? cause?.message ?? (error as Error).message, ctx.secrets);
    throw new ProviderError(
      'unreachable',
      `Cannot reach ${ctx.provider} at ${new URL(request.url).origin} (${detail}). Check its address, that the server is running and that this computer is online.`,
    );
  } finally {
    cancelTimer();
    ctx.signal?.removeEventListener('abort', onAbort);
  }
}

/** The error for a non-2xx status, worded by what the person can do about it. */
export function statusError(ctx: RemoteContext, request: Pick<HttpRequest, 'method' | 'url'>, response: HttpResponse): ProviderError {
  const what = describeRequest(request);
  const words = providerWords(response.body);
  const said = redact(words ? `HTTP ${response.status}: ${words}` : `HTTP ${response.status}`, ctx.secrets);
  const { status } = response;
  if (status === 401 || status === 403) {
    return new ProviderError('auth', `${ctx.provider} refused the credentials (${said}). Enter a valid API key for ${ctx.provider} and test the connection.`);
  }
  if (status === 402) {
    return new ProviderError('payment', `${ctx.provider} wants payment (${said}). Add credits or a payment method to the ${ctx.provider} account, or use another provider meanwhile.`);
  }
  if (status === 429) {
    const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), ctx.clock.now()) ?? (words ? retryAfterFromText(words) : null);
    const wait = retryAfterMs === null ? 'a little while' : seconds(retryAfterMs);
    return new ProviderError('rate_limited', `${ctx.provider} is limiting requests (${said}). Wait ${wait} before asking again, or lower the request rate for ${ctx.provider}.`, retryAfterMs);
  }
  if (status === 404) {
    return new ProviderError('not_found', `${ctx.provider} does not know ${what} (${said}). Check the address, model and version ids for ${ctx.provider}.`);
  }
  if (status >= 500) {
    return new ProviderError('server', `${ctx.provider} had a server error on ${what} (${said}). It is on their side: try again later or use another provider meanwhile.`);
  }
  return new ProviderError('rejected', `${ctx.provider} refused ${what} (${said}). Check the model and settings for ${ctx.provider}; if they look right, report the message.`);
}

/** Sends and returns the body of a 2xx answer; any other status becomes its ProviderError. */
export async function sendOk(ctx: RemoteContext, request: HttpRequest): Promise<HttpResponse> {
  const response = await send(ctx, request);
  if (response.status < 200 || response.status > 299) throw statusError(ctx, request, response);
  return response;
}

/** Parses a JSON reply and checks the parts the adapter reads; anything else is `malformed`. */
export function parseReply<S extends z.ZodType>(ctx: RemoteContext, request: Pick<HttpRequest, 'method' | 'url'>, response: HttpResponse, schema: S): z.infer<S> {
  const what = describeRequest(request);
  let json: unknown;
  try {
    json = JSON.parse(response.body.toString('utf8'));
  } catch {
    const start = redact(response.body.subarray(0, 40).toString('utf8').replace(/\s+/g, ' '), ctx.secrets);
    throw new ProviderError('malformed', `${ctx.provider} answered ${what} with something that is not JSON (it starts "${start}"). The service or a proxy in between may be failing: try again later, and check the address if it persists.`);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.') || 'reply'}: ${i.message}`).join('; ');
    throw new ProviderError('malformed', `${ctx.provider} answered ${what} in a shape this workstation does not understand (${redact(issues, ctx.secrets)}). The API may have changed: check for an update of the workstation.`);
  }
  return parsed.data;
}
