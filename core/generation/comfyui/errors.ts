import { ProviderError, redact, type RemoteContext } from '../remote';
import type { HistoryEntry, NodeProblem, PromptRefusal } from './api';

// What an admin does about a node input ComfyUI refused, by the input's name.
const FIXES: Record<string, string> = {
  ckpt_name: "put the checkpoint file in ComfyUI's models/checkpoints folder, or write one it has in the Model field (Test connection lists them)",
  control_net_name: "put the ControlNet file in ComfyUI's models/controlnet folder, or write one it has in the ControlNet field (Test connection lists them)",
  image: "the uploaded render is not in ComfyUI's input folder; check that the server's disk is writable, then try again",
  sampler_name: 'choose a sampler this ComfyUI has',
  scheduler: 'choose a scheduler this ComfyUI has',
};

const clip = (text: string, max = 160) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** `ckpt_name: 'x' not in ['a', 'b', … hundreds]` is shortened to the part that names the problem. */
function said(problem: NodeProblem): string {
  const text = (problem.details || problem.message || problem.type || 'invalid').replace(/ not in \[.*$/s, ' is not among the files it has');
  return clip(text.replace(/\s+/g, ' ').trim());
}

/** A 400 from `POST /prompt`: which node ComfyUI refused, why, and what to change. */
export function refusalError(ctx: RemoteContext, refusal: PromptRefusal): ProviderError {
  const nodes = Object.entries(refusal.node_errors ?? {});
  const parts = nodes.flatMap(([id, node]) =>
    node.errors.map((problem) => {
      const fix = FIXES[problem.extra_info?.input_name ?? ''];
      return `node ${id} (${node.class_type ?? 'unknown node'}): ${said(problem)}${fix ? ` — ${fix}` : ''}`;
    }),
  );
  if (parts.length === 0) {
    const error = refusal.error;
    const words = typeof error === 'string' ? error : error ? said(error) : 'no reason given';
    const missingNode = typeof error === 'object' && error?.type === 'invalid_prompt';
    const advice = missingNode ? 'This ComfyUI lacks a core node the workflow uses: update ComfyUI.' : 'Check the ComfyUI server; if it looks right, report the message.';
    return new ProviderError('rejected', redact(`ComfyUI refused the workflow (${words}). ${advice}`, ctx.secrets));
  }
  return new ProviderError('rejected', redact(`ComfyUI refused the workflow: ${parts.join('; ')}.`, ctx.secrets));
}

interface ExecutionError {
  node_id?: unknown;
  node_type?: unknown;
  exception_type?: unknown;
  exception_message?: unknown;
}

/** A prompt that ran and ended without its image: an exception in a node, or an interrupt. */
export function executionError(ctx: RemoteContext, promptId: string, entry: HistoryEntry): ProviderError {
  const messages = entry.status?.messages ?? [];
  const failed = messages.find(([event]) => event === 'execution_error')?.[1] as ExecutionError | undefined;
  if (failed) {
    const node = `node ${String(failed.node_id ?? '?')} (${String(failed.node_type ?? 'unknown node')})`;
    const exception = clip([failed.exception_type, failed.exception_message].filter((v) => typeof v === 'string' && v.trim()).join(': ').replace(/\s+/g, ' ').trim() || 'no message');
    const advice = /out of memory/i.test(exception)
      ? 'The GPU ran out of memory: let other jobs on it finish, or use a smaller checkpoint, then try again.'
      : /shape|size mismatch|mat1 and mat2/i.test(exception)
        ? 'The checkpoint and the ControlNet model may be for different model families (SD 1.5, SDXL): choose a matching pair.'
        : "ComfyUI's console has the full traceback; try again, and check the models if it repeats.";
    return new ProviderError('failed', redact(`ComfyUI's ${node} failed in prompt ${promptId}: ${exception}. ${advice}`, ctx.secrets));
  }
  if (messages.some(([event]) => event === 'execution_interrupted')) {
    return new ProviderError('failed', `ComfyUI prompt ${promptId} was interrupted on the server (Cancel pressed there, or another client interrupted it). The pair is made again later.`);
  }
  return new ProviderError('failed', `ComfyUI prompt ${promptId} ended without an image (status "${entry.status?.status_str ?? 'unknown'}"). Check the ComfyUI console, then try again.`);
}
