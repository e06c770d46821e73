import { hold, outputPng, timingOf, type FakeTiming } from './images';
import { startFakeServer, type Received } from './server';

export interface FakeReplicateOptions extends FakeTiming {
  apiKey?: string;
  version?: string;
  predictTime?: number;
  outcome?: 'succeeded' | 'failed' | 'nsfw';
}

interface Job {
  id: string;
  createdAt: number;
  polls: number;
  status: string;
  input: unknown;
}

/**
 * Replicate's predictions API on loopback: create (honouring `Prefer: wait=N` by holding the request
 * on the clock), get, cancel, account and version lookups, and a delivery host whose output list
 * puts the control map before `out-0.png`, as fofr/sdxl-multi-controlnet-lora does.
 */
export async function startFakeReplicate(options: FakeReplicateOptions = {}) {
  const key = options.apiKey ?? 'r8_FakeToken0123456789abcdefABCDEF';
  const version = options.version ?? 'a'.repeat(64);
  const { clock, latencyMs, pendingPolls } = timingOf(options);
  const state = { outcome: options.outcome ?? 'succeeded', predictTime: options.predictTime ?? 8.5 };
  const jobs = new Map<string, Job>();
  let counter = 0;
  const authorised = (r: Received) => r.headers.authorization === `Bearer ${key}`;
  const unauthorized = { status: 401, json: { title: 'Unauthenticated', detail: 'You did not pass a valid authentication token', status: 401 } };

  const view = (job: Job) => {
    const done = job.status === 'processing' && job.polls >= pendingPolls && clock.now() - job.createdAt >= latencyMs;
    if (done) job.status = state.outcome === 'succeeded' ? 'succeeded' : 'failed';
    const base = `${server.url}/delivery/${job.id}`;
    return {
      id: job.id,
      model: 'fofr/sdxl-multi-controlnet-lora',
      version,
      input: job.input,
      status: job.status,
      output: job.status === 'succeeded' ? [`${base}/control-0.png`, `${base}/out-0.png`] : null,
      error: job.status === 'failed' ? (state.outcome === 'nsfw' ? 'NSFW content detected. Try running it again, or try a different prompt.' : 'CUDA out of memory') : null,
      metrics: job.status === 'succeeded' ? { predict_time: state.predictTime } : {},
      urls: { get: `${server.url}/v1/predictions/${job.id}`, cancel: `${server.url}/v1/predictions/${job.id}/cancel` },
    };
  };

  const server = await startFakeServer([
    {
      method: 'POST',
      path: /^\/v1\/predictions$/,
      handle: async (r) => {
        if (!authorised(r)) return unauthorized;
        const body = r.json as { version?: string; input?: unknown };
        if (body?.version !== version) return { status: 422, json: { detail: 'Invalid version or not permitted', status: 422 } };
        const job: Job = { id: `pred${++counter}`, createdAt: clock.now(), polls: 0, status: 'processing', input: body.input };
        jobs.set(job.id, job);
        const wait = /wait=(\d+)/.exec(String(r.headers.prefer ?? ''));
        if (wait && pendingPolls === 0) await hold(clock, Math.min(Number(wait[1]) * 1000, latencyMs));
        return { status: 201, json: view(job) };
      },
    },
    {
      method: 'GET',
      path: /^\/v1\/predictions\/([^/]+)$/,
      handle: (r, m) => {
        if (!authorised(r)) return unauthorized;
        const job = jobs.get(m[1]!);
        if (!job) return { status: 404, json: { detail: 'Not found.' } };
        job.polls++;
        return { json: view(job) };
      },
    },
    {
      method: 'POST',
      path: /^\/v1\/predictions\/([^/]+)\/cancel$/,
      handle: (r, m) => {
        if (!authorised(r)) return unauthorized;
        const job = jobs.get(m[1]!);
        if (!job) return { status: 404, json: { detail: 'Not found.' } };
        job.status = 'canceled';
        return { json: view(job) };
      },
    },
    { method: 'GET', path: /^\/v1\/account$/, handle: (r) => (authorised(r) ? { json: { type: 'organization', username: 'studio', name: 'Studio' } } : unauthorized) },
    {
      method: 'GET',
      path: /^\/v1\/models\/[^/]+\/[^/]+\/versions\/([^/]+)$/,
      handle: (r, m) => (!authorised(r) ? unauthorized : m[1] === version ? { json: { id: version, openapi_schema: {} } } : { status: 404, json: { detail: 'Not found.' } }),
    },
    { method: 'GET', path: /^\/delivery\/pred(\d+)\/(out|control)-0\.png$/, handle: async (_r, m) => ({ headers: { 'content-type': 'image/png' }, body: await outputPng(Number(m[1]) + (m[2] === 'out' ? 0 : 100)) }) },
  ]);
  return { ...server, key, version, baseUrl: `${server.url}/v1`, state, jobs };
}
export type FakeReplicate = Awaited<ReturnType<typeof startFakeReplicate>>;
