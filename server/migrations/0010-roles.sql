-- 0010: the bookkeeping table and the two group roles every later migration grants to.
--
-- Run by an admin with `npm run db:migrate -- <connection string>`; the runner applies each
-- pending file and records it in schema_version in the same transaction. The desktop app never
-- runs DDL: it reads max(version) here and refuses to sync when the server is older or newer
-- than the schema it was built for.

CREATE TABLE IF NOT EXISTS schema_version (
  version integer PRIMARY KEY CHECK (version > 0 AND version % 10 = 0),
  name text NOT NULL,
  applied_at timestamptz NOT NULL DEFAULT now()
);

-- Roles are cluster-wide, so a second database on the same server finds them already there.
--
-- latina_trainer: the group of the trainers' login roles (their workstations sync with those
--   credentials). It may INSERT new rows and SELECT everything it pulls, and never UPDATE, DELETE
--   or TRUNCATE: a stolen or buggy workstation can add ratings, not rewrite or erase the team's.
--   The columns the server fills (server_seq, tx_id, received_at) are not in its INSERT grant, so
--   it cannot forge the order in which other workstations pull.
-- latina_admin: the group of the admins' login roles: everything on the tables (corrections,
--   deletions on request, prompt decisions), and membership of latina_trainer so an admin's
--   workstation syncs like any other.
--
-- Add people with, for example:
--   CREATE ROLE ana LOGIN PASSWORD '…' IN ROLE latina_trainer;
--   CREATE ROLE lea LOGIN PASSWORD '…' IN ROLE latina_admin;
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'latina_trainer') THEN
    CREATE ROLE latina_trainer NOLOGIN;
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'latina_admin') THEN
    CREATE ROLE latina_admin NOLOGIN;
  END IF;
END
$$;
GRANT latina_trainer TO latina_admin;

GRANT USAGE ON SCHEMA public TO latina_trainer;
GRANT SELECT ON schema_version TO latina_trainer;
GRANT ALL ON schema_version TO latina_admin;
