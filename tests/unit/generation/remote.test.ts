import { describe, expect, it } from 'vitest';
import { parseRetryAfter } from '../../../core/generation';
import { fitSize, providerWords, redact, retryAfterFromText } from '../../../core/generation/remote';

describe('remote helpers', () => {
  const now = Date.UTC(2026, 0, 5, 9, 0, 0);

  it('reads Retry-After as seconds or as an HTTP date (RFC 9110 §10.2.3)', () => {
    expect(parseRetryAfter('7', now)).toBe(7000);
    expect(parseRetryAfter(' 1.5 ', now)).toBe(1500);
    expect(parseRetryAfter(new Date(now + 30_000).toUTCString(), now)).toBe(30_000);
    expect(parseRetryAfter(new Date(now - 30_000).toUTCString(), now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeNull();
    expect(parseRetryAfter(null, now)).toBeNull();
    expect(retryAfterFromText('Request was throttled. Your rate limit resets in ~30s.')).toBe(30_000);
  });

  it('picks a request size with the source aspect, multiples of 8, long side capped', () => {
    expect(fitSize({ width: 1600, height: 1200 }, 1024)).toEqual({ width: 1024, height: 768 });
    expect(fitSize({ width: 900, height: 601 }, 1024)).toEqual({ width: 896, height: 600 });
    expect(fitSize({ width: 3, height: 3000 }, 1024)).toEqual({ width: 8, height: 1024 });
  });

  it('takes the provider words from JSON or text bodies and removes secrets', () => {
    expect(providerWords(Buffer.from('{"detail":"Request was throttled."}'))).toBe('Request was throttled.');
    expect(providerWords(Buffer.from('{"error":{"message":"bad"}}'))).toBe('bad');
    expect(providerWords(Buffer.from('<html><h1>502 Bad Gateway</h1></html>'))).toBe('502 Bad Gateway');
    expect(providerWords(Buffer.from([0x89, 0x50, 0x00, 0x01]))).toBeNull();
    expect(redact('key r8_abcdef leaked r8_abcdef', ['r8_abcdef'])).toBe('key [redacted] leaked [redacted]');
  });
});
