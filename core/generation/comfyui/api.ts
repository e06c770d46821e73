import { z } from 'zod';

export const DEFAULT_COMFYUI_URL = 'http://127.0.0.1:8188';

/** A link in an API-format graph: `[node id, output index]`. */
export type Link = [string, number];
export interface GraphNode {
  class_type: string;
  inputs: Record<string, string | number | boolean | Link>;
}
/** A workflow in ComfyUI's API format, keyed by node id. */
export type Workflow = Record<string, GraphNode>;

export const UploadReply = z.object({ name: z.string().min(1), subfolder: z.string().nullish(), type: z.string().nullish() });

export const PromptAccepted = z.object({ prompt_id: z.string().min(1), number: z.number().nullish() });

const NodeProblem = z.object({
  type: z.string().nullish(),
  message: z.string().nullish(),
  details: z.string().nullish(),
  extra_info: z.object({ input_name: z.string().nullish() }).passthrough().nullish(),
});
export type NodeProblem = z.infer<typeof NodeProblem>;

const NodeErrors = z.record(z.string(), z.object({ errors: z.array(NodeProblem).default([]), class_type: z.string().nullish() }));

/** What `POST /prompt` answers (400) when the graph does not validate; older servers send `node_errors: []` when there is no prompt. */
export const PromptRefusal = z.object({
  error: z.union([z.string(), NodeProblem]).nullish(),
  node_errors: z.union([NodeErrors, z.array(z.unknown()).transform((): z.infer<typeof NodeErrors> => ({}))]).nullish(),
});
export type PromptRefusal = z.infer<typeof PromptRefusal>;

const OutputImage = z.object({ filename: z.string().min(1), subfolder: z.string().default(''), type: z.string().default('output') });
export type OutputImage = z.infer<typeof OutputImage>;

const HistoryEntry = z.object({
  outputs: z.record(z.string(), z.object({ images: z.array(OutputImage).nullish() }).passthrough()).default({}),
  status: z
    .object({
      status_str: z.string().nullish(),
      completed: z.boolean().nullish(),
      // `[event, data]` pairs: execution_start, execution_cached, execution_error, execution_interrupted, execution_success.
      messages: z.array(z.tuple([z.string(), z.unknown()])).nullish(),
    })
    .nullish(),
});
export type HistoryEntry = z.infer<typeof HistoryEntry>;

/** `GET /history/{id}`: `{}` until the prompt has finished, then `{ [id]: entry }`. */
export const History = z.record(z.string(), HistoryEntry);

/** `GET /queue`: items are `[number, prompt_id, prompt, extra_data, outputs]`. */
export const Queue = z.object({ queue_running: z.array(z.array(z.unknown())), queue_pending: z.array(z.array(z.unknown())) });

export const SystemStats = z.object({
  system: z.object({ comfyui_version: z.string().nullish() }).passthrough(),
  devices: z.array(z.object({ name: z.string() }).passthrough()).default([]),
});

/** `GET /object_info/{class}`: the node's inputs; a choice list is `[[…names], {…}]` or, in newer nodes, `["COMBO", {options}]`. */
export const ObjectInfo = z.record(z.string(), z.object({ input: z.object({ required: z.record(z.string(), z.unknown()).default({}) }).passthrough() }).passthrough());

/** The names a choice input accepts, or null when the node does not describe it as a choice. */
export function choices(spec: unknown): string[] | null {
  if (!Array.isArray(spec)) return null;
  const [first, second] = spec as unknown[];
  if (Array.isArray(first)) return first.filter((v): v is string => typeof v === 'string');
  const options = (second as { options?: unknown } | undefined)?.options;
  if (first === 'COMBO' && Array.isArray(options)) return options.filter((v): v is string => typeof v === 'string');
  return null;
}

/** The prompt id of each queue item, running or pending. */
export const queuedIds = (items: unknown[][]): unknown[] => items.map((item) => item[1]);
