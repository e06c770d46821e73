import type { Database } from 'better-sqlite3';
import { notQualityPair } from './quality';
import type { RatingFigures } from './rating-figures';

export interface PromptIndexRow {
  version: string;
  origin: 'bundled' | 'local' | 'remote';
  file: string;
  parent_version: string | null;
  created_at: string;
  created_by: string;
  sha256: string;
}

/** The seed's `performance` block of a version, from the ratings of the options that used it. */
export interface VersionPerformance {
  avg_rating: number | null;
  sample_count: number;
  /** Share of its pairs against another version won (ties count half); null without such pairs. */
  win_rate: number | null;
  last_used: string | null;
}

export interface EvolutionRow {
  id: string;
  trigger: 'every_10_samples' | 'low_performance' | 'plateau' | 'manual';
  requested_by: string | null;
  /** `admin`: a manual edit, recorded like an evolution so it is tested the same way. */
  evolver: 'llm' | 'offline' | 'admin';
  model: string | null;
  at_sample: number;
  parent_version: string;
  status: 'running' | 'done' | 'failed';
  started_at: string;
  finished_at: string | null;
  brief_json: string;
  error: string | null;
  error_action: string | null;
  usage_json: string | null;
  attempts: number | null;
}

export type CandidateStatus = 'failed' | 'rejected' | 'queued' | 'testing' | 'won' | 'lost' | 'approved' | 'declined' | 'no_visible_effect';

export interface CandidateRow {
  id: string;
  evolution_id: string;
  variant: number;
  version: string | null;
  status: CandidateStatus;
  proposal_json: string | null;
  verdict_json: string | null;
  error: string | null;
  error_action: string | null;
  test_number: number | null;
  test_started_at: string | null;
  test_baseline: string | null;
  decision_json: string | null;
  decided_at: string | null;
  created_at: string;
}

export interface DecisionRow {
  id: string;
  action: 'approve' | 'reject' | 'rollback' | 'auto_adopt';
  version: string;
  previous_version: string | null;
  candidate_id: string | null;
  decided_by: string;
  decided_at: string;
  note: string | null;
}

/** One pair of a candidate's paired test, with its effective rating when it has one. */
/**
 * One pair of a prompt's paired test, read in the test's terms whichever side each version was
 * shown on: `rating_a` is the baseline's rating, `rating_b` the candidate's, and `outcome` 'A' means
 * the baseline was preferred, 'B' the candidate. `candidate_side` says where the candidate was shown.
 */
export interface TestPairRow {
  experiment_id: string;
  mode: string;
  status: string;
  source_sha256: string;
  parameters_json: string;
  seed: number;
  candidate_side: 'A' | 'B';
  rating_a: number | null;
  rating_b: number | null;
  outcome: 'A' | 'B' | 'tie' | 'both_bad' | null;
  rated_by: string | null;
  answered_at: string | null;
}

/**
 * SQLite indexes prompt versions for queries (the JSON files stay the source of truth) and records
 * the evolutions, candidates and decisions around them.
 */
export function createPromptIndexRepository(db: Database, figures: RatingFigures) {
  const upsert = db.prepare(
    `INSERT INTO prompt_versions (version, origin, file, parent_version, created_at, created_by, sha256)
     VALUES (@version, @origin, @file, @parent_version, @created_at, @created_by, @sha256)
     ON CONFLICT (version) DO UPDATE SET origin = excluded.origin, file = excluded.file, sha256 = excluded.sha256`,
  );
  const all = db.prepare('SELECT * FROM prompt_versions ORDER BY created_at, version');
  const performance = db.prepare(
    `SELECT o.prompt_version AS version,
            avg(CASE o.label WHEN 'A' THEN r.rating_a ELSE r.rating_b END) AS avg_rating,
            count(*) AS sample_count,
            sum(CASE WHEN other.prompt_version <> o.prompt_version THEN 1 ELSE 0 END) AS contested,
            sum(CASE WHEN other.prompt_version <> o.prompt_version THEN
                  CASE WHEN r.outcome = o.label THEN 1.0 WHEN r.outcome = 'tie' THEN 0.5 ELSE 0 END ELSE 0 END) AS wins,
            max(r.answered_at) AS last_used
       FROM effective_ratings r
       JOIN options o ON o.experiment_id = r.experiment_id
       JOIN options other ON other.experiment_id = r.experiment_id AND other.label <> o.label
      WHERE ${notQualityPair('r.experiment_id')}
      GROUP BY o.prompt_version`,
  );
  // Just the numbers, in rating order: the triggers read them after every rating.
  const recentSamples = db.prepare(
    `SELECT CASE o.label WHEN 'A' THEN r.rating_a ELSE r.rating_b END AS rating
       FROM effective_ratings r JOIN options o ON o.experiment_id = r.experiment_id
      ORDER BY r.answered_at DESC, r.seq DESC, o.label DESC
      LIMIT ?`,
  );
  const insertEvolution = db.prepare(
    `INSERT INTO prompt_evolutions (id, trigger, requested_by, evolver, model, at_sample, parent_version, status, started_at, brief_json)
     VALUES (@id, @trigger, @requested_by, @evolver, @model, @at_sample, @parent_version, 'running', @started_at, @brief_json)`,
  );
  const finishEvolution = db.prepare(
    `UPDATE prompt_evolutions SET status = @status, finished_at = @finished_at, error = @error, error_action = @error_action,
       usage_json = @usage_json, attempts = @attempts WHERE id = @id`,
  );
  const interrupt = db.prepare(
    `UPDATE prompt_evolutions SET status = 'failed', finished_at = ?, error = 'The app stopped while this evolution ran.',
       error_action = 'Press "Evolve now" to run it again.' WHERE status = 'running'`,
  );
  const evolutions = db.prepare('SELECT * FROM prompt_evolutions ORDER BY started_at DESC, id DESC LIMIT ?');
  const evolution = db.prepare('SELECT * FROM prompt_evolutions WHERE id = ?');
  const lastEvolution = db.prepare('SELECT * FROM prompt_evolutions ORDER BY started_at DESC, id DESC LIMIT 1');
  const evolutionCount = db.prepare('SELECT count(*) AS n FROM prompt_evolutions');
  const insertCandidate = db.prepare(
    `INSERT INTO prompt_candidates (id, evolution_id, variant, version, status, proposal_json, verdict_json, error, error_action, created_at)
     VALUES (@id, @evolution_id, @variant, @version, @status, @proposal_json, @verdict_json, @error, @error_action, @created_at)`,
  );
  const candidatesOf = db.prepare('SELECT * FROM prompt_candidates WHERE evolution_id = ? ORDER BY variant');
  const candidate = db.prepare('SELECT * FROM prompt_candidates WHERE id = ?');
  const byStatus = db.prepare('SELECT * FROM prompt_candidates WHERE status = ? ORDER BY created_at, variant');
  const startTest = db.prepare(`UPDATE prompt_candidates SET status = 'testing', test_number = ?, test_started_at = ?, test_baseline = ? WHERE id = ?`);
  const setStatus = db.prepare('UPDATE prompt_candidates SET status = ?, decision_json = coalesce(?, decision_json), decided_at = coalesce(?, decided_at) WHERE id = ?');
  const maxTest = db.prepare('SELECT coalesce(max(test_number), 0) AS n FROM prompt_candidates');
  const insertDecision = db.prepare(
    `INSERT INTO prompt_decisions (id, action, version, previous_version, candidate_id, decided_by, decided_at, note)
     VALUES (@id, @action, @version, @previous_version, @candidate_id, @decided_by, @decided_at, @note)`,
  );
  const decisions = db.prepare('SELECT * FROM prompt_decisions ORDER BY decided_at DESC, rowid DESC LIMIT ?');
  const decisionsFor = db.prepare('SELECT * FROM prompt_decisions WHERE candidate_id = ? ORDER BY decided_at DESC, rowid DESC LIMIT 1');
  // The decision travels like a rating: an outbox row in the same transaction (core/sync ships it).
  const outbox = db.prepare(`INSERT INTO outbox (entity, entity_id, payload_json, created_at) VALUES ('prompt_decision', ?, ?, ?)`);
  const testPairs = db.prepare(
    `SELECT e.id AS experiment_id, e.mode, e.status, e.source_sha256, c.parameters_json, c.seed, c.label AS candidate_side,
            CASE base.label WHEN 'A' THEN r.rating_a ELSE r.rating_b END AS rating_a,
            CASE c.label WHEN 'A' THEN r.rating_a ELSE r.rating_b END AS rating_b,
            CASE WHEN r.outcome = c.label THEN 'B' WHEN r.outcome = base.label THEN 'A' ELSE r.outcome END AS outcome,
            r.rated_by, r.answered_at
       FROM experiments e
       JOIN options base ON base.experiment_id = e.id AND base.origin = 'prompt-test' AND base.prompt_version = ?
       JOIN options c ON c.experiment_id = e.id AND c.origin = 'prompt-test' AND c.prompt_version = ? AND c.label <> base.label
       LEFT JOIN effective_ratings r ON r.experiment_id = e.id
      WHERE ${notQualityPair('e.id')}
      ORDER BY e.created_at, e.id`,
  );

  return {
    upsert(row: PromptIndexRow): void {
      upsert.run(row);
    },
    list(): PromptIndexRow[] {
      return all.all() as PromptIndexRow[];
    },
    performance(): Map<string, VersionPerformance> {
      const rows = performance.all() as { version: string; avg_rating: number; sample_count: number; contested: number; wins: number; last_used: string }[];
      return new Map(
        rows.map((r) => [
          r.version,
          { avg_rating: r.avg_rating, sample_count: r.sample_count, win_rate: r.contested ? r.wins / r.contested : null, last_used: r.last_used },
        ]),
      );
    },
    /** How many options were rated (both modes): the triggers' sample count. */
    sampleCount: (): number => figures.sampleCount(),
    /** The last `limit` rated options' ratings (both modes), oldest first. */
    recentSampleRatings(limit: number): number[] {
      return (recentSamples.all(limit) as { rating: number }[]).map((r) => r.rating).reverse();
    },
    /** The mean rating of the options made with `version`; null before it was rated. */
    versionMean: (version: string): number | null => figures.versionMean(version),
    startEvolution(row: Pick<EvolutionRow, 'id' | 'trigger' | 'requested_by' | 'evolver' | 'model' | 'at_sample' | 'parent_version' | 'started_at' | 'brief_json'>): void {
      insertEvolution.run(row);
    },
    finishEvolution(row: Pick<EvolutionRow, 'id' | 'status' | 'finished_at' | 'error' | 'error_action' | 'usage_json' | 'attempts'>): void {
      finishEvolution.run(row);
    },
    /** Evolutions a stopped app left running end as failed, with what to do. */
    interruptRunning(now: string): number {
      return interrupt.run(now).changes;
    },
    evolutions(limit: number): EvolutionRow[] {
      return evolutions.all(limit) as EvolutionRow[];
    },
    evolution(id: string): EvolutionRow | null {
      return (evolution.get(id) as EvolutionRow | undefined) ?? null;
    },
    lastEvolution(): EvolutionRow | null {
      return (lastEvolution.get() as EvolutionRow | undefined) ?? null;
    },
    /** How many evolutions were recorded on this workstation, of every kind and outcome. */
    evolutionCount(): number {
      return (evolutionCount.get() as { n: number }).n;
    },
    addCandidate(row: Omit<CandidateRow, 'test_number' | 'test_started_at' | 'test_baseline' | 'decision_json' | 'decided_at'>, version?: PromptIndexRow): void {
      // The version's index row (whose trigger writes its outbox row) and the candidate in one go.
      db.transaction(() => {
        if (version) upsert.run(version);
        insertCandidate.run(row);
      })();
    },
    candidatesOf(evolutionId: string): CandidateRow[] {
      return candidatesOf.all(evolutionId) as CandidateRow[];
    },
    candidate(id: string): CandidateRow | null {
      return (candidate.get(id) as CandidateRow | undefined) ?? null;
    },
    candidatesWithStatus(status: CandidateStatus): CandidateRow[] {
      return byStatus.all(status) as CandidateRow[];
    },
    nextTestNumber(atLeast: number): number {
      return Math.max(atLeast, (maxTest.get() as { n: number }).n + 1);
    },
    startTest(id: string, testNumber: number, at: string, baseline: string): void {
      startTest.run(testNumber, at, baseline, id);
    },
    setCandidateStatus(id: string, status: CandidateStatus, decision: { json: string | null; at: string } | null = null): void {
      setStatus.run(status, decision?.json ?? null, decision?.at ?? null, id);
    },
    /** Records a decision; one that makes a version current is also queued for the sync. */
    decide(row: DecisionRow, candidateStatus: CandidateStatus | null): void {
      db.transaction(() => {
        insertDecision.run(row);
        if (row.candidate_id && candidateStatus) setStatus.run(candidateStatus, null, null, row.candidate_id);
        if (row.action !== 'reject') {
          const payload = { id: row.id, version: row.version, decided_by: row.decided_by, decided_at: row.decided_at, ...(row.note ? { note: row.note } : {}) };
          outbox.run(row.id, JSON.stringify(payload), row.decided_at);
        }
      })();
    },
    decisions(limit: number): DecisionRow[] {
      return decisions.all(limit) as DecisionRow[];
    },
    decisionFor(candidateId: string): DecisionRow | null {
      return (decisionsFor.get(candidateId) as DecisionRow | undefined) ?? null;
    },
    testPairs(baseline: string, candidateVersion: string): TestPairRow[] {
      return testPairs.all(baseline, candidateVersion) as TestPairRow[];
    },
  };
}
export type PromptIndexRepository = ReturnType<typeof createPromptIndexRepository>;
