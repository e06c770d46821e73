-- 0030: the trainers' judgements. Immutable like on the desktop: an undo is a retraction row that
-- supersedes a rating, never an UPDATE or DELETE.
--
-- Pull cursor: each pulled table carries server_seq (arrival order) and tx_id (the inserting
-- transaction). A puller reads rows with (tx_id, server_seq) past its cursor and tx_id below the
-- oldest transaction still running (pg_snapshot_xmin): a bigserial alone is not enough, because a
-- transaction that took seq 10 can commit after one that took seq 11 was already pulled.

-- One pairwise judgement of an experiment: the outcome of the A/B comparison. The per-option
-- scores are in enhancement_ratings (the seed's table), two rows per pair rating.
CREATE TABLE pair_ratings (
  id text PRIMARY KEY,
  experiment_id text NOT NULL REFERENCES experiments (id),
  rated_by text NOT NULL REFERENCES raters (id),
  outcome text NOT NULL CHECK (outcome IN ('A', 'B', 'tie', 'both_bad')),
  shown_at timestamptz,
  answered_at timestamptz NOT NULL,
  workstation_id text NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now(),
  server_seq bigserial NOT NULL UNIQUE,
  tx_id xid8 NOT NULL DEFAULT pg_current_xact_id()
);
CREATE INDEX pair_ratings_cursor ON pair_ratings (tx_id, server_seq);
CREATE INDEX pair_ratings_experiment ON pair_ratings (experiment_id);

-- The seed's enhancement_ratings: one row per rated option (1–5 and the trainer's comment).
CREATE TABLE enhancement_ratings (
  rating_id text NOT NULL REFERENCES pair_ratings (id),
  option_label text NOT NULL CHECK (option_label IN ('A', 'B')),
  option_id text NOT NULL REFERENCES parameter_experiments (id),
  rating smallint NOT NULL CHECK (rating BETWEEN 1 AND 5),
  comment text NOT NULL DEFAULT '',
  PRIMARY KEY (rating_id, option_label)
);

CREATE TABLE rating_retractions (
  id text PRIMARY KEY,
  rating_id text NOT NULL UNIQUE REFERENCES pair_ratings (id),
  experiment_id text NOT NULL REFERENCES experiments (id),
  rated_by text NOT NULL REFERENCES raters (id),
  retracted_at timestamptz NOT NULL,
  workstation_id text NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now(),
  server_seq bigserial NOT NULL UNIQUE,
  tx_id xid8 NOT NULL DEFAULT pg_current_xact_id()
);
CREATE INDEX rating_retractions_cursor ON rating_retractions (tx_id, server_seq);

CREATE TABLE skips (
  id text PRIMARY KEY,
  experiment_id text NOT NULL REFERENCES experiments (id),
  rated_by text NOT NULL REFERENCES raters (id),
  reason text NOT NULL,
  skipped_at timestamptz NOT NULL,
  workstation_id text NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now(),
  server_seq bigserial NOT NULL UNIQUE,
  tx_id xid8 NOT NULL DEFAULT pg_current_xact_id()
);
CREATE INDEX skips_cursor ON skips (tx_id, server_seq);

-- What the optimizer learns from: rated options whose rating was not retracted.
CREATE VIEW effective_enhancement_ratings AS
  SELECT r.id AS rating_id, r.experiment_id, e.mode, er.option_label, er.option_id, p.provider, p.parameters,
         p.init_strength, p.guidance_scale, p.controlnet_weight, p.prompt_version, er.rating, er.comment,
         r.outcome, r.outcome = er.option_label AS preferred, r.rated_by, r.answered_at
    FROM pair_ratings r
    JOIN enhancement_ratings er ON er.rating_id = r.id
    JOIN parameter_experiments p ON p.id = er.option_id
    JOIN experiments e ON e.id = r.experiment_id
   WHERE NOT EXISTS (SELECT 1 FROM rating_retractions x WHERE x.rating_id = r.id);

GRANT SELECT, INSERT (id, experiment_id, rated_by, outcome, shown_at, answered_at, workstation_id) ON pair_ratings TO latina_trainer;
GRANT SELECT, INSERT (rating_id, option_label, option_id, rating, comment) ON enhancement_ratings TO latina_trainer;
GRANT SELECT, INSERT (id, rating_id, experiment_id, rated_by, retracted_at, workstation_id) ON rating_retractions TO latina_trainer;
GRANT SELECT, INSERT (id, experiment_id, rated_by, reason, skipped_at, workstation_id) ON skips TO latina_trainer;
GRANT SELECT ON effective_enhancement_ratings TO latina_trainer;
GRANT USAGE ON SEQUENCE pair_ratings_server_seq_seq, rating_retractions_server_seq_seq, skips_server_seq_seq TO latina_trainer;
GRANT ALL ON pair_ratings, enhancement_ratings, rating_retractions, skips, effective_enhancement_ratings TO latina_admin;
GRANT ALL ON SEQUENCE pair_ratings_server_seq_seq, rating_retractions_server_seq_seq, skips_server_seq_seq TO latina_admin;
