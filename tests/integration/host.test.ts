import { request } from 'node:http';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { rpc, startHost, type RunningHost } from '../helpers/host';
import { tempDir } from '../helpers/temp';

const dir = tempDir();
afterAll(() => dir.remove());
const hosts: RunningHost[] = [];
afterEach(async () => {
  while (hosts.length) await hosts.pop()!.stop();
});

async function host(dataDir = dir.path) {
  const h = await startHost(dataDir);
  hosts.push(h);
  return h;
}

/** A raw request, so the Host header can be forged (fetch does not allow that). */
function rawGet(url: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'GET', headers }, (res) => {
      res.resume();
      resolve(res.statusCode!);
    });
    req.on('error', reject);
    req.end();
  });
}

describe('browser host', () => {
  it('refuses requests without the token or with a foreign Host header', async () => {
    const h = await host();
    expect((await fetch(`${h.origin}/rpc/queue.state`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' })).status).toBe(401);
    expect((await fetch(`${h.origin}/`)).status).toBe(401);
    expect(await rawGet(`${h.origin}/`, { Host: 'evil.example:80', Authorization: `Bearer ${h.token}` })).toBe(403);
    expect(await rawGet(`${h.origin}/`, { Authorization: `Bearer ${'0'.repeat(48)}` })).toBe(401);
    const rpcFromOtherSite = await fetch(`${h.origin}/rpc/queue.state`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${h.token}`, Origin: 'http://evil.example' },
      body: '{}',
    });
    expect(rpcFromOtherSite.status).toBe(403);
  });

  it('trades the printed token for a cookie and serves the app, the contract, images and events', async () => {
    const h = await host();
    const first = await fetch(h.url, { redirect: 'manual' });
    expect(first.status).toBe(303);
    const cookie = first.headers.get('set-cookie')!;
    expect(cookie).toMatch(/latina_token=[0-9a-f]+; HttpOnly; SameSite=Strict/);
    const page = await fetch(`${h.origin}/`, { headers: { Cookie: cookie.split(';')[0]! } });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");

    const events = await fetch(`${h.origin}/events`, { headers: { Authorization: `Bearer ${h.token}` } });
    const reader = events.body!.getReader();
    const next = await rpc<{ experiment: { experiment_id: string; options: { image: { sha256: string } }[] } }>(h, 'queue.next', { wait_ms: 60_000 });
    const sha = next.experiment.options[0]!.image.sha256;
    const image = await fetch(`${h.origin}/images/${sha}`, { headers: { Authorization: `Bearer ${h.token}` } });
    expect(image.headers.get('content-type')).toMatch(/^image\//);
    const thumb = await fetch(`${h.origin}/images/${sha}?variant=thumb`, { headers: { Authorization: `Bearer ${h.token}` } });
    expect(thumb.headers.get('content-type')).toBe('image/webp');
    expect((await fetch(`${h.origin}/images/${'f'.repeat(64)}`, { headers: { Authorization: `Bearer ${h.token}` } })).status).toBe(404);

    await rpc(h, 'train.rate', {
      experiment_id: next.experiment.experiment_id,
      ratings: [{ option: 'A', rating: 4 }, { option: 'B', rating: 2 }],
      outcome: 'A',
      rated_by: 'ana@studio',
    });
    let text = '';
    while (!text.includes('event: statusChanged')) text += new TextDecoder().decode((await reader.read()).value);
    expect(text).toMatch(/event: statusChanged\ndata: \{"mode":"structure","samples_collected":2\}/);
    await reader.cancel();
  });

  it('answers a bad call with a typed error and status', async () => {
    const h = await host();
    const error = await rpc(h, 'train.rate', { experiment_id: 'x', ratings: [], outcome: 'A', rated_by: 'ana' }).catch((e) => e);
    expect(error).toMatchObject({ code: 'invalid_input', status: 400 });
    expect(await rpc(h, 'train.drop').catch((e) => e.code)).toBe('not_found');
  });

  it('keeps a rating submitted right before the host is killed with SIGKILL', async () => {
    const data = tempDir();
    try {
      const h = await startHost(data.path);
      const { experiment } = await rpc<{ experiment: { experiment_id: string } }>(h, 'queue.next', { wait_ms: 60_000 });
      await rpc(h, 'train.rate', {
        experiment_id: experiment.experiment_id,
        ratings: [{ option: 'A', rating: 5, comments: 'crisp' }, { option: 'B', rating: 1 }],
        outcome: 'A',
        rated_by: 'ana@studio',
      });
      await h.kill();
      const again = await host(data.path);
      const history = await rpc<{ experiments: { experiment_id: string; options: { rating: number; comments: string }[] }[] }>(again, 'train.history', {});
      expect(history.experiments).toHaveLength(1);
      expect(history.experiments[0]).toMatchObject({ experiment_id: experiment.experiment_id });
      expect(history.experiments[0]!.options.map((o) => [o.rating, o.comments])).toEqual([[5, 'crisp'], [1, '']]);
    } finally {
      data.remove();
    }
  });
});
