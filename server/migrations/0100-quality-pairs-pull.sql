-- 0100: gold and repeat marks are pulled like the judgements.
--
-- A workstation that pulls another's ratings must know which of their pairs were gold (and which
-- side was broken) or repeats (and of which pair): without the mark it counts a broken render as a
-- provider's output in learning and exports, and its rater figures miss those answers. Fetching the
-- mark only with a pair it pulls would miss the pairs it pulled before it knew of marks, so the
-- table gets the same pull cursor as the others (see 0030): every workstation reads every mark once,
-- in (tx_id, server_seq) order. Marks already here get this migration's transaction and a number
-- each, so a workstation's first pull after it reads them all.

ALTER TABLE quality_pairs
  ADD COLUMN server_seq bigserial NOT NULL UNIQUE,
  ADD COLUMN tx_id xid8 NOT NULL DEFAULT pg_current_xact_id();
CREATE INDEX quality_pairs_cursor ON quality_pairs (tx_id, server_seq);

-- The trainers' INSERT grant (0080) still leaves these two columns to the server.
GRANT USAGE ON SEQUENCE quality_pairs_server_seq_seq TO latina_trainer;
GRANT ALL ON SEQUENCE quality_pairs_server_seq_seq TO latina_admin;
