-- 0080: which pairs were made to measure the trainers, not the enhancer.
--
-- A gold pair has one option deliberately broken (broken_label, by defect); a repeat shows an
-- already-rated pair again with its sides swapped (repeat_of). They look like any other pair on
-- screen. The workstation ships the mark with the pair, so a dataset exported from the server
-- leaves them out as one exported from the workstation does, and the rater figures computed from
-- the whole team's answers find them. Immutable like the pairs: inserted once, never updated.

CREATE TABLE quality_pairs (
  experiment_id text PRIMARY KEY REFERENCES experiments (id),
  kind text NOT NULL CHECK (kind IN ('gold', 'repeat')),
  broken_label text CHECK (broken_label IN ('A', 'B')),
  defect text CHECK (defect IN ('warp', 'blur', 'colour_cast', 'lost_edges')),
  -- Not a foreign key: the repeated pair normally reached the server first, but a batch refused
  -- for another reason must not hold this one up.
  repeat_of text,
  created_at timestamptz NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now(),
  CHECK (
    (kind = 'gold' AND broken_label IS NOT NULL AND defect IS NOT NULL AND repeat_of IS NULL)
    OR (kind = 'repeat' AND repeat_of IS NOT NULL AND broken_label IS NULL AND defect IS NULL)
  )
);

GRANT SELECT, INSERT (experiment_id, kind, broken_label, defect, repeat_of, created_at) ON quality_pairs TO latina_trainer;
GRANT ALL ON quality_pairs TO latina_admin;
