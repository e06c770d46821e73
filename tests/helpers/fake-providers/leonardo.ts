import { outputPng, timingOf, type FakeTiming } from './images';
import { startFakeServer, type Received, type Reply } from './server';

export interface FakeLeonardoOptions extends FakeTiming {
  apiKey?: string;
  creditCost?: number;
  /** How a job ends once it is done. */
  outcome?: 'COMPLETE' | 'FAILED' | 'NSFW';
}

const PREFIX = '/api/rest/v1';
const unauthorized: Reply = { status: 401, json: { error: 'Invalid response from authorization hook', path: '$', code: 'unexpected' } };

/**
 * Leonardo REST v1 on loopback: `/me`, `/init-image` with a presigned "S3" POST on the same server
 * (fields as a JSON string, a 2-minute life), `/generations` create, poll and delete, and a CDN path
 * for the outputs. Jobs finish after `latencyMs` on the given clock and `pendingPolls` polls.
 */
export async function startFakeLeonardo(options: FakeLeonardoOptions = {}) {
  const key = options.apiKey ?? 'leo-key-0b1e2d3c-4f5a-6b7c-8d9e-0f1a2b3c4d5e';
  const { clock, latencyMs, pendingPolls } = timingOf(options);
  const state = { outcome: options.outcome ?? 'COMPLETE', creditCost: options.creditCost ?? 12 };
  const uploads = new Map<string, { issuedAt: number; fields: Record<string, string>; received?: Received }>();
  const jobs = new Map<string, { createdAt: number; polls: number; body: unknown }>();
  let counter = 0;
  const authorised = (r: Received) => r.headers.authorization === `Bearer ${key}`;

  const server = await startFakeServer([
    {
      method: 'GET',
      path: new RegExp(`^${PREFIX}/me$`),
      handle: (r) =>
        authorised(r)
          ? { json: { user_details: [{ user: { id: 'u-1', username: 'studio' }, apiSubscriptionTokens: 3400, apiPaidTokens: 100, apiConcurrencySlots: 10, apiPlanTokenRenewalDate: '2026-02-01' }] } }
          : unauthorized,
    },
    {
      method: 'POST',
      path: new RegExp(`^${PREFIX}/init-image$`),
      handle: (r) => {
        if (!authorised(r)) return unauthorized;
        const id = `init-${++counter}`;
        const fields = { key: `uploads/${id}.png`, 'Content-Type': 'image/png', Policy: 'eyJleHBpcmF0aW9uIjoi', 'X-Amz-Signature': `sig-${id}` };
        uploads.set(id, { issuedAt: clock.now(), fields });
        return { json: { uploadInitImage: { id, url: `${server.url}/s3/upload/${id}`, fields: JSON.stringify(fields), key: fields.key, __typename: 'InitImageUploadOutput' } } };
      },
    },
    {
      method: 'POST',
      path: /^\/s3\/upload\/([^/]+)$/,
      handle: (r, m) => {
        const upload = uploads.get(m[1]!);
        if (!upload) return { status: 404, body: '<Error><Code>NoSuchUpload</Code></Error>' };
        if (clock.now() - upload.issuedAt > 120_000) return { status: 403, body: '<Error><Code>AccessDenied</Code><Message>Invalid according to Policy: Policy expired.</Message></Error>' };
        const form = r.form;
        const complete = form && Object.entries(upload.fields).every(([k, v]) => form.get(k) === v) && form.get('file') instanceof Blob;
        if (!complete) return { status: 400, body: '<Error><Code>InvalidArgument</Code></Error>' };
        upload.received = r;
        return { status: 204 };
      },
    },
    {
      method: 'POST',
      path: new RegExp(`^${PREFIX}/generations$`),
      handle: (r) => {
        if (!authorised(r)) return unauthorized;
        const body = r.json as { init_image_id?: string } | undefined;
        if (!body?.init_image_id || !uploads.get(body.init_image_id)?.received) return { status: 400, json: { error: 'init image not found', path: '$', code: 'unexpected' } };
        const id = `gen-${++counter}`;
        jobs.set(id, { createdAt: clock.now(), polls: 0, body });
        return { json: { sdGenerationJob: { generationId: id, apiCreditCost: state.creditCost } } };
      },
    },
    {
      method: 'GET',
      path: new RegExp(`^${PREFIX}/generations/([^/]+)$`),
      handle: (r, m) => {
        if (!authorised(r)) return unauthorized;
        const job = jobs.get(m[1]!);
        if (!job) return { json: { generations_by_pk: null } };
        job.polls++;
        const done = job.polls > pendingPolls && clock.now() - job.createdAt >= latencyMs;
        const status = !done ? 'PENDING' : state.outcome === 'FAILED' ? 'FAILED' : 'COMPLETE';
        const images = done && status === 'COMPLETE' ? [{ id: `img-${m[1]}`, url: `${server.url}/cdn/${m[1]}.png`, nsfw: state.outcome === 'NSFW', likeCount: 0, generated_image_variation_generics: [] }] : [];
        return { json: { generations_by_pk: { id: m[1], status, createdAt: new Date(job.createdAt).toISOString(), modelId: 'model', generated_images: images, generation_elements: [] } } };
      },
    },
    {
      method: 'DELETE',
      path: new RegExp(`^${PREFIX}/generations/([^/]+)$`),
      handle: (r, m) => (authorised(r) ? (jobs.delete(m[1]!), { json: { delete_generations_by_pk: { id: m[1] } } }) : unauthorized),
    },
    {
      method: 'GET',
      path: /^\/cdn\/(gen-(\d+))\.png$/,
      handle: async (_r, m) => ({ headers: { 'content-type': 'image/png' }, body: await outputPng(Number(m[2])) }),
    },
  ]);
  return { ...server, key, baseUrl: `${server.url}${PREFIX}`, state, uploads, jobs };
}
export type FakeLeonardo = Awaited<ReturnType<typeof startFakeLeonardo>>;
