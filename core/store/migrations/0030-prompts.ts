import type { Database } from 'better-sqlite3';

// Prompt evolution. The version files stay the source of truth (0010 indexes them); these
// tables record what happened around them: each evolution (running, done, failed with what to do),
// each variant it proposed with its guardrail verdict and its paired A/B test, and each decision
// on which version is current. Candidate-test pairs are found through their options (origin
// 'prompt-test', option B carrying the candidate's version), so no second link can go stale.
export function up(db: Database): void {
  db.exec(`
    CREATE TABLE prompt_evolutions (
      id TEXT PRIMARY KEY,
      trigger TEXT NOT NULL CHECK (trigger IN ('every_10_samples', 'low_performance', 'plateau', 'manual')),
      requested_by TEXT,
      evolver TEXT NOT NULL CHECK (evolver IN ('llm', 'offline', 'admin')),
      model TEXT,
      at_sample INTEGER NOT NULL,
      parent_version TEXT NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('running', 'done', 'failed')),
      started_at TEXT NOT NULL,
      finished_at TEXT,
      brief_json TEXT NOT NULL,
      error TEXT,
      error_action TEXT,
      usage_json TEXT,
      attempts INTEGER
    ) STRICT;
    CREATE INDEX prompt_evolutions_started ON prompt_evolutions (started_at);

    CREATE TABLE prompt_candidates (
      id TEXT PRIMARY KEY,
      evolution_id TEXT NOT NULL REFERENCES prompt_evolutions (id),
      variant INTEGER NOT NULL,
      version TEXT,
      status TEXT NOT NULL CHECK (status IN ('failed', 'rejected', 'queued', 'testing', 'won', 'lost', 'approved', 'declined')),
      proposal_json TEXT,
      verdict_json TEXT,
      error TEXT,
      error_action TEXT,
      test_number INTEGER UNIQUE,
      test_started_at TEXT,
      -- Option A's version in the paired test: the version that was current when the test began.
      test_baseline TEXT,
      decision_json TEXT,
      decided_at TEXT,
      created_at TEXT NOT NULL,
      UNIQUE (evolution_id, variant),
      CHECK (status IN ('failed', 'rejected') OR version IS NOT NULL)
    ) STRICT;
    CREATE INDEX prompt_candidates_status ON prompt_candidates (status, created_at);

    CREATE TABLE prompt_decisions (
      id TEXT PRIMARY KEY,
      action TEXT NOT NULL CHECK (action IN ('approve', 'reject', 'rollback', 'auto_adopt')),
      version TEXT NOT NULL,
      previous_version TEXT,
      candidate_id TEXT REFERENCES prompt_candidates (id),
      decided_by TEXT NOT NULL,
      decided_at TEXT NOT NULL,
      note TEXT
    ) STRICT;
  `);
}
