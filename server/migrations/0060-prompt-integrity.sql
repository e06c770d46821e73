-- 0060: prompt versions name the login that shipped them, and decisions name a version's content.
--
-- Version names are first come, first served, so a name alone cannot say which text an admin
-- approved. A decision now carries the sha256 of the version file it makes current, and a
-- workstation follows it only when its own copy of that version hashes the same. Decisions that
-- carry no hash (from before this migration, or written by hand) still name the version only.
-- Workstations follow the decision that reached the server last (server_seq), never the
-- decided_at their clocks wrote.
ALTER TABLE prompt_decisions ADD COLUMN sha256 text CHECK (sha256 IS NULL OR sha256 ~ '^[0-9a-f]{64}$');

-- created_by of a version row is the login that inserted it: filled in by the server, and a
-- trainer may not name anyone else. (The file's own created_by, e.g. the evolver, is in content.)
CREATE FUNCTION latina_version_creator() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
BEGIN
  IF NEW.created_by IS NULL THEN
    NEW.created_by := session_user;
  ELSIF NEW.created_by IS DISTINCT FROM session_user::text AND NOT latina_session_is_admin() THEN
    RAISE EXCEPTION 'prompt version % names % as its creator; login % may insert only versions it creates', NEW.version, NEW.created_by, session_user
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER prompt_versions_creator BEFORE INSERT ON prompt_versions FOR EACH ROW EXECUTE FUNCTION latina_version_creator();
