import { z } from 'zod';
import { ModeSchema, ProviderIdSchema } from './domain';
import { text } from './text';

// Dataset export from the app (for admins), merged into the contract's calls map in calls.ts. The
// request is the one `npm run export` takes; the schemas check its shape, and the export core's own
// checks (the same ones the command line runs) word what to fix in its values.

export const EXPORT_FORMATS = ['pairwise', 'imagefolder', 'rankings', 'csv', 'jsonl'] as const;
export const EXPORT_SOURCES = ['local', 'server'] as const;
/** Whether this workstation can export from the server: 'ready', or what its sync settings lack (PostgreSQL and S3 are both read). */
export const SERVER_SOURCE_STATES = ['ready', 'sync_not_set_up', 'postgres_not_set_up', 's3_not_set_up'] as const;
export const EXPORT_SPLITS = ['train', 'validation', 'test', 'ties', 'unlabeled'] as const;
export const EXPORT_EXCLUSIONS = [
  'retracted_or_replaced',
  'gold_pair',
  'repeat_pair',
  'excluded_rater',
  'flagged_rater',
  'rater_filter',
  'date_range',
  'provider_filter',
  'mode_filter',
  'prompt_version_filter',
  'rating_range',
  'skipped_pair',
  'tie_dropped',
  'image_missing',
  'single_image_ranking',
] as const;

const ExportFiltersSchema = z
  .object({
    from: text().optional(),
    to: text().optional(),
    raters: z.array(text().min(1)).optional(),
    withoutRaters: z.array(text().min(1)).optional(),
    withoutExcludedRaters: z.boolean().optional(),
    withoutFlaggedRaters: z.boolean().optional(),
    providers: z.array(ProviderIdSchema).optional(),
    modes: z.array(ModeSchema).optional(),
    promptVersions: z.array(text().min(1)).optional(),
    minRating: z.number().optional(),
    maxRating: z.number().optional(),
    includeSkipped: z.boolean().optional(),
  })
  .strict();

export const ExportRequestSchema = z
  .object({
    format: z.enum(EXPORT_FORMATS, { error: `format must be one of ${EXPORT_FORMATS.join(', ')}` }),
    /** The folder to create, as a full path; it must not exist or be empty. */
    out: text().min(1, 'name the folder to write the dataset to'),
    /** Where the pairs come from: this workstation's store, or the studio's server (the whole team's, with the sync's login). */
    source: z.enum(EXPORT_SOURCES, { error: 'source must be "local" (this workstation) or "server" (the studio server)' }).default('local'),
    filters: ExportFiltersSchema.optional(),
    seed: z.number().optional(),
    splits: z.object({ train: z.number(), validation: z.number(), test: z.number() }).strict().optional(),
    ties: z.enum(['split', 'drop'], { error: 'ties must be "split" or "drop"' }).optional(),
    licence: text().max(200).optional(),
  })
  .strict();

const SplitCounts = z.partialRecord(z.enum(EXPORT_SPLITS), z.number().int());

export const ExportSummarySchema = z.object({
  format: z.enum(EXPORT_FORMATS),
  /** The dataset's folder, as a full path. */
  out: z.string(),
  pairs: SplitCounts,
  rows: SplitCounts,
  /** What was left out, and why, pair by pair. */
  excluded: z.array(z.object({ reason: z.enum(EXPORT_EXCLUSIONS), pairs: z.number().int() })),
  raters: z.number().int(),
  firstAnswer: z.string().nullable(),
  lastAnswer: z.string().nullable(),
  files: z.number().int(),
  bytes: z.number().int(),
});

export const ExportStatusSchema = z.object({
  /** Counts every change, so answers and events that cross on the way can be put in order. */
  revision: z.number().int(),
  state: z.enum(['idle', 'running', 'done', 'failed', 'cancelled']),
  /** A cancel was asked for and the export is stopping at its next check. */
  cancelling: z.boolean(),
  request: ExportRequestSchema.nullable(),
  started_at: z.string().nullable(),
  finished_at: z.string().nullable(),
  progress: z.object({ phase: z.enum(['rows', 'manifest']), done: z.number().int(), total: z.number().int() }).nullable(),
  /** What the finished export wrote. */
  summary: ExportSummarySchema.nullable(),
  /** Why a failed or cancelled export stopped; its partial folder was removed. */
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
  /** The host can open a file manager at the dataset (the desktop app can, the browser host cannot). */
  can_show_in_folder: z.boolean(),
  /** Whether `source: 'server'` can start: 'ready', or the part of the sync settings that is missing. */
  server_source: z.enum(SERVER_SOURCE_STATES),
});
export type ExportStatus = z.infer<typeof ExportStatusSchema>;
export type ExportRequestInput = z.input<typeof ExportRequestSchema>;

const Empty = z.object({}).strict();

export const exportCalls = {
  /** Starts an export and answers at once; `exportProgress` events follow it. One at a time. */
  'export.start': { input: ExportRequestSchema, output: ExportStatusSchema },
  'export.status': { input: Empty, output: ExportStatusSchema },
  'export.cancel': { input: Empty, output: ExportStatusSchema },
  /** Opens the file manager at the last finished dataset; `shown` false where the host has none. */
  'export.showInFolder': {
    input: Empty,
    output: z.object({ shown: z.boolean(), path: z.string(), reason: z.enum(['no_file_manager']).nullable() }),
  },
} as const;
