import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ApiError } from '../api';
import { mulberry32 } from '../optimizer';
import { flagRaters, raterFigures } from '../raters';
import { openStore, type Store } from '../store';
import { datasetCard, EXCLUSION_TEXT } from './card';
import { ExportError, writeFailure } from './errors';
import { exclusionOf } from './select';
import { exportPairOf, type PromptLookup } from './pairs';
import { discardOutput, finishOutput, startOutput, writeManifest } from './output';
import { DEFAULT_SEED, DEFAULT_SPLITS } from './seeded';
import type { ExclusionReason, ExportProgress, ExportRequest, ExportSummary, PairSplit } from './types';
import { checkRequest } from './validate';
import { createFlatWriter } from './writers/flat';
import { createImageFolderWriter } from './writers/imagefolder';
import { createPairwiseWriter } from './writers/pairwise-parquet';
import { createRankingsWriter } from './writers/rankings';
import type { FormatWriter } from './writers/writer';

export interface ExportDeps {
  /** The data folder the app uses: `latina.sqlite` and `images/` in it. */
  dataDir: string;
  prompts: PromptLookup;
  now?: () => string;
  signal?: AbortSignal;
  onProgress?: (progress: ExportProgress) => void;
  nativeBinding?: string;
}

const PROGRESS_EVERY = 250;

function cancelledCheck(signal: AbortSignal | undefined): () => void {
  return () => {
    if (signal?.aborted) throw new ExportError('cancelled', 'The export was cancelled. The partial dataset was removed; nothing else changed.');
  };
}

function writerFor(request: ExportRequest, dir: string, seed: number, count: (reason: ExclusionReason, n?: number) => void): FormatWriter {
  switch (request.format) {
    case 'pairwise':
      return createPairwiseWriter(dir, seed);
    case 'imagefolder':
      return createImageFolderWriter(dir, request.out);
    case 'rankings':
      return createRankingsWriter(dir, request.out, (pairs) => count('single_image_ranking', pairs));
    case 'csv':
    case 'jsonl':
      return createFlatWriter(dir, request.format);
  }
}

function flaggedRaters(store: Store, wanted: boolean, seed: number): Set<string> {
  if (!wanted) return new Set();
  const report = flagRaters(raterFigures(store.quality.raterAnswers(), mulberry32(seed)));
  return new Set(report.raters.filter((r) => r.flags.length > 0).map((r) => r.rater));
}

/**
 * Writes one dataset from the local store. Rows stream from SQLite (one read transaction, so the
 * dataset is one consistent moment even while trainers keep rating) through the format's writer
 * into a temporary folder, which is renamed to `out` only when the card and manifest are written.
 */
export async function runExport(request: ExportRequest, deps: ExportDeps): Promise<ExportSummary> {
  checkRequest(request);
  const dbFile = path.join(deps.dataDir, 'latina.sqlite');
  if (!existsSync(dbFile)) {
    throw new ExportError('invalid_request', `No workstation database in ${deps.dataDir}. Point the export at the data folder the app uses.`);
  }
  const seed = request.seed ?? DEFAULT_SEED;
  const splits = request.splits ?? DEFAULT_SPLITS;
  const filters = { ...request.filters, includeSkipped: request.format === 'pairwise' && (request.filters?.includeSkipped ?? false) };
  const ties = request.format === 'pairwise' ? (request.ties ?? 'split') : 'keep';
  const checkCancelled = cancelledCheck(deps.signal);
  const now = deps.now ?? (() => new Date().toISOString());

  const temp = await startOutput(request.out);
  const store = openStore(dbFile, { nativeBinding: deps.nativeBinding });
  try {
    const excluded = new Map<ExclusionReason, number>();
    const count = (reason: ExclusionReason, n = 1) => excluded.set(reason, (excluded.get(reason) ?? 0) + n);
    const superseded = store.exportRows.supersededRatings();
    if (superseded > 0) count('retracted_or_replaced', superseded);
    const skipped = filters.includeSkipped ? 0 : store.exportRows.skippedPairs();
    if (skipped > 0) count('skipped_pair', skipped);
    const selection = { filters, flaggedRaters: flaggedRaters(store, filters.withoutFlaggedRaters ?? false, seed) };
    const ctx = { imagesDir: path.join(deps.dataDir, 'images'), prompts: deps.prompts, seed, splits };
    const writer = writerFor(request, temp, seed, count);
    const pairs: Partial<Record<PairSplit, number>> = {};
    const raters = new Map<string, { userId: number; pairs: number }>();
    let first: string | null = null;
    let last: string | null = null;

    const total = store.exportRows.count(filters.includeSkipped);
    let done = 0;
    deps.onProgress?.({ phase: 'rows', done, total });
    for (const row of store.exportRows.pairs(filters.includeSkipped)) {
      const reason = exclusionOf(row, selection);
      const pair = reason ?? exportPairOf(row, ctx, ties);
      if (typeof pair === 'string') {
        count(pair);
      } else {
        await writer.write(pair);
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
    await writeFile(path.join(temp, 'README.md'), datasetCard({ request: { ...request, filters }, summary, writer, seed, splits, raters, createdAt: now() }));
    const written = await writeManifest(temp, writer.hashed?.() ?? new Map(), (fileDone, files) => deps.onProgress?.({ phase: 'manifest', done: fileDone, total: files }), checkCancelled);
    checkCancelled();
    store.close();
    await finishOutput(temp, request.out);
    return { ...summary, files: written.files, bytes: written.bytes };
  } catch (error) {
    if (store.db.open) store.close();
    await discardOutput(temp);
    throw error instanceof ApiError ? error : writeFailure(error, request.out);
  }
}
