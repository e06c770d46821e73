import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ApiError } from '../api';
import { mulberry32 } from '../optimizer';
import { flagRaters, raterFigures } from '../raters';
import { datasetCard, EXCLUSION_TEXT } from './card';
import { ExportError, writeFailure } from './errors';
import { exclusionOf } from './select';
import { exportPairOf, type PromptLookup } from './pairs';
import { localSource } from './local-source';
import { discardOutput, finishOutput, startOutput, writeManifest } from './output';
import { DEFAULT_SEED, DEFAULT_SPLITS } from './seeded';
import type { ExportSource, ExportSourceOpener } from './source';
import type { ExclusionReason, ExportProgress, ExportRequest, ExportSummary, PairSplit } from './types';
import { checkRequest } from './validate';
import { createFlatWriter } from './writers/flat';
import { createImageFolderWriter } from './writers/imagefolder';
import { createPairwiseWriter, type PairwiseOptions } from './writers/pairwise-parquet';
import { createRankingsWriter } from './writers/rankings';
import type { FormatWriter } from './writers/writer';

export interface ExportDeps {
  /** The data folder the app uses: `latina.sqlite` and `images/` in it. The rows come from it unless `source` says otherwise. */
  dataDir: string;
  prompts: PromptLookup;
  /** Where the rows and images come from; this workstation's data folder when not given (`serverExportSource` in core/sync reads the studio's). */
  source?: ExportSourceOpener;
  now?: () => string;
  signal?: AbortSignal;
  onProgress?: (progress: ExportProgress) => void;
  /** Told once the source is open (for the server: reached, the login an admin's, the schema this app's), before any row is read. */
  onSourceOpen?: () => void;
  nativeBinding?: string;
  /** The pairwise format's row groups (tests make them small to get many from a few pairs). */
  pairwise?: PairwiseOptions;
}

const PROGRESS_EVERY = 250;

function cancelledCheck(signal: AbortSignal | undefined): () => void {
  return () => {
    if (signal?.aborted) throw new ExportError('cancelled', 'The export was cancelled. The partial dataset was removed; nothing else changed.');
  };
}

function writerFor(request: ExportRequest, dir: string, seed: number, count: (reason: ExclusionReason, n?: number) => void, pairwise?: PairwiseOptions): FormatWriter {
  switch (request.format) {
    case 'pairwise':
      return createPairwiseWriter(dir, seed, pairwise);
    case 'imagefolder':
      return createImageFolderWriter(dir, request.out);
    case 'rankings':
      return createRankingsWriter(dir, request.out, (pairs) => count('single_image_ranking', pairs));
    case 'csv':
    case 'jsonl':
      return createFlatWriter(dir, request.format);
  }
}

async function flaggedRaters(source: ExportSource, wanted: boolean, seed: number): Promise<Set<string>> {
  if (!wanted) return new Set();
  const report = flagRaters(raterFigures(await source.raterAnswers(), mulberry32(seed)));
  return new Set(report.raters.filter((r) => r.flags.length > 0).map((r) => r.rater));
}

/**
 * Writes one dataset. Rows stream from the source (the local store, or the studio's server: one
 * consistent moment either way, even while trainers keep rating) through the format's writer into
 * a temporary folder, which is renamed to `out` only when the card and manifest are written.
 */
export async function runExport(request: ExportRequest, deps: ExportDeps): Promise<ExportSummary> {
  checkRequest(request);
  const openSource = deps.source ?? localSource({ dataDir: deps.dataDir, prompts: deps.prompts, nativeBinding: deps.nativeBinding });
  const seed = request.seed ?? DEFAULT_SEED;
  const splits = request.splits ?? DEFAULT_SPLITS;
  const filters = { ...request.filters, includeSkipped: request.format === 'pairwise' && (request.filters?.includeSkipped ?? false) };
  const ties = request.format === 'pairwise' ? (request.ties ?? 'split') : 'keep';
  const checkCancelled = cancelledCheck(deps.signal);
  const now = deps.now ?? (() => new Date().toISOString());

  const temp = await startOutput(request.out);
  const scratchDir = `${temp}.images`;
  let source: ExportSource | null = null;
  let writer: FormatWriter | null = null;
  try {
    await mkdir(scratchDir);
    source = await openSource({ scratchDir });
    deps.onSourceOpen?.();
    const excluded = new Map<ExclusionReason, number>();
    const count = (reason: ExclusionReason, n = 1) => excluded.set(reason, (excluded.get(reason) ?? 0) + n);
    const superseded = await source.supersededRatings();
    if (superseded > 0) count('retracted_or_replaced', superseded);
    const skipped = filters.includeSkipped ? 0 : await source.skippedPairs();
    if (skipped > 0) count('skipped_pair', skipped);
    const selection = { filters, flaggedRaters: await flaggedRaters(source, filters.withoutFlaggedRaters ?? false, seed) };
    const ctx = { prompts: source.prompts, seed, splits };
    writer = writerFor(request, temp, seed, count, deps.pairwise);
    const pairs: Partial<Record<PairSplit, number>> = {};
    const raters = new Map<string, { userId: number; pairs: number }>();
    let first: string | null = null;
    let last: string | null = null;

    const total = await source.count(filters.includeSkipped);
    let done = 0;
    deps.onProgress?.({ phase: 'rows', done, total });
    for await (const row of source.pairs(filters.includeSkipped)) {
      const reason = exclusionOf(row, selection);
      const staged = reason === null ? await source.stageImages(row, writer.readsImages) : null;
      const pair = reason ?? exportPairOf(row, staged!, ctx, ties);
      if (typeof pair === 'string') {
        count(pair);
        if (staged) await source.releaseImages(staged);
      } else {
        await writer.write(pair);
        await source.releaseImages(staged!);
        pairs[pair.split] = (pairs[pair.split] ?? 0) + 1;
        const rater = raters.get(pair.rater_id) ?? { userId: pair.user_id, pairs: 0 };
        rater.pairs += 1;
        raters.set(pair.rater_id, rater);
        if (first === null || pair.answered_at < first) first = pair.answered_at;
        if (last === null || pair.answered_at > last) last = pair.answered_at;
      }
      done += 1;
      if (done % PROGRESS_EVERY === 0) {
        checkCancelled();
        deps.onProgress?.({ phase: 'rows', done, total });
        // Lets a cancel (or the host's other requests) in between batches of synchronous reads.
        await new Promise((resolve) => setImmediate(resolve));
      }
    }
    deps.onProgress?.({ phase: 'rows', done, total });
    checkCancelled();
    await writer.finish();
    if (raters.size === 0) {
      const why = [...excluded.entries()].map(([reason, n]) => `${n} ${EXCLUSION_TEXT[reason]}`).join('; ');
      throw new ExportError('nothing_to_export', `No rated pair passes the filters${why ? ` (left out: ${why})` : ''}. Widen the filters and export again.`);
    }

    const summary: ExportSummary = {
      format: request.format,
      out: path.resolve(request.out),
      pairs,
      rows: writer.rows(),
      excluded: [...excluded.entries()].map(([reason, n]) => ({ reason, pairs: n })),
      raters: raters.size,
      firstAnswer: first,
      lastAnswer: last,
      files: 0,
      bytes: 0,
    };
    await writeFile(path.join(temp, 'README.md'), datasetCard({ request: { ...request, filters }, summary, writer, seed, splits, raters, createdAt: now(), source: source.description, exclusionsFrom: source.exclusionsFrom }));
    const written = await writeManifest(temp, writer.hashed?.() ?? new Map(), (fileDone, files) => deps.onProgress?.({ phase: 'manifest', done: fileDone, total: files }), checkCancelled);
    checkCancelled();
    await source.close();
    await finishOutput(temp, request.out);
    return { ...summary, files: written.files, bytes: written.bytes };
  } catch (error) {
    await writer?.abort().catch(() => undefined);
    await source?.close().catch(() => undefined);
    await discardOutput(temp);
    throw error instanceof ApiError ? error : writeFailure(error, request.out);
  } finally {
    await rm(scratchDir, { recursive: true, force: true });
  }
}
