-- 0050: every judgement is tied to the login that shipped it.
--
-- A rater id ("ana@studio", "Ana Lima") is what a trainer types on the workstation; the login is
-- the PostgreSQL role the workstation syncs with. Each rater id belongs to one login: the one that
-- first registered it, or the one an admin named. A trainer login may then insert ratings, skips,
-- per-option scores and retractions only under rater ids it owns, and retract only its own ratings,
-- so a stolen or buggy workstation can neither forge a colleague's ratings nor erase them.
-- Admins are not held to it: they may already correct and delete anything.
--
-- An admin registers or moves a rater id with, for example:
--   INSERT INTO raters (id, login) VALUES ('ana@studio', 'ana');
--   UPDATE raters SET login = 'ana' WHERE id = 'ana@studio';

-- Rows from before this migration keep a null login: the first login that ships under such an id
-- claims it (the server cannot tell who registered it).
ALTER TABLE raters ADD COLUMN login text;
ALTER TABLE raters ALTER COLUMN login SET DEFAULT session_user;
CREATE INDEX raters_login ON raters (login);

-- session_user, not current_user: it is the login, whatever role a session SETs, and it stays the
-- login inside the SECURITY DEFINER functions below.
CREATE FUNCTION latina_session_is_admin() RETURNS boolean
  LANGUAGE sql STABLE
  AS $$ SELECT pg_has_role(session_user, 'latina_admin', 'MEMBER') $$;

-- SECURITY DEFINER (here and in the triggers): a trainer may not UPDATE raters, but claiming an
-- unowned id must write it.
CREATE FUNCTION latina_check_rater(rater text) RETURNS void
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
DECLARE
  owner text;
BEGIN
  IF latina_session_is_admin() THEN
    RETURN;
  END IF;
  UPDATE raters SET login = session_user WHERE id = rater AND login IS NULL;
  SELECT login INTO owner FROM raters WHERE id = rater;
  IF owner IS DISTINCT FROM session_user THEN
    RAISE EXCEPTION 'rater id "%" is not registered to login %', rater, session_user
      USING ERRCODE = 'insufficient_privilege',
            HINT = 'Each rater id belongs to one login. An admin can move it: UPDATE raters SET login = ''<login>'' WHERE id = ''<rater id>'';';
  END IF;
END
$$;

-- A trainer cannot set the owner of a rater id it registers: it is always its own login.
CREATE FUNCTION latina_raters_owner() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
BEGIN
  IF NOT latina_session_is_admin() THEN
    NEW.login := session_user;
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER raters_owner BEFORE INSERT ON raters FOR EACH ROW EXECUTE FUNCTION latina_raters_owner();

CREATE FUNCTION latina_judgement_owner() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
BEGIN
  PERFORM latina_check_rater(NEW.rated_by);
  RETURN NEW;
END
$$;
CREATE TRIGGER pair_ratings_owner BEFORE INSERT ON pair_ratings FOR EACH ROW EXECUTE FUNCTION latina_judgement_owner();
CREATE TRIGGER skips_owner BEFORE INSERT ON skips FOR EACH ROW EXECUTE FUNCTION latina_judgement_owner();

-- The per-option scores belong to the pair rating they hang off: nobody completes a colleague's.
CREATE FUNCTION latina_score_owner() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
DECLARE
  rater text;
BEGIN
  IF latina_session_is_admin() THEN
    RETURN NEW;
  END IF;
  SELECT rated_by INTO rater FROM pair_ratings WHERE id = NEW.rating_id;
  IF rater IS NOT NULL THEN
    PERFORM latina_check_rater(rater);
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER enhancement_ratings_owner BEFORE INSERT ON enhancement_ratings FOR EACH ROW EXECUTE FUNCTION latina_score_owner();

-- A retraction names the rating it withdraws; a trainer withdraws only a rating of its own rater
-- id, under that same id, on that rating's pair.
CREATE FUNCTION latina_retraction_owner() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
DECLARE
  rating record;
BEGIN
  IF latina_session_is_admin() THEN
    RETURN NEW;
  END IF;
  PERFORM latina_check_rater(NEW.rated_by);
  SELECT rated_by, experiment_id INTO rating FROM pair_ratings WHERE id = NEW.rating_id;
  IF FOUND AND (rating.rated_by IS DISTINCT FROM NEW.rated_by OR rating.experiment_id IS DISTINCT FROM NEW.experiment_id) THEN
    RAISE EXCEPTION 'rating % was given by rater id "%"; "%" may not retract it', NEW.rating_id, rating.rated_by, NEW.rated_by
      USING ERRCODE = 'insufficient_privilege',
            HINT = 'A trainer retracts only their own ratings; an admin may correct others.';
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER rating_retractions_owner BEFORE INSERT ON rating_retractions FOR EACH ROW EXECUTE FUNCTION latina_retraction_owner();

-- Only the triggers above (which run as the owner) call it.
REVOKE ALL ON FUNCTION latina_check_rater(text) FROM PUBLIC;
