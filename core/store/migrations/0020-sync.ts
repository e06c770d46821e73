import type { Database } from 'better-sqlite3';

// What the sync (core/sync) keeps on the desktop. The outbox itself predates it (0010); this adds
// the batch an outbox row was shipped in, cursors, and room for rows pulled from other workstations.
export function up(db: Database): void {
  db.exec(`
    -- Small named values: this workstation's id, pull cursors, the last successful sync.
    CREATE TABLE sync_state (
      key TEXT PRIMARY KEY,
      value_json TEXT NOT NULL
    ) STRICT;
    -- Made once per data folder; it names this workstation's rows on the server and its S3 batches.
    INSERT INTO sync_state (key, value_json) VALUES ('workstation_id', json_quote('ws_' || lower(hex(randomblob(8)))));

    -- A batch is fixed when it is first shipped, so a retry after a crash resends exactly the same
    -- rows under the same S3 keys instead of a different mix that would duplicate NDJSON lines.
    ALTER TABLE outbox ADD COLUMN batch_id TEXT;
    CREATE INDEX outbox_open_batch ON outbox (batch_id) WHERE batch_id IS NOT NULL AND shipped_at IS NULL;

    -- Images known to be in the bucket, so a render used by a thousand pairs is checked once.
    CREATE TABLE sync_uploaded_images (
      sha256 TEXT PRIMARY KEY
    ) STRICT;

    -- Pairs pulled from other workstations: never in this workstation's queue, their status follows
    -- the pulled ratings, and their image files arrive on demand.
    CREATE TABLE sync_remote_experiments (
      experiment_id TEXT PRIMARY KEY REFERENCES experiments (id),
      workstation_id TEXT NOT NULL,
      pulled_at TEXT NOT NULL
    ) STRICT;

    -- Source renders that arrived with pulled pairs. Their files may not be here, so they stay out
    -- of the pool new pairs are drawn from until this workstation adds the same render itself.
    CREATE TABLE sync_remote_sources (
      sha256 TEXT PRIMARY KEY REFERENCES source_images (sha256)
    ) STRICT;
    CREATE TRIGGER sync_source_added_here AFTER UPDATE ON source_images
      BEGIN DELETE FROM sync_remote_sources WHERE sha256 = NEW.sha256; END;

    -- Prompt versions made on this workstation are announced like ratings, in the transaction that
    -- indexes them (bundled and pulled versions are not ours to ship). The clock is SQLite's: the
    -- prompt index is written by code that does not know about the outbox.
    CREATE TRIGGER sync_prompt_version_outbox AFTER INSERT ON prompt_versions WHEN NEW.origin = 'local'
      BEGIN
        INSERT INTO outbox (entity, entity_id, payload_json, created_at)
        VALUES ('prompt_version', NEW.version,
                json_object('version', NEW.version, 'file', NEW.file, 'sha256', NEW.sha256,
                            'parent_version', NEW.parent_version, 'created_at', NEW.created_at, 'created_by', NEW.created_by),
                strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
      END;
    INSERT INTO outbox (entity, entity_id, payload_json, created_at)
      SELECT 'prompt_version', version,
             json_object('version', version, 'file', file, 'sha256', sha256, 'parent_version', parent_version,
                         'created_at', created_at, 'created_by', created_by),
             strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
        FROM prompt_versions WHERE origin = 'local' ORDER BY created_at, version;
  `);
}
