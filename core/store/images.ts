import type { Database } from 'better-sqlite3';
import type { ImageRecord, SourceRecord } from './types';

export function createImagesRepository(db: Database, now: () => string) {
  const insertImage = db.prepare(
    'INSERT OR IGNORE INTO images (sha256, mime, width, height, bytes, created_at) VALUES (@sha256, @mime, @width, @height, @bytes, @created_at)',
  );
  const insertSource = db.prepare(
    `INSERT INTO source_images (sha256, name, sample_id, created_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (sha256) DO UPDATE SET sample_id = coalesce(source_images.sample_id, excluded.sample_id)`,
  );
  const selectImage = db.prepare('SELECT sha256, mime, width, height, bytes FROM images WHERE sha256 = ?');
  const selectSource = db.prepare(
    'SELECT i.sha256, i.mime, i.width, i.height, i.bytes, s.name, s.sample_id FROM source_images s JOIN images i USING (sha256) WHERE s.sha256 = ?',
  );
  const selectSample = db.prepare(
    'SELECT i.sha256, i.mime, i.width, i.height, i.bytes, s.name, s.sample_id FROM source_images s JOIN images i USING (sha256) WHERE s.sample_id = ?',
  );
  // Sources used least often come first, so the prefetch queue spreads ratings over all renders.
  // Renders that only arrived with other workstations' pairs (sync) may have no file here: left out.
  const selectPool = db.prepare(
    `SELECT i.sha256, i.mime, i.width, i.height, i.bytes, s.name, s.sample_id
       FROM source_images s JOIN images i USING (sha256)
       LEFT JOIN experiments e ON e.source_sha256 = s.sha256 AND e.mode = ?
      WHERE s.sha256 NOT IN (SELECT sha256 FROM sync_remote_sources)
      GROUP BY s.sha256 ORDER BY count(e.id), s.created_at, s.sha256`,
  );
  return {
    record(image: ImageRecord): void {
      insertImage.run({ ...image, created_at: now() });
    },
    recordSource(image: ImageRecord, name: string, sampleId: string | null = null): void {
      insertImage.run({ ...image, created_at: now() });
      insertSource.run(image.sha256, name, sampleId, now());
    },
    get(sha256: string): ImageRecord | undefined {
      return selectImage.get(sha256) as ImageRecord | undefined;
    },
    source(sha256: string): SourceRecord | undefined {
      return selectSource.get(sha256) as SourceRecord | undefined;
    },
    sample(sampleId: string): SourceRecord | undefined {
      return selectSample.get(sampleId) as SourceRecord | undefined;
    },
    leastUsedSources(mode: string): SourceRecord[] {
      return selectPool.all(mode) as SourceRecord[];
    },
  };
}
export type ImagesRepository = ReturnType<typeof createImagesRepository>;
