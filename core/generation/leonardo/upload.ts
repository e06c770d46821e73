import { ProviderError, parseReply, redact, send, providerWords, withRetries, type RemoteContext } from '../remote';
import { InitImageReply, leonardoFailure } from './api';

/** The presigned upload URL lives two minutes; starting later than this is refused by the storage. */
const UPLOAD_WINDOW_MS = 110_000;

/**
 * Uploads the (already resized) source as a Leonardo init image: ask for a presigned S3 POST, then
 * send its form fields (a JSON string in the reply) and the file as multipart, file last as S3's
 * POST policy expects. The key goes to Leonardo only, never to the storage host.
 */
export async function uploadInitImage(ctx: RemoteContext, baseUrl: string, headers: Record<string, string>, png: Buffer): Promise<string> {
  const request = { method: 'POST' as const, url: `${baseUrl}/init-image`, headers, body: JSON.stringify({ extension: 'png' }) };
  const reply = await withRetries(ctx, false, async () => {
    const response = await send(ctx, request);
    const failure = leonardoFailure(ctx, request, response);
    if (failure) throw failure;
    return parseReply(ctx, request, response, InitImageReply).uploadInitImage;
  });
  const issued = ctx.clock.now();
  let fields: Record<string, unknown>;
  try {
    fields = JSON.parse(reply.fields) as Record<string, unknown>;
    if (typeof fields !== 'object' || fields === null || Array.isArray(fields)) throw new Error('not an object');
  } catch {
    throw new ProviderError('malformed', 'Leonardo gave upload fields that are not a JSON object. The API may have changed: check for an update of the workstation.');
  }
  const upload = { method: 'POST' as const, url: reply.url };
  await withRetries(ctx, true, async () => {
    if (ctx.clock.now() - issued > UPLOAD_WINDOW_MS) {
      throw new ProviderError('timeout', 'The upload link Leonardo gave for the source render expired (it lasts 2 minutes) before the upload could start. Try again; if it repeats, check the network.');
    }
    const form = new FormData();
    for (const [name, value] of Object.entries(fields)) form.append(name, String(value));
    form.append('file', new Blob([new Uint8Array(png)], { type: 'image/png' }), 'source.png');
    const response = await send(ctx, { ...upload, body: form });
    if (response.status >= 500) {
      throw new ProviderError('server', `Leonardo's image storage had a server error (HTTP ${response.status}). Try again later.`);
    }
    if (response.status < 200 || response.status > 299) {
      const words = redact(providerWords(response.body) ?? '', ctx.secrets);
      throw new ProviderError('rejected', `Leonardo's image storage refused the source render (HTTP ${response.status}${words ? `: ${words}` : ''}). The upload link lasts 2 minutes: try again, and check this computer's clock if it repeats.`);
    }
  });
  return reply.id;
}
