-- 0090: overlap, a share of the rated pairs offered to a second trainer so agreement can be
-- measured across people.
--
-- A workstation claims another trainer's rated pair by inserting its row here: the primary key on
-- the original pair is what gives it to exactly one second trainer (whoever inserts first; the
-- others' ON CONFLICT DO NOTHING returns nothing). The claimant shows a copy of the pair
-- (copy_experiment_id, sides drawn by a coin: swapped) that ships like any of its pairs; the copy's
-- rating is the answer. Insert-only like the ratings: a trainer's login can claim, never reassign.
-- A workstation that reads a copy's pair finds here which pair it copies, so the rater figures
-- compare the two trainers' answers and learning uses the pair once.

CREATE TABLE overlap_claims (
  experiment_id text PRIMARY KEY REFERENCES experiments (id),
  -- The trainer who rated the original: never the claimant.
  origin_rater text NOT NULL,
  -- Not a foreign key: the copy reaches the server with the claimant's next push, after the claim.
  copy_experiment_id text NOT NULL UNIQUE,
  claimed_by text NOT NULL,
  workstation_id text NOT NULL,
  swapped boolean NOT NULL,
  claimed_at timestamptz NOT NULL DEFAULT now(),
  CHECK (claimed_by <> origin_rater),
  CHECK (copy_experiment_id <> experiment_id)
);
CREATE INDEX overlap_claims_workstation ON overlap_claims (workstation_id);

GRANT SELECT, INSERT (experiment_id, origin_rater, copy_experiment_id, claimed_by, workstation_id, swapped) ON overlap_claims TO latina_trainer;
GRANT ALL ON overlap_claims TO latina_admin;
