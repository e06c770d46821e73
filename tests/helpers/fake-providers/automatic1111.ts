import { outputPng, timingOf, hold, type FakeTiming } from './images';
import { startFakeServer, type Received, type Reply } from './server';

export interface FakeAutomatic1111Options extends FakeTiming {
  /** `user:password` the server demands (`--api-auth`); none when omitted. */
  credentials?: string;
  checkpoints?: string[];
  controlnetModels?: string[];
}

/**
 * AUTOMATIC1111's API with the ControlNet extension on loopback: a blocking `/sdapi/v1/img2img`
 * that answers after `latencyMs` on the given clock with a base64 PNG and `info` (a JSON string
 * with the seed), the model and preprocessor lists, and `/sdapi/v1/interrupt`.
 */
export async function startFakeAutomatic1111(options: FakeAutomatic1111Options = {}) {
  const { clock, latencyMs } = timingOf(options);
  const checkpoints = options.checkpoints ?? ['sd_xl_base_1.0.safetensors [31e35c80fc]', 'realisticVisionV60B1_v51VAE.safetensors [15012c538f]'];
  const controlnetModels = options.controlnetModels ?? ['control_v11f1p_sd15_depth [cfd03158]', 'control_v11p_sd15_canny [d14c016b]'];
  const state = { interrupts: 0, generating: 0 };
  const unauthorised: Reply = { status: 401, json: { detail: 'Incorrect username or password' } };
  const authorised = (r: Received) =>
    options.credentials === undefined || r.headers.authorization === `Basic ${Buffer.from(options.credentials).toString('base64')}`;
  let counter = 0;

  const server = await startFakeServer([
    { method: 'GET', path: /^\/sdapi\/v1\/sd-models$/, handle: (r) => (authorised(r) ? { json: checkpoints.map((title) => ({ title, model_name: title.split('.')[0] })) } : unauthorised) },
    { method: 'GET', path: /^\/controlnet\/model_list$/, handle: (r) => (authorised(r) ? { json: { model_list: controlnetModels } } : unauthorised) },
    { method: 'GET', path: /^\/controlnet\/module_list$/, handle: (r) => (authorised(r) ? { json: { module_list: ['none', 'canny', 'depth_midas', 'depth_leres'] } } : unauthorised) },
    {
      method: 'POST',
      path: /^\/sdapi\/v1\/interrupt$/,
      handle: (r) => (authorised(r) ? (state.interrupts++, { json: {} }) : unauthorised),
    },
    {
      method: 'POST',
      path: /^\/sdapi\/v1\/img2img$/,
      handle: async (r) => {
        if (!authorised(r)) return unauthorised;
        const body = r.json as { seed?: number; init_images?: string[]; alwayson_scripts?: { ControlNet?: { args?: { model?: string }[] } } } | undefined;
        const unit = body?.alwayson_scripts?.ControlNet?.args?.[0];
        if (!body?.init_images?.[0]) return { status: 422, json: { detail: [{ loc: ['body', 'init_images'], msg: 'field required', type: 'value_error.missing' }] } };
        if (unit?.model && !controlnetModels.includes(unit.model)) return { status: 500, json: { error: 'RuntimeError', detail: '', body: '', errors: `ControlNet model ${unit.model} not found` } };
        state.generating++;
        await hold(clock, latencyMs);
        state.generating--;
        const png = await outputPng(++counter);
        return { json: { images: [png.toString('base64')], parameters: {}, info: JSON.stringify({ seed: body.seed ?? -1, sd_model_name: 'sd15' }) } };
      },
    },
  ]);
  return { ...server, baseUrl: server.url, state, checkpoints, controlnetModels };
}
export type FakeAutomatic1111 = Awaited<ReturnType<typeof startFakeAutomatic1111>>;
