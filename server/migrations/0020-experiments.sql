-- 0020: what was shown to trainers: raters, images, experiments and their options.
--
-- Every id is made on a desktop (ULIDs, image sha256), so a workstation that ships the same rows
-- twice (a retry, or a crash after the server's commit) hits the primary key and its
-- `INSERT … ON CONFLICT DO NOTHING` changes nothing. Rows are never updated by the app.

CREATE TABLE raters (
  id text PRIMARY KEY CHECK (length(id) BETWEEN 2 AND 200),
  first_seen_at timestamptz NOT NULL DEFAULT now()
);

-- One row per stored picture (source render or generated option); the bytes live in S3 at
-- images/<sha256>.<jpg|png|webp>. A workstation with a bucket configured uploads the file before
-- it inserts the row, so a row here normally means the file can be fetched by its hash.
-- source_name is set for source renders.
CREATE TABLE images (
  sha256 text PRIMARY KEY CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  mime text NOT NULL CHECK (mime IN ('image/jpeg', 'image/png', 'image/webp')),
  width integer NOT NULL CHECK (width > 0),
  height integer NOT NULL CHECK (height > 0),
  bytes bigint NOT NULL CHECK (bytes > 0),
  source_name text,
  workstation_id text NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE experiments (
  id text PRIMARY KEY CHECK (id LIKE 'exp\_%'),
  source_sha256 text NOT NULL REFERENCES images (sha256),
  mode text NOT NULL CHECK (mode IN ('structure', 'surfaces')),
  project_id text,
  site_visit_id text,
  created_at timestamptz NOT NULL,
  ready_at timestamptz,
  workstation_id text NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now()
);

-- The seed's parameter_experiments: one row per generated option, i.e. one tested point of the
-- parameter space. `parameters` keeps the provider's own names (Stable Diffusion says strength and
-- controlnet_conditioning_scale); the generated columns give every provider the seed's three axes
-- for queries.
CREATE TABLE parameter_experiments (
  id text PRIMARY KEY,
  experiment_id text NOT NULL REFERENCES experiments (id),
  label text NOT NULL CHECK (label IN ('A', 'B')),
  provider text NOT NULL,
  parameters jsonb NOT NULL,
  init_strength double precision
    GENERATED ALWAYS AS (coalesce((parameters ->> 'init_strength')::float8, (parameters ->> 'strength')::float8)) STORED,
  guidance_scale double precision GENERATED ALWAYS AS ((parameters ->> 'guidance_scale')::float8) STORED,
  controlnet_weight double precision
    GENERATED ALWAYS AS (coalesce((parameters ->> 'controlnet_weight')::float8, (parameters ->> 'controlnet_conditioning_scale')::float8)) STORED,
  origin text NOT NULL,
  prompt_version text NOT NULL,
  seed bigint NOT NULL,
  output_sha256 text REFERENCES images (sha256),
  latency_ms double precision,
  cost_usd double precision,
  received_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (experiment_id, label)
);

GRANT SELECT, INSERT (id) ON raters TO latina_trainer;
GRANT SELECT, INSERT (sha256, mime, width, height, bytes, source_name, workstation_id) ON images TO latina_trainer;
GRANT SELECT, INSERT (id, source_sha256, mode, project_id, site_visit_id, created_at, ready_at, workstation_id)
  ON experiments TO latina_trainer;
GRANT SELECT, INSERT (id, experiment_id, label, provider, parameters, origin, prompt_version, seed, output_sha256, latency_ms, cost_usd)
  ON parameter_experiments TO latina_trainer;
GRANT ALL ON raters, images, experiments, parameter_experiments TO latina_admin;
