import { ApiError } from '../../api';
import { checkUpload, DEFAULT_IMAGE_LIMITS, describeForeignBytes, sniffImageType } from '../../images';
import type { RemoteContext } from './context';
import { ProviderError } from './errors';
import { send, statusError } from './http';
import { withRetries } from './retry';

export interface CheckedImage {
  bytes: Buffer;
  mime: 'image/jpeg' | 'image/png' | 'image/webp';
  width: number;
  height: number;
}

/**
 * An output is checked like an upload before anyone stores it: the type from the bytes, the size
 * and the pixel limit read from the header, so a provider's error page or a decompression bomb
 * never reaches the image store.
 */
export async function checkOutputImage(ctx: RemoteContext, bytes: Buffer): Promise<CheckedImage> {
  if (sniffImageType(bytes) === null) {
    const found = bytes.length === 0 ? 'nothing (0 bytes)' : describeForeignBytes(bytes);
    throw new ProviderError('bad_output', `${ctx.provider} returned ${found} instead of an image (JPEG, PNG or WebP). Check that the model or workflow outputs images, then try again.`);
  }
  try {
    const facts = await checkUpload(bytes, DEFAULT_IMAGE_LIMITS);
    return { bytes, mime: facts.mime, width: facts.width, height: facts.height };
  } catch (error) {
    if (error instanceof ApiError) throw new ProviderError('bad_output', `${ctx.provider}'s output cannot be kept: ${error.message}`);
    throw error;
  }
}

/** Fetches an output at once (Replicate deletes outputs after an hour) and checks it. */
export async function downloadImage(ctx: RemoteContext, url: string, headers?: Record<string, string>): Promise<CheckedImage> {
  const request = { method: 'GET' as const, url, headers };
  const response = await withRetries(ctx, true, async () => {
    const answer = await send(ctx, request);
    if (answer.status === 404 || answer.status === 410) {
      throw new ProviderError('not_found', `${ctx.provider}'s output image is gone (HTTP ${answer.status} from ${new URL(url).host}). The job ended but its file was removed or never written: generate the option again.`);
    }
    if (answer.status < 200 || answer.status > 299) throw statusError(ctx, request, answer);
    return answer;
  });
  return checkOutputImage(ctx, response.body);
}
