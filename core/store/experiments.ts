import type { Database } from 'better-sqlite3';
import type { ExperimentStatus, Mode } from '../api';
import type { OutboxRepository } from './outbox';
import type { ExperimentRecord, OptionRecord } from './types';

interface ExperimentRow extends Omit<ExperimentRecord, 'options'> {}
interface OptionRow extends Omit<OptionRecord, 'parameters'> {
  parameters_json: string;
}

export interface NewExperiment {
  id: string;
  source_sha256: string;
  mode: Mode;
  priority: number;
  project_id?: string | null;
  site_visit_id?: string | null;
  options: Pick<OptionRecord, 'id' | 'label' | 'provider' | 'parameters' | 'origin' | 'prompt_version' | 'seed'>[];
}

export interface OptionOutput {
  output_sha256: string;
  latency_ms: number;
  cost_usd: number;
  details: Record<string, unknown>;
}

export function createExperimentsRepository(db: Database, outbox: OutboxRepository, now: () => string) {
  const insertExperiment = db.prepare(
    `INSERT INTO experiments (id, source_sha256, mode, status, priority, project_id, site_visit_id, created_at)
     VALUES (@id, @source_sha256, @mode, 'generating', @priority, @project_id, @site_visit_id, @created_at)`,
  );
  const insertOption = db.prepare(
    `INSERT INTO options (id, experiment_id, label, provider, parameters_json, origin, prompt_version, seed)
     VALUES (@id, @experiment_id, @label, @provider, @parameters_json, @origin, @prompt_version, @seed)`,
  );
  const selectExperiment = db.prepare('SELECT * FROM experiments WHERE id = ?');
  const selectOptions = db.prepare('SELECT * FROM options WHERE experiment_id = ? ORDER BY label');
  const updateOptionOutput = db.prepare(
    `UPDATE options SET output_sha256 = @output_sha256, latency_ms = @latency_ms, cost_usd = @cost_usd,
       details_json = @details_json, error = NULL WHERE id = @id`,
  );
  const updateOptionError = db.prepare('UPDATE options SET error = ? WHERE id = ?');
  const updateStatus = db.prepare('UPDATE experiments SET status = ?, error = ?, ready_at = coalesce(ready_at, ?) WHERE id = ?');
  const updateStatusPriority = db.prepare('UPDATE experiments SET status = ?, priority = ? WHERE id = ?');
  // The queue's order: uploads and undone pairs (higher priority) first, then oldest first.
  const selectReady = db.prepare(
    `SELECT id FROM experiments WHERE status = 'ready' AND mode = ? ORDER BY priority DESC, created_at, id LIMIT ?`,
  );
  const selectByStatus = db.prepare('SELECT id FROM experiments WHERE status = ? ORDER BY priority DESC, created_at, id');
  const countByStatus = db.prepare('SELECT status, count(*) AS n FROM experiments WHERE mode = ? GROUP BY status');
  const lastFailure = db.prepare(
    `SELECT error FROM experiments WHERE status = 'failed' AND mode = ? ORDER BY created_at DESC LIMIT 1`,
  );
  const pendingOptions = db.prepare(
    `SELECT o.* FROM options o JOIN experiments e ON e.id = o.experiment_id
      WHERE e.status IN ('generating', 'ready') AND e.mode = ? ORDER BY o.id`,
  );
  const maxPriority = db.prepare('SELECT coalesce(max(priority), 0) AS p FROM experiments');
  const countAll = db.prepare('SELECT count(*) AS n FROM experiments');
  const spendSince = db.prepare(
    `SELECT o.provider, sum(o.cost_usd) AS usd FROM options o JOIN experiments e ON e.id = o.experiment_id
      WHERE e.created_at >= ? AND o.cost_usd IS NOT NULL GROUP BY o.provider`,
  );

  const toOption = (row: OptionRow): OptionRecord => ({
    id: row.id,
    label: row.label,
    provider: row.provider,
    parameters: JSON.parse(row.parameters_json),
    origin: row.origin,
    prompt_version: row.prompt_version,
    seed: row.seed,
    output_sha256: row.output_sha256,
    latency_ms: row.latency_ms,
    cost_usd: row.cost_usd,
    predicted_rating: row.predicted_rating,
    error: row.error,
  });

  const get = (id: string): ExperimentRecord | undefined => {
    const row = selectExperiment.get(id) as ExperimentRow | undefined;
    if (!row) return undefined;
    return { ...row, options: (selectOptions.all(id) as OptionRow[]).map(toOption) };
  };

  return {
    get,
    create(experiment: NewExperiment): ExperimentRecord {
      db.transaction(() => {
        insertExperiment.run({
          ...experiment,
          project_id: experiment.project_id ?? null,
          site_visit_id: experiment.site_visit_id ?? null,
          created_at: now(),
        });
        for (const option of experiment.options) {
          insertOption.run({ ...option, experiment_id: experiment.id, parameters_json: JSON.stringify(option.parameters) });
        }
      })();
      return get(experiment.id)!;
    },
    setOptionOutput(optionId: string, output: OptionOutput): void {
      updateOptionOutput.run({ ...output, id: optionId, details_json: JSON.stringify(output.details) });
    },
    setOptionError(optionId: string, message: string): void {
      updateOptionError.run(message, optionId);
    },
    /** Marks the pair ready (or failed) and, once ready, announces it to the sync outbox. */
    finishGeneration(id: string, error: string | null): void {
      db.transaction(() => {
        updateStatus.run(error ? 'failed' : 'ready', error, error ? null : now(), id);
        if (!error) outbox.enqueue('experiment', id, get(id));
      })();
    },
    setStatus(id: string, status: ExperimentStatus): void {
      updateStatus.run(status, null, null, id);
    },
    /** Puts a pair back at the front of the queue (after an undo). */
    requeueFirst(id: string): void {
      const top = (maxPriority.get() as { p: number }).p;
      updateStatusPriority.run('ready', top + 1, id);
    },
    topPriority(): number {
      return (maxPriority.get() as { p: number }).p;
    },
    queueHead(mode: Mode): ExperimentRecord | undefined {
      const row = selectReady.get(mode, 1) as { id: string } | undefined;
      return row ? get(row.id) : undefined;
    },
    /** The ready pairs in the order the trainer will see them. */
    readyQueue(mode: Mode, limit: number): ExperimentRecord[] {
      return (selectReady.all(mode, limit) as { id: string }[]).map((r) => get(r.id)!);
    },
    idsWithStatus(status: ExperimentStatus): string[] {
      return (selectByStatus.all(status) as { id: string }[]).map((r) => r.id);
    },
    counts(mode: Mode): Record<ExperimentStatus, number> {
      const counts: Record<ExperimentStatus, number> = { generating: 0, ready: 0, rated: 0, skipped: 0, failed: 0, indistinct: 0 };
      for (const row of countByStatus.all(mode) as { status: ExperimentStatus; n: number }[]) counts[row.status] = row.n;
      return counts;
    },
    lastFailure(mode: Mode): string | null {
      return ((lastFailure.get(mode) as { error: string | null } | undefined)?.error) ?? null;
    },
    /** Options waiting to be rated: the optimizer counts them as pending points. */
    pendingOptions(mode: Mode): OptionRecord[] {
      return (pendingOptions.all(mode) as OptionRow[]).map(toOption);
    },
    /** Money spent per provider on pairs created since `isoTime`: today's spend after a restart. */
    spendSince(isoTime: string): { provider: OptionRecord['provider']; usd: number }[] {
      return spendSince.all(isoTime) as { provider: OptionRecord['provider']; usd: number }[];
    },
    total(): number {
      return (countAll.get() as { n: number }).n;
    },
  };
}
export type ExperimentsRepository = ReturnType<typeof createExperimentsRepository>;
