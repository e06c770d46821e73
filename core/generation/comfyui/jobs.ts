import {
  cleanupContext,
  parseReply,
  ProviderError,
  send,
  sendOk,
  statusError,
  withRetries,
  type HttpRequest,
  type HttpResponse,
  type RemoteContext,
} from '../remote';
import { PromptAccepted, PromptRefusal, Queue, queuedIds, UploadReply, type Workflow } from './api';
import { refusalError } from './errors';

/** Where the ComfyUI server is and the login header it wants (none for an open server). */
export interface Server {
  baseUrl: string;
  headers: Record<string, string>;
}

const jsonPost = (server: Server, path: string, body: unknown): HttpRequest => ({
  method: 'POST',
  url: `${server.baseUrl}${path}`,
  headers: { ...server.headers, 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

/**
 * Puts an image in ComfyUI's input folder for `LoadImage`. The name comes from the content, and
 * `overwrite` replaces a file of that name, so repeating the upload is harmless and ComfyUI never
 * renames it to `name (1).png`. Returns the name `LoadImage` takes.
 */
export async function uploadImage(ctx: RemoteContext, server: Server, bytes: Buffer, name: string): Promise<string> {
  const form = new FormData();
  form.append('image', new Blob([new Uint8Array(bytes)], { type: 'image/png' }), name);
  form.append('type', 'input');
  form.append('overwrite', 'true');
  const request: HttpRequest = { method: 'POST', url: `${server.baseUrl}/upload/image`, headers: server.headers, body: form };
  const reply = await withRetries(ctx, true, async () => parseReply(ctx, request, await sendOk(ctx, request), UploadReply));
  return reply.subfolder ? `${reply.subfolder}/${reply.name}` : reply.name;
}

function refusal(ctx: RemoteContext, request: HttpRequest, response: HttpResponse): ProviderError {
  try {
    return refusalError(ctx, parseReply(ctx, request, response, PromptRefusal));
  } catch {
    return statusError(ctx, request, response);
  }
}

/** `POST /prompt`; a graph that does not validate (400, `node_errors`) becomes an error naming the node. */
export async function queuePrompt(ctx: RemoteContext, server: Server, workflow: Workflow, clientId: string): Promise<string> {
  const request = jsonPost(server, '/prompt', { prompt: workflow, client_id: clientId });
  // Queuing runs a job: it is not repeated after a 5xx or a lost answer, which may have queued it already.
  const accepted = await withRetries(ctx, false, async () => {
    const response = await send(ctx, request);
    if (response.status === 400) throw refusal(ctx, request, response);
    if (response.status < 200 || response.status > 299) throw statusError(ctx, request, response);
    return parseReply(ctx, request, response, PromptAccepted);
  });
  return accepted.prompt_id;
}

/**
 * Stops a prompt the workstation no longer waits for: removed from the queue while pending,
 * interrupted while running. `/interrupt` stops whatever the server is running, so it is only sent
 * when the queue says the prompt is ours (or the queue cannot be read); the `prompt_id` in its body
 * lets servers that support it refuse to stop anyone else's.
 */
export async function stopPrompt(ctx: RemoteContext, server: Server, promptId: string): Promise<void> {
  const cleanup = cleanupContext(ctx);
  let where: 'pending' | 'running' | 'done' | 'unknown' = 'unknown';
  try {
    const request: HttpRequest = { method: 'GET', url: `${server.baseUrl}/queue`, headers: server.headers };
    const queue = parseReply(cleanup, request, await sendOk(cleanup, request), Queue);
    where = queuedIds(queue.queue_pending).includes(promptId) ? 'pending' : queuedIds(queue.queue_running).includes(promptId) ? 'running' : 'done';
  } catch {
    // An unreadable queue: do both, since leaving the job to run would hold the GPU for nothing.
  }
  if (where === 'pending' || where === 'unknown') await send(cleanup, jsonPost(server, '/queue', { delete: [promptId] })).catch(() => undefined);
  if (where === 'running' || where === 'unknown') await send(cleanup, jsonPost(server, '/interrupt', { prompt_id: promptId })).catch(() => undefined);
}
