-- 0040: prompt versions, adopting the seed's table, and the admins' decisions about which one is
-- current.
--
-- Production may already hold the seed's prompt_versions (id SERIAL, version VARCHAR(50) UNIQUE,
-- prompt, negative_prompt, created_at TIMESTAMP, performance_score, usage_count) with rows in it.
-- This migration creates it only when it is missing and otherwise adds what is missing, column by
-- column: no row is rewritten or lost, and the seed's columns keep their meaning (prompt and
-- negative_prompt hold the Leonardo block's text; created_at stays a timestamp without zone, in UTC).
-- Rows that predate the workstations have no `content` and are not pulled to desktops.

CREATE TABLE IF NOT EXISTS prompt_versions (
  id SERIAL PRIMARY KEY,
  version VARCHAR(50) UNIQUE,
  prompt TEXT,
  negative_prompt TEXT,
  created_at TIMESTAMP DEFAULT NOW(),
  performance_score FLOAT,
  usage_count INTEGER DEFAULT 0
);

ALTER TABLE prompt_versions
  ADD COLUMN IF NOT EXISTS id serial,
  ADD COLUMN IF NOT EXISTS version varchar(50),
  ADD COLUMN IF NOT EXISTS prompt text,
  ADD COLUMN IF NOT EXISTS negative_prompt text,
  ADD COLUMN IF NOT EXISTS created_at timestamp DEFAULT now(),
  ADD COLUMN IF NOT EXISTS performance_score float,
  ADD COLUMN IF NOT EXISTS usage_count integer DEFAULT 0,
  -- The whole version file (the seed's JSON format), byte for byte as the workstation that made it
  -- had it: json, not jsonb, which would reorder keys and change its sha256.
  ADD COLUMN IF NOT EXISTS content json,
  ADD COLUMN IF NOT EXISTS sha256 text,
  ADD COLUMN IF NOT EXISTS parent_version text,
  ADD COLUMN IF NOT EXISTS created_by text,
  ADD COLUMN IF NOT EXISTS workstation_id text,
  ADD COLUMN IF NOT EXISTS received_at timestamptz DEFAULT now(),
  ADD COLUMN IF NOT EXISTS server_seq bigserial,
  ADD COLUMN IF NOT EXISTS tx_id xid8 NOT NULL DEFAULT pg_current_xact_id();

-- Workstations insert with ON CONFLICT (version) DO NOTHING, which needs a unique index on version;
-- the seed's UNIQUE gives one, and a table made without it gets one here.
DO $$
BEGIN
  IF NOT EXISTS (
    SELECT 1 FROM pg_index i
     WHERE i.indrelid = 'prompt_versions'::regclass AND i.indisunique AND i.indpred IS NULL
       AND i.indnkeyatts = 1 AND i.indkey[0] = (
         SELECT attnum FROM pg_attribute WHERE attrelid = 'prompt_versions'::regclass AND attname = 'version')
  ) THEN
    CREATE UNIQUE INDEX prompt_versions_version_unique ON prompt_versions (version);
  END IF;
END
$$;
CREATE INDEX IF NOT EXISTS prompt_versions_cursor ON prompt_versions (tx_id, server_seq);

-- The current-version pointer is not a mutable row but a log of the admins' decisions; every
-- workstation follows the latest one (by decided_at, then arrival). Only admins may add to it.
CREATE TABLE prompt_decisions (
  id text PRIMARY KEY,
  -- Not a foreign key: an admin may go back to a bundled version that was never shipped.
  version varchar(50) NOT NULL,
  decided_by text NOT NULL,
  decided_at timestamptz NOT NULL,
  note text NOT NULL DEFAULT '',
  workstation_id text NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now(),
  server_seq bigserial NOT NULL UNIQUE,
  tx_id xid8 NOT NULL DEFAULT pg_current_xact_id()
);
CREATE INDEX prompt_decisions_latest ON prompt_decisions (decided_at, server_seq);

GRANT SELECT, INSERT (version, prompt, negative_prompt, created_at, content, sha256, parent_version, created_by, workstation_id)
  ON prompt_versions TO latina_trainer;
GRANT SELECT ON prompt_decisions TO latina_trainer;
GRANT ALL ON prompt_versions, prompt_decisions TO latina_admin;
DO $$
DECLARE
  seq text;
BEGIN
  FOREACH seq IN ARRAY ARRAY[
    pg_get_serial_sequence('prompt_versions', 'id'),
    pg_get_serial_sequence('prompt_versions', 'server_seq')
  ] LOOP
    IF seq IS NOT NULL THEN
      EXECUTE format('GRANT USAGE ON SEQUENCE %s TO latina_trainer', seq);
      EXECUTE format('GRANT ALL ON SEQUENCE %s TO latina_admin', seq);
    END IF;
  END LOOP;
END
$$;
GRANT ALL ON SEQUENCE prompt_decisions_server_seq_seq TO latina_admin;
