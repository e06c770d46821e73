import { existsSync } from 'node:fs';
import path from 'node:path';
import { ApiError, toApiError, type CallOutput, type CallParsedInput, type ExportStatus } from '../api';
import { checkOutputFolder, ExportError, promptLookup, requestProblems, runExport, type ExportProgress, type ExportSourceOpener, type ExportSummary, type PromptLookup } from '../export';
import type { Emitter } from './events';
import type { ServerExport, ServerExportGap } from './export-server';

/** What the host can do with a folder on this computer; the browser host has no such thing. */
export interface FileManager {
  /** Opens the system's file manager with `target` selected. */
  show(target: string): void | Promise<void>;
}

export interface ExportServiceDeps {
  dataDir: string;
  promptsDir: string;
  emitter: Emitter;
  now(): string;
  log(message: string): void;
  fileManager?: FileManager;
  nativeBinding?: string;
  /** The server export with this workstation's sync settings, or what they lack. */
  server(prompts: PromptLookup): ServerExport;
  /** What the sync settings lack for a server export, read without the secrets; null when nothing. */
  serverGap(): ServerExportGap | null;
}

interface ExportJob {
  request: CallParsedInput<'export.start'>;
  state: 'running' | 'done' | 'failed' | 'cancelled';
  controller: AbortController;
  startedAt: string;
  finishedAt: string | null;
  progress: ExportProgress | null;
  summary: ExportSummary | null;
  error: { code: string; message: string } | null;
  /** Settles (never rejects) when the export has ended and its folder is final or removed. */
  ended: Promise<void>;
}

const GAP_TEXT: Record<ServerExportGap, string> = {
  sync_not_set_up: 'Sync is not set up on this workstation',
  postgres_not_set_up: 'PostgreSQL is not set up in the sync settings',
  s3_not_set_up: 'S3 is not set up in the sync settings',
};

/** The rows' source of a request, or why a server export cannot start; a refusal happens before any folder is made. */
function sourceOf(request: CallParsedInput<'export.start'>, prompts: PromptLookup, deps: ExportServiceDeps): ExportSourceOpener | undefined {
  if (request.source === 'local') return undefined;
  const server = deps.server(prompts);
  if (server.gap === null) return server.opener;
  throw new ExportError(
    'server_unavailable',
    `${GAP_TEXT[server.gap]}, and a server export reads the studio's PostgreSQL and S3 with the sync's settings. ` +
      "Set up sync (PostgreSQL with an admin's login, and the S3 bucket) in the sync settings and export again, or export this workstation's data instead. Nothing was written.",
  );
}

const FULL_PATH_EXAMPLE = process.platform === 'win32' ? 'D:\\datasets\\june' : '/home/you/datasets/june';

/** A new event when the phase changes or the share done moves by a whole percent: at most ~200 per export. */
export function progressWorthAnEvent(last: ExportProgress | null, next: ExportProgress): boolean {
  if (last === null || last.phase !== next.phase) return true;
  const share = (p: ExportProgress) => (p.total === 0 ? 100 : Math.floor((100 * p.done) / p.total));
  return share(last) !== share(next);
}

/**
 * One dataset export at a time, run off the request path: `export.start` answers at once and the
 * export core writes under a temporary name, renamed only when complete. The last export's outcome
 * (summary, or why it stopped) stays readable until the next one starts.
 */
export function createExportService(deps: ExportServiceDeps) {
  let job: ExportJob | null = null;
  let revision = 0;
  let announced: ExportProgress | null = null;

  const view = (): ExportStatus => ({
    revision,
    state: job?.state ?? 'idle',
    cancelling: job?.state === 'running' && job.controller.signal.aborted,
    request: job?.request ?? null,
    started_at: job?.startedAt ?? null,
    finished_at: job?.finishedAt ?? null,
    progress: job?.progress ?? null,
    summary: job?.summary ?? null,
    error: job?.error ?? null,
    can_show_in_folder: deps.fileManager !== undefined,
    server_source: deps.serverGap() ?? 'ready',
  });
  const changed = () => {
    revision += 1;
    deps.emitter.emit('exportProgress', view());
  };

  function finish(current: ExportJob, outcome: { summary: ExportSummary } | { error: unknown }): void {
    current.finishedAt = deps.now();
    if ('summary' in outcome) {
      current.state = 'done';
      current.summary = outcome.summary;
    } else {
      const error = toApiError(outcome.error);
      const failure = outcome.error instanceof ExportError ? outcome.error.failure : null;
      current.state = failure === 'cancelled' ? 'cancelled' : 'failed';
      current.error = { code: failure ?? error.code, message: error.message };
      if (current.state === 'failed') deps.log(`dataset export to ${current.request.out} failed: ${error.message}`);
    }
    changed();
  }

  /**
   * Answers once the source is open (for the server: reached, the login an admin's, its schema this
   * app's), so a source that cannot be opened is this call's error, the last outcome stays as it
   * was and nothing is written; the rows follow off the request path.
   */
  async function start(request: CallParsedInput<'export.start'>): Promise<ExportStatus> {
    if (job?.state === 'running') {
      throw new ApiError('conflict', `An export to ${job.request.out} is running. Wait for it to finish or cancel it, then start this one.`);
    }
    const problems = requestProblems(request);
    // The app's working folder depends on how it was started, so a relative path would land somewhere unexpected.
    if (request.out && !path.isAbsolute(request.out)) problems.push(`Write the output folder as a full path (for example ${FULL_PATH_EXAMPLE}), not "${request.out}".`);
    if (problems.length > 0) throw new ApiError('invalid_input', problems.join(' '));
    checkOutputFolder(request.out);
    const prompts = promptLookup(deps.promptsDir, deps.dataDir);
    const source = sourceOf(request, prompts, deps);

    const previous = job;
    const controller = new AbortController();
    const current: ExportJob = {
      request,
      state: 'running',
      controller,
      startedAt: deps.now(),
      finishedAt: null,
      progress: null,
      summary: null,
      error: null,
      ended: Promise.resolve(),
    };
    job = current;
    announced = null;
    const onProgress = (progress: ExportProgress) => {
      current.progress = progress;
      if (!progressWorthAnEvent(announced, progress)) return;
      announced = progress;
      changed();
    };
    let opened = false;
    let sourceOpen: () => void = () => undefined;
    const open = new Promise<void>((resolve) => (sourceOpen = resolve));
    const running = runExport(request, {
      dataDir: deps.dataDir,
      prompts,
      source,
      now: deps.now,
      signal: controller.signal,
      onProgress,
      onSourceOpen: () => {
        opened = true;
        sourceOpen();
      },
      nativeBinding: deps.nativeBinding,
    });
    current.ended = running.then(
      (summary) => finish(current, { summary }),
      (error: unknown) => {
        if (opened) finish(current, { error });
      },
    );
    try {
      await Promise.race([open, running]);
    } catch (error) {
      // The source never opened: runExport has removed its temporary folder before rejecting.
      if (job === current) job = previous;
      throw error;
    }
    changed();
    return view();
  }

  function cancel(): ExportStatus {
    if (job?.state !== 'running') throw new ApiError('conflict', 'No export is running, so there is nothing to cancel.');
    if (!job.controller.signal.aborted) {
      job.controller.abort();
      changed();
    }
    return view();
  }

  async function showInFolder(): Promise<CallOutput<'export.showInFolder'>> {
    const summary = job?.state === 'done' ? job.summary : null;
    if (!summary) throw new ApiError('not_found', 'No finished export to show: run an export first (a failed or cancelled one leaves no folder).');
    if (!existsSync(summary.out)) throw new ApiError('not_found', `The dataset folder ${summary.out} is no longer there: it was moved or deleted. Export again.`);
    if (!deps.fileManager) return { shown: false, path: summary.out, reason: 'no_file_manager' };
    await deps.fileManager.show(summary.out);
    return { shown: true, path: summary.out, reason: null };
  }

  return {
    handlers: {
      'export.start': start,
      'export.status': () => view(),
      'export.cancel': cancel,
      'export.showInFolder': showInFolder,
    },
    /** Stops a running export (its partial folder is removed) and waits until it has. */
    async close(): Promise<void> {
      if (job?.state === 'running') job.controller.abort();
      await job?.ended;
    },
  };
}
