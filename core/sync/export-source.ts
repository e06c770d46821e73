import { unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { ExportError, type ExportSource, type ExportSourceOpener, type PromptLookup, type StagedImages } from '../export';
import { promptTextFor, type PromptVersion } from '../prompts';
import type { ExportOptionRow, ExportPairRow } from '../store';
import { classifyPostgresError, SyncError } from './errors';
import { COUNT_SERVER_PAIRS, IS_ADMIN, RETRACTED_RATINGS, SERVER_PAIRS, SERVER_PROMPT_VERSIONS, SERVER_RATER_ANSWERS, SKIPPED_PAIRS } from './export-sql';
import { serverPairOf, serverRaterAnswerOf } from './export-rows';
import { describeConnection, SERVER_SCHEMA_VERSION } from './postgres';
import { imageKey } from './push-s3';
import { connectS3 } from './s3';
import { decideTls } from './tls';
import type { SyncConfig } from './types';

export interface ServerExportOptions {
  /** The admin's sync settings with their secrets: the same PostgreSQL login and bucket the sync uses. */
  config: SyncConfig;
  /**
   * Raters the admin excluded from learning (the workstation's `excluded_raters` setting). The
   * server keeps no record of exclusions (they never leave the workstation they were made on), so
   * these are the exclusions as known to the exporting workstation, and the dataset card says so.
   */
  excludedRaters: readonly string[];
  /** Prompt texts of the versions this workstation holds, for versions the server does not hold. */
  prompts: PromptLookup;
  /** Rows fetched per round trip; defaults to 500. Memory holds one page, whatever the dataset's size. */
  pageSize?: number;
}

const CURSOR = 'latina_export_rows';

/** An export's failure with the server, said as what happened and what to do. */
function serverFailure(error: unknown, who: ReturnType<typeof describeConnection>): ExportError {
  if (error instanceof ExportError) return error;
  const sync = error instanceof SyncError ? error : classifyPostgresError(error, who);
  const next = sync.kind === 'fatal' ? sync.action : 'Check that the server runs and can be reached from this computer, then export again.';
  return new ExportError('server_unavailable', `${sync.message} The export stopped and its partial dataset was removed. ${next}`);
}

/**
 * The server's text of a version first: version names are first come, first served, so when this
 * workstation made its own version under a name the server already held with other content (its
 * push logged the conflict), the team's pairs carry the server's text, not this workstation's.
 * Versions the server does not hold (not shipped yet) come from this workstation.
 */
function promptsFrom(local: PromptLookup, shipped: Map<string, string>): PromptLookup {
  const parsed = new Map<string, PromptVersion | null>();
  return (version, provider) => {
    const text = shipped.get(version);
    if (text === undefined) return local(version, provider);
    if (!parsed.has(version)) {
      try {
        parsed.set(version, JSON.parse(text) as PromptVersion);
      } catch {
        parsed.set(version, null);
      }
    }
    const file = parsed.get(version);
    const block = file && (provider === 'stablediffusion' ? file.stablediffusion : file.leonardo);
    if (!file || !block || typeof block.prompt !== 'string') return null;
    const chosen = promptTextFor(file, provider);
    return { prompt: chosen.prompt, negative_prompt: chosen.negative_prompt };
  };
}

/**
 * The whole team's data as the studio's server holds it: rows from PostgreSQL inside one
 * REPEATABLE READ, READ ONLY transaction (counts, rater flags and rows see one moment while
 * trainers keep shipping), streamed through a server-side cursor a page at a time, and each kept
 * pair's images fetched from S3 as it is written. Only an admin's login (`latina_admin`) may.
 */
export function serverExportSource(options: ServerExportOptions): ExportSourceOpener {
  const { postgres, s3: s3Config } = options.config;
  if (!postgres || !s3Config) {
    const missing = !postgres && !s3Config ? 'PostgreSQL and S3' : !postgres ? 'PostgreSQL' : 'S3';
    throw new ExportError('server_unavailable', `The server export needs both PostgreSQL and S3 in the sync settings; ${missing} is not set up.`);
  }
  const who = describeConnection(postgres.connectionString);
  const pageSize = options.pageSize ?? 500;

  return async ({ scratchDir }) => {
    const client = new pg.Client({
      connectionString: decideTls(postgres.connectionString).connectionString,
      connectionTimeoutMillis: postgres.connectTimeoutMs ?? 5_000,
      statement_timeout: postgres.statementTimeoutMs ?? 60_000,
      application_name: 'latina-export',
      options: '-c TimeZone=UTC',
    });
    // A connection lost mid-export fails the query that was waiting on it; this only keeps the
    // process from crashing on the socket's own error event.
    client.on('error', () => undefined);
    const s3 = connectS3(s3Config);
    let open = true;
    const close = async () => {
      if (!open) return;
      open = false;
      s3.close();
      await client.query('ROLLBACK').catch(() => undefined);
      await client.end().catch(() => undefined);
    };
    const query = async <R extends pg.QueryResultRow>(text: string, values?: unknown[]): Promise<R[]> => {
      try {
        return (await client.query<R>(text, values)).rows;
      } catch (error) {
        throw serverFailure(error, who);
      }
    };

    let prompts: PromptLookup;
    try {
      try {
        await client.connect();
      } catch (error) {
        throw serverFailure(error, who);
      }
      await query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      const [role] = await query<{ admin: boolean }>(IS_ADMIN);
      if (!role?.admin) {
        throw new ExportError(
          'not_admin',
          `The login ${who.user} at ${who.host} is not an admin (not in latina_admin). A server export reads the whole team's ratings, ` +
            "which only an admin's login may; sync with an admin's login, or export this workstation's own data instead.",
        );
      }
      const [schema] = await query<{ version: number | null }>('SELECT max(version) AS version FROM schema_version');
      if ((schema?.version ?? 0) !== SERVER_SCHEMA_VERSION) {
        throw new ExportError(
          'server_unavailable',
          `The server's database schema is version ${schema?.version ?? 'none'}; this app reads version ${SERVER_SCHEMA_VERSION}. ` +
            'Run "npm run db:migrate -- <connection string>" on the server (or install the app that matches it), then export again.',
        );
      }
      const shipped = await query<{ version: string; content: string }>(SERVER_PROMPT_VERSIONS);
      prompts = promptsFrom(options.prompts, new Map(shipped.map((v) => [v.version, v.content])));
    } catch (error) {
      await close();
      throw error;
    }

    const excluded = [...options.excludedRaters];
    let staged = 0;
    const stageOne = async (o: ExportOptionRow, bytes: boolean): Promise<string | null> => {
      if (o.output_sha256 === null || o.output_mime === null) return null;
      const key = imageKey(o.output_sha256, o.output_mime);
      if (!bytes) return `s3://${s3.where.bucket}/${key}`;
      let body: Buffer | null;
      try {
        body = await s3.get(key);
      } catch (error) {
        throw serverFailure(error, who);
      }
      if (body === null) {
        throw new ExportError(
          'image_unavailable',
          `The image ${o.output_sha256} of option ${o.option_id} is recorded on the server but ${key} is not in the S3 bucket ${s3.where.bucket}. ` +
            'The workstation that generated it may not have uploaded it yet: sync that workstation and export again, or leave the pair out with a filter. ' +
            'The partial dataset was removed.',
        );
      }
      const file = path.join(scratchDir, `${++staged}`);
      await writeFile(file, body);
      return file;
    };

    const source: ExportSource = {
      description: `the studio server (database ${who.database} at ${who.host}, images in S3 bucket ${s3.where.bucket}), read as ${who.user}`,
      exclusionsFrom:
        `the admins of the exporting workstation, as known to it: the server keeps no record of exclusions; excluded there: ` +
        (excluded.length > 0 ? [...excluded].sort().join(', ') : 'nobody'),
      supersededRatings: async () => (await query<{ n: number }>(RETRACTED_RATINGS))[0]!.n,
      skippedPairs: async () => (await query<{ n: number }>(SKIPPED_PAIRS))[0]!.n,
      count: async (withSkipped) => (await query<{ n: number }>(COUNT_SERVER_PAIRS, [excluded, withSkipped]))[0]!.n,
      async *pairs(withSkipped): AsyncGenerator<ExportPairRow> {
        await query(`DECLARE ${CURSOR} NO SCROLL CURSOR FOR ${SERVER_PAIRS}`, [excluded, withSkipped]);
        for (;;) {
          const page = await query(`FETCH ${pageSize} FROM ${CURSOR}`);
          for (const row of page) yield serverPairOf(row);
          if (page.length < pageSize) break;
        }
        await query(`CLOSE ${CURSOR}`);
      },
      raterAnswers: async () => (await query(SERVER_RATER_ANSWERS)).map(serverRaterAnswerOf),
      async stageImages(row, bytes): Promise<StagedImages> {
        const [a, b] = await Promise.all([stageOne(row.a, bytes), stageOne(row.b, bytes)]);
        return { a, b };
      },
      async releaseImages({ a, b }) {
        for (const file of [a, b]) if (file !== null && file.startsWith(scratchDir)) await unlink(file).catch(() => undefined);
      },
      prompts,
      close,
    };
    return source;
  };
}
