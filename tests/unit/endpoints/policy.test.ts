import { describe, expect, it } from 'vitest';
import { checkEndpoint, chooseSecret, endpointOrigin, HTTP_API, isLoopbackHost, sameEndpoint, withoutSecretParameters } from '../../../core/endpoints';

const llm = { ...HTTP_API, field: 'llm.base_url', secretName: 'API key' };
const refusal = (address: string) => {
  try {
    checkEndpoint(address, llm);
    return null;
  } catch (error) {
    return error as { code: string; message: string };
  }
};

describe('endpoint policy', () => {
  it('knows this computer: localhost, 127.0.0.0/8 and ::1, nothing else', () => {
    for (const host of ['localhost', 'LOCALHOST', '127.0.0.1', '127.255.3.9', '[::1]', '::1', 'api.localhost']) expect(isLoopbackHost(host), host).toBe(true);
    for (const host of ['128.0.0.1', '10.0.0.1', '127.0.0.1.example.com', 'localhost.example.com', '::2', '0.0.0.0']) expect(isLoopbackHost(host), host).toBe(false);
  });

  it('requires https except on loopback', () => {
    expect(refusal('https://api.openai.com/v1')).toBeNull();
    expect(refusal('http://localhost:11434/v1')).toBeNull();
    expect(refusal('http://127.0.0.2:8080/v1')).toBeNull();
    expect(refusal('http://[::1]:8080/v1')).toBeNull();
    expect(refusal('http://llm.example.com/v1')).toMatchObject({ code: 'invalid_input', message: expect.stringMatching(/^llm\.base_url: use https:\/\/ for llm\.example\.com/) });
    expect(refusal('ftp://127.0.0.1/')?.message).toMatch(/must start with https:\/\/ or http:\/\//);
  });

  it('refuses secrets in the query string and user:password in the address', () => {
    for (const name of ['key', 'api_key', 'apiKey', 'password', 'sslpassword', 'access_token', 'X-Amz-Signature', 'client_secret']) {
      expect(refusal(`https://api.example.com/v1?${name}=s3cret`)?.message, name).toContain(`remove "${name}" from the address`);
    }
    expect(refusal('https://api.example.com/v1?model=gpt&sslmode=require')).toBeNull();
    expect(refusal('https://ana:pw@api.example.com/v1')?.message).toMatch(/remove the user name and password/);
    expect(withoutSecretParameters('postgres://ana@db/latina?sslpassword=x&sslmode=require')).toBe('postgres://ana@db/latina?sslmode=require');
  });

  it('compares servers by scheme, host and port, with default ports written out', () => {
    expect(endpointOrigin('https://API.example.com/v1')).toBe('https://api.example.com:443');
    expect(sameEndpoint('https://api.example.com/v1', 'https://api.example.com:443/v2')).toBe(true);
    expect(sameEndpoint('postgres://a@db/x', 'postgresql://b@db:5432/y')).toBe(true);
    expect(sameEndpoint('https://api.example.com', 'http://api.example.com')).toBe(false);
    expect(sameEndpoint('https://api.example.com', 'https://api.example.com:8443')).toBe(false);
    expect(sameEndpoint('https://api.example.com', 'https://evil.example.com')).toBe(false);
    expect(sameEndpoint(null, 'https://api.example.com')).toBe(false);
  });

  it('keeps a stored secret only for the same server, unless one is entered', () => {
    const base = { previousAddress: 'https://a.example.com/v1', stored: 'sk-old' };
    expect(chooseSecret({ ...base, nextAddress: 'https://a.example.com/v2', entered: undefined })).toEqual({ secret: 'sk-old', dropped: false });
    expect(chooseSecret({ ...base, nextAddress: 'https://b.example.com/v1', entered: undefined })).toEqual({ secret: null, dropped: true });
    expect(chooseSecret({ ...base, nextAddress: 'https://b.example.com/v1', entered: 'sk-new' })).toEqual({ secret: 'sk-new', dropped: false });
    expect(chooseSecret({ ...base, nextAddress: 'https://a.example.com/v1', entered: '' })).toEqual({ secret: null, dropped: false });
  });
});
