import { hold, outputPng, timingOf, type FakeTiming } from './images';
import { startFakeServer, type Received, type Reply } from './server';

export interface FakeComfyUIOptions extends FakeTiming {
  checkpoints?: string[];
  controlnetModels?: string[];
  /** The `Authorization` header a login proxy in front demands; none when omitted. */
  authorization?: string;
  /** How a run ends once its latency has passed. */
  outcome?: 'success' | 'execution_error';
  /** Choice lists in the newer `["COMBO", {options}]` form instead of `[[…], {…}]`. */
  comboChoices?: boolean;
}

type Link = [string, number];
interface GraphNode {
  class_type: string;
  inputs: Record<string, unknown>;
}
export interface FakePrompt {
  id: string;
  number: number;
  clientId: unknown;
  graph: Record<string, GraphNode>;
  createdAt: number;
  polls: number;
  state: 'pending' | 'running' | 'success' | 'error' | 'interrupted';
  output: string | null;
  /** Prompts still pending or running when this one was queued. */
  ahead: number;
}

const SAMPLERS = ['euler', 'euler_ancestral', 'dpmpp_2m', 'dpmpp_2m_sde'];
const SCHEDULERS = ['normal', 'karras', 'exponential', 'simple'];

// The core nodes the bundled workflow uses, with their input and output types as ComfyUI's nodes.py
// declares them; `choice:<list>` and `upload` are checked against the server's files.
const NODE_TYPES: Record<string, { inputs: Record<string, string>; outputs: string[] }> = {
  CheckpointLoaderSimple: { inputs: { ckpt_name: 'choice:checkpoints' }, outputs: ['MODEL', 'CLIP', 'VAE'] },
  CLIPTextEncode: { inputs: { text: 'STRING', clip: 'CLIP' }, outputs: ['CONDITIONING'] },
  LoadImage: { inputs: { image: 'upload' }, outputs: ['IMAGE', 'MASK'] },
  VAEEncode: { inputs: { pixels: 'IMAGE', vae: 'VAE' }, outputs: ['LATENT'] },
  ControlNetLoader: { inputs: { control_net_name: 'choice:controlnets' }, outputs: ['CONTROL_NET'] },
  ControlNetApplyAdvanced: {
    inputs: { positive: 'CONDITIONING', negative: 'CONDITIONING', control_net: 'CONTROL_NET', image: 'IMAGE', strength: 'FLOAT:0:10', start_percent: 'FLOAT:0:1', end_percent: 'FLOAT:0:1' },
    outputs: ['CONDITIONING', 'CONDITIONING'],
  },
  KSampler: {
    inputs: { model: 'MODEL', seed: 'INT:0:18446744073709551615', steps: 'INT:1:10000', cfg: 'FLOAT:0:100', sampler_name: 'choice:samplers', scheduler: 'choice:schedulers', positive: 'CONDITIONING', negative: 'CONDITIONING', latent_image: 'LATENT', denoise: 'FLOAT:0:1' },
    outputs: ['LATENT'],
  },
  VAEDecode: { inputs: { samples: 'LATENT', vae: 'VAE' }, outputs: ['IMAGE'] },
  SaveImage: { inputs: { filename_prefix: 'STRING', images: 'IMAGE' }, outputs: [] },
};

const isLink = (value: unknown): value is Link => Array.isArray(value) && value.length === 2 && typeof value[0] === 'string' && typeof value[1] === 'number';

/**
 * ComfyUI's HTTP API on loopback: `/upload/image` into an input folder, `/prompt` validating the
 * graph as ComfyUI does (node classes, link types, choice lists, ranges, uploaded files; a 400 with
 * `node_errors` otherwise), one GPU that runs prompts in order on the given clock, `/history/{id}`
 * (empty until done), `/view`, `/queue` (list and delete), `/interrupt`, `/system_stats` and
 * `/object_info/{class}`.
 */
export async function startFakeComfyUI(options: FakeComfyUIOptions = {}) {
  const { clock, latencyMs, pendingPolls } = timingOf(options);
  const lists: Record<string, string[]> = {
    checkpoints: options.checkpoints ?? ['sd_xl_base_1.0.safetensors', 'realisticVisionV60B1_v51VAE.safetensors'],
    controlnets: options.controlnetModels ?? ['control_v11p_sd15_canny.pth', 'controlnet-canny-sdxl-1.0.safetensors'],
    samplers: SAMPLERS,
    schedulers: SCHEDULERS,
  };
  const state = { outcome: options.outcome ?? 'success', interrupts: [] as unknown[], deletes: [] as unknown[], gpuBusy: false };
  const uploads = new Map<string, Buffer>();
  const outputs = new Map<string, Buffer>();
  const prompts = new Map<string, FakePrompt>();
  let counter = 0;
  const authorised = (r: Received) => options.authorization === undefined || r.headers.authorization === options.authorization;
  const unauthorised: Reply = { status: 401, body: '401: Unauthorized' };

  function problemsOf(id: string, node: GraphNode, graph: Record<string, GraphNode>) {
    const spec = NODE_TYPES[node.class_type]!;
    const problems: { type: string; message: string; details: string; extra_info: Record<string, unknown> }[] = [];
    for (const [input, type] of Object.entries(spec.inputs)) {
      const value = node.inputs[input];
      const fail = (kind: string, message: string, details: string) => problems.push({ type: kind, message, details, extra_info: { input_name: input, received_value: value } });
      if (value === undefined) fail('required_input_missing', 'Required input is missing', input);
      else if (type === type.toUpperCase() && !type.includes(':')) {
        const from = isLink(value) ? graph[value[0]] : undefined;
        const got = from ? NODE_TYPES[from.class_type]?.outputs[(value as Link)[1]] : undefined;
        if (type !== 'STRING' && got !== type) fail('return_type_mismatch', 'Return type mismatch between linked nodes', `${input}, received_type(${got ?? 'nothing'}) mismatch input_type(${type})`);
        if (type === 'STRING' && typeof value !== 'string') fail('invalid_input_type', 'Failed to convert an input value to a STRING value', `${input}, ${JSON.stringify(value)}`);
      } else if (type.startsWith('choice:')) {
        const list = lists[type.slice(7)]!;
        if (!list.includes(value as string)) fail('value_not_in_list', 'Value not in list', `${input}: '${String(value)}' not in ${JSON.stringify(list)}`);
      } else if (type === 'upload') {
        if (!uploads.has(value as string)) fail('custom_validation_failed', 'Custom validation failed for node', `image - Invalid image file: ${String(value)}`);
      } else {
        const [kind, min, max] = type.split(':') as [string, string, string];
        if (typeof value !== 'number' || (kind === 'INT' && !Number.isInteger(value))) fail('invalid_input_type', `Failed to convert an input value to a ${kind} value`, `${input}, ${JSON.stringify(value)}`);
        else if (value < Number(min)) fail('value_smaller_than_min', `Value ${value} smaller than min of ${min}`, `${input}`);
        else if (value > Number(max)) fail('value_bigger_than_max', `Value ${value} bigger than max of ${max}`, `${input}`);
      }
    }
    return problems.length ? { [id]: { errors: problems, dependent_outputs: Object.keys(graph).filter((k) => graph[k]!.class_type === 'SaveImage'), class_type: node.class_type } } : {};
  }

  function validate(graph: unknown): Reply | null {
    if (typeof graph !== 'object' || graph === null) return { status: 400, json: { error: { type: 'no_prompt', message: 'No prompt provided', details: 'No prompt provided', extra_info: {} }, node_errors: {} } };
    const nodes = graph as Record<string, GraphNode>;
    for (const [id, node] of Object.entries(nodes)) {
      if (!NODE_TYPES[node.class_type]) return { status: 400, json: { error: { type: 'invalid_prompt', message: `Cannot execute because node ${node.class_type} does not exist.`, details: `Node ID '#${id}'`, extra_info: {} }, node_errors: {} } };
    }
    if (!Object.values(nodes).some((n) => n.class_type === 'SaveImage')) return { status: 400, json: { error: { type: 'prompt_no_outputs', message: 'Prompt has no outputs', details: '', extra_info: {} }, node_errors: {} } };
    const nodeErrors = Object.assign({}, ...Object.entries(nodes).map(([id, node]) => problemsOf(id, node, nodes)));
    if (Object.keys(nodeErrors).length) return { status: 400, json: { error: { type: 'prompt_outputs_failed_validation', message: 'Prompt outputs failed validation', details: '', extra_info: {} }, node_errors: nodeErrors } };
    return null;
  }

  /** Moves the single GPU on: the first prompt not done runs; it finishes after its latency and polls. */
  async function advance(): Promise<void> {
    const running = [...prompts.values()].find((p) => p.state === 'running');
    if (!running) {
      const next = [...prompts.values()].find((p) => p.state === 'pending');
      if (next && !state.gpuBusy) next.state = 'running';
      return;
    }
    if (running.polls < pendingPolls || clock.now() - running.createdAt < latencyMs) return;
    if (state.outcome === 'execution_error') {
      running.state = 'error';
    } else {
      const filename = `enhance_${String(running.number).padStart(5, '0')}_.png`;
      outputs.set(filename, await outputPng(running.number));
      running.output = filename;
      running.state = 'success';
    }
    await advance();
  }

  const saveNode = (p: FakePrompt) => Object.keys(p.graph).find((k) => p.graph[k]!.class_type === 'SaveImage')!;
  const historyOf = (p: FakePrompt) => {
    const start = ['execution_start', { prompt_id: p.id, timestamp: clock.now() }];
    if (p.state === 'success') {
      return { prompt: [p.number, p.id, p.graph, { client_id: p.clientId }, [saveNode(p)]], outputs: { [saveNode(p)]: { images: [{ filename: p.output, subfolder: '', type: 'output' }] } }, status: { status_str: 'success', completed: true, messages: [start, ['execution_success', { prompt_id: p.id }]] }, meta: {} };
    }
    const ending =
      p.state === 'interrupted'
        ? ['execution_interrupted', { prompt_id: p.id, node_id: '9', node_type: 'KSampler', executed: ['1', '2'] }]
        : ['execution_error', { prompt_id: p.id, node_id: '9', node_type: 'KSampler', executed: ['1', '2', '3'], exception_message: 'CUDA out of memory. Tried to allocate 2.50 GiB', exception_type: 'torch.OutOfMemoryError', traceback: ['...'], current_inputs: {}, current_outputs: {} }];
    return { prompt: [p.number, p.id, p.graph, { client_id: p.clientId }, [saveNode(p)]], outputs: {}, status: { status_str: 'error', completed: false, messages: [start, ending] }, meta: {} };
  };
  const queueItem = (p: FakePrompt) => [p.number, p.id, p.graph, { client_id: p.clientId }, [saveNode(p)]];
  const choice = (list: string[]) => (options.comboChoices ? ['COMBO', { options: list }] : [list, {}]);
  const objectInfo: Record<string, () => Record<string, unknown>> = {
    CheckpointLoaderSimple: () => ({ ckpt_name: choice(lists.checkpoints!) }),
    ControlNetLoader: () => ({ control_net_name: choice(lists.controlnets!) }),
    KSampler: () => ({ model: ['MODEL'], seed: ['INT', { default: 0, min: 0, max: 18446744073709551615 }], sampler_name: choice(SAMPLERS), scheduler: choice(SCHEDULERS), denoise: ['FLOAT', { default: 1, min: 0, max: 1 }] }),
  };

  const server = await startFakeServer([
    {
      method: 'POST',
      path: /^\/upload\/image$/,
      handle: async (r) => {
        if (!authorised(r)) return unauthorised;
        const file = r.form?.get('image');
        if (!(file instanceof File)) return { status: 400 };
        let name = file.name;
        if (r.form!.get('overwrite') !== 'true') for (let i = 1; uploads.has(name); i++) name = file.name.replace(/(\.\w+)$/, ` (${i})$1`);
        uploads.set(name, Buffer.from(await file.arrayBuffer()));
        return { json: { name, subfolder: '', type: 'input' } };
      },
    },
    {
      method: 'POST',
      path: /^\/prompt$/,
      handle: async (r) => {
        if (!authorised(r)) return unauthorised;
        const body = r.json as { prompt?: unknown; client_id?: unknown } | undefined;
        const refused = validate(body?.prompt);
        if (refused) return refused;
        const id = `c0ffee00-0000-4000-8000-${String(++counter).padStart(12, '0')}`;
        const ahead = [...prompts.values()].filter((p) => p.state === 'pending' || p.state === 'running').length;
        prompts.set(id, { id, number: counter, clientId: body!.client_id, graph: body!.prompt as Record<string, GraphNode>, createdAt: clock.now(), polls: 0, state: 'pending', output: null, ahead });
        await advance();
        return { json: { prompt_id: id, number: counter, node_errors: {} } };
      },
    },
    {
      method: 'GET',
      path: /^\/history\/([^/]+)$/,
      handle: async (r, m) => {
        if (!authorised(r)) return unauthorised;
        const p = prompts.get(decodeURIComponent(m[1]!));
        if (p) p.polls++;
        await advance();
        return { json: p && ['success', 'error', 'interrupted'].includes(p.state) ? { [p.id]: historyOf(p) } : {} };
      },
    },
    {
      method: 'GET',
      path: /^\/view$/,
      handle: (r) => {
        if (!authorised(r)) return unauthorised;
        const bytes = r.query.get('type') === 'output' && r.query.get('subfolder') === '' ? outputs.get(r.query.get('filename') ?? '') : undefined;
        return bytes ? { headers: { 'content-type': 'image/png' }, body: bytes } : { status: 404, body: '404: Not Found' };
      },
    },
    {
      method: 'GET',
      path: /^\/queue$/,
      handle: (r) => {
        if (!authorised(r)) return unauthorised;
        const all = [...prompts.values()];
        return { json: { queue_running: all.filter((p) => p.state === 'running').map(queueItem), queue_pending: all.filter((p) => p.state === 'pending').map(queueItem) } };
      },
    },
    {
      method: 'POST',
      path: /^\/queue$/,
      handle: (r) => {
        if (!authorised(r)) return unauthorised;
        const ids = ((r.json as { delete?: unknown[] } | undefined)?.delete ?? []) as string[];
        state.deletes.push(...ids);
        for (const id of ids) if (prompts.get(id)?.state === 'pending') prompts.delete(id);
        return { status: 200, body: '' };
      },
    },
    {
      method: 'POST',
      path: /^\/interrupt$/,
      handle: (r) => {
        if (!authorised(r)) return unauthorised;
        state.interrupts.push((r.json as { prompt_id?: unknown } | undefined)?.prompt_id ?? null);
        const running = [...prompts.values()].find((p) => p.state === 'running');
        if (running) running.state = 'interrupted';
        return { status: 200, body: '' };
      },
    },
    {
      method: 'GET',
      path: /^\/system_stats$/,
      handle: (r) =>
        authorised(r)
          ? { json: { system: { os: 'posix', ram_total: 68_719_476_736, ram_free: 40_000_000_000, comfyui_version: '0.3.40', python_version: '3.12.3', pytorch_version: '2.7.0+cu128', embedded_python: false, argv: ['main.py', '--listen'] }, devices: [{ name: 'cuda:0 NVIDIA GeForce RTX 4090 : cudaMallocAsync', type: 'cuda', index: 0, vram_total: 25_386_352_640, vram_free: 23_000_000_000 }] } }
          : unauthorised,
    },
    {
      method: 'GET',
      path: /^\/object_info\/(\w+)$/,
      handle: (r, m) => {
        if (!authorised(r)) return unauthorised;
        const node = m[1]!;
        const required = objectInfo[node];
        if (!required) return { json: {} };
        return { json: { [node]: { input: { required: required() }, output: NODE_TYPES[node]!.outputs, name: node, display_name: node, category: 'loaders', output_node: false } } };
      },
    },
  ]);
  return {
    ...server,
    baseUrl: server.url,
    state,
    uploads,
    prompts,
    /** Keeps the GPU on someone else's prompt, so new prompts wait in the queue. */
    occupyGpu: (busy: boolean) => void (state.gpuBusy = busy),
  };
}
export type FakeComfyUI = Awaited<ReturnType<typeof startFakeComfyUI>>;
