/**
 * The `Authorization` header for a studio's own GPU server behind a login, from the key field:
 * `user:password` is HTTP Basic (AUTOMATIC1111's `--api-auth`, a reverse proxy's basic auth);
 * anything else, where `bearer` is allowed, a bearer token (a proxy or a tunnel that wants one).
 * `secrets` lists every form of it a message must never show.
 */
export function serverLogin(key: string | null, scheme: 'basic' | 'basic_or_bearer'): { headers: Record<string, string>; secrets: (string | null)[] } {
  if (!key) return { headers: {}, secrets: [] };
  if (key.includes(':') || scheme === 'basic') {
    const encoded = Buffer.from(key).toString('base64');
    const password = key.split(':').slice(1).join(':');
    return { headers: { authorization: `Basic ${encoded}` }, secrets: [key, encoded, password || null] };
  }
  return { headers: { authorization: `Bearer ${key}` }, secrets: [key] };
}
