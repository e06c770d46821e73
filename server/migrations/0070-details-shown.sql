-- 0070: each rating says whether the trainer saw the pair's details (provider, parameters, prompt
-- version or the model's prediction) while rating. Trainers rate blind by default; a rating given
-- with details on may be anchored by them, and the learners and exports can tell the two apart.
-- NULL: a rating from before this was recorded.
ALTER TABLE pair_ratings ADD COLUMN details_shown boolean;
GRANT INSERT (details_shown) ON pair_ratings TO latina_trainer;
