import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createImageStore } from '../../../core/images';
import { createPromptValidator, loadPromptLibrary } from '../../../core/prompts';
import type { Store } from '../../../core/store';
import { repoRoot } from '../../helpers/service';
import { createSite, dataDir, startServers, type Servers } from './servers';
import { createWorkstation, newId } from './workstation';

let servers: Servers;
beforeAll(async () => {
  servers = await startServers();
});
afterAll(async () => {
  await servers?.close();
});

/** A prompt version made on this workstation: its file in the data folder, indexed as 'local'. */
function makeLocalVersion(dir: string, store: Store) {
  const base = JSON.parse(readFileSync(join(repoRoot, 'prompts/versions/v1.0.0.json'), 'utf8'));
  const version = { ...base, version: 'v1.1.0', parent_version: 'v1.0.0', created_at: '2026-02-01T09:00:00Z', created_by: 'evolver' };
  version.leonardo = { ...base.leonardo, prompt: `${base.leonardo.prompt}, warm evening light` };
  const text = `${JSON.stringify(version, null, 2)}\n`;
  const versionsDir = join(dir, 'prompts', 'versions');
  mkdirSync(versionsDir, { recursive: true });
  writeFileSync(join(versionsDir, 'v1.1.0.json'), text);
  store.prompts.upsert({
    version: 'v1.1.0',
    origin: 'local',
    file: 'v1.1.0.json',
    parent_version: 'v1.0.0',
    created_at: version.created_at,
    created_by: 'evolver',
    sha256: createHash('sha256').update(text).digest('hex'),
  });
  return text;
}

describe('sync round trip', () => {
  it('ships ratings, retractions, skips, pairs, images and a prompt version, and a second workstation pulls them', async () => {
    const site = await createSite(servers);
    const ws1 = await createWorkstation(dataDir(servers), site.config);
    const ws2 = await createWorkstation(dataDir(servers), site.config);
    try {
      const rated = [await ws1.rateNew('ana@studio'), await ws1.rateNew('ana@studio'), await ws1.rateNew('Ana Lima')];
      expect(ws1.store.ratings.undoLast('Ana Lima', newId('rat'))?.id).toBe(rated[2]);
      const skipped = await ws1.pair();
      ws1.store.ratings.skip(newId('skp'), skipped, 'ana@studio', 'Both identical');
      // A pair whose generation failed is never announced; skipping it must still ship.
      const failed = await ws1.pair('Option A (local) failed: provider down');
      ws1.store.ratings.skip(newId('skp'), failed, 'ana@studio', 'Generation failed');
      const versionText = makeLocalVersion(ws1.dataDir, ws1.store);
      const pending = ws1.store.outbox.pendingCount();
      expect(ws1.sync.status()).toMatchObject({ state: 'idle', pending });

      const report = await ws1.sync.syncNow();
      expect(report).toMatchObject({ state: 'idle', shipped: pending, error: null });
      expect(ws1.sync.status()).toMatchObject({ state: 'idle', pending: 0, last_error: null });
      expect(ws1.sync.status().last_success_at).not.toBeNull();

      // PostgreSQL holds each row once, with the per-option scores of the seed's enhancement_ratings.
      const db = site.database;
      const count = async (table: string) => Number((await servers.pg.query<{ n: string }>(db, `SELECT count(*) AS n FROM ${table}`))[0]!.n);
      expect(await count('pair_ratings')).toBe(3);
      expect(await count('enhancement_ratings')).toBe(6);
      expect(await count('rating_retractions')).toBe(1);
      expect(await count('skips')).toBe(2);
      expect(await count('experiments')).toBe(5);
      expect(await count('parameter_experiments')).toBe(10);
      expect((await servers.pg.query(db, 'SELECT id FROM raters ORDER BY id')).map((r) => r.id)).toEqual(['Ana Lima', 'ana@studio']);
      const local = ws1.store.ratings.ratedOptions().map((o) => [o.rating_id, o.label, o.rating, o.comment]);
      const remote = await servers.pg.query(
        db,
        'SELECT rating_id, option_label, rating, comment FROM effective_enhancement_ratings ORDER BY answered_at, rating_id, option_label',
      );
      expect(remote.map((r) => [r.rating_id, r.option_label, r.rating, r.comment])).toEqual(local);
      // Whether the trainer saw the pair's details travels with each rating, both ways.
      const detailsOf = (store: Store) =>
        (store.forTests().prepare("SELECT id, details_shown FROM ratings WHERE kind = 'rating' ORDER BY id").all() as { id: string; details_shown: number }[]).map(
          (r) => [r.id, r.details_shown === 1],
        );
      const shownLocally = detailsOf(ws1.store);
      expect(new Set(shownLocally.map(([, shown]) => shown))).toEqual(new Set([true, false]));
      expect((await servers.pg.query(db, 'SELECT id, details_shown FROM pair_ratings ORDER BY id')).map((r) => [r.id, r.details_shown])).toEqual(shownLocally);
      const [version] = await servers.pg.query(
        db,
        "SELECT prompt, content::text AS content, created_at::text AS created_at, workstation_id FROM prompt_versions WHERE version = 'v1.1.0'",
      );
      // The seed's created_at has no zone: it holds UTC.
      expect(version).toMatchObject({ content: versionText, created_at: '2026-02-01 09:00:00', workstation_id: ws1.store.sync.workstationId });
      expect(version!.prompt).toMatch(/warm evening light$/);

      // S3: every image once under its hash, the judgements as NDJSON per rater and day, the version file.
      const keys = await servers.s3.keys(site.bucket);
      const imageShas = ws1.store.forTests().prepare('SELECT sha256 FROM images ORDER BY sha256').all() as { sha256: string }[];
      expect(keys.filter((k) => k.startsWith('images/'))).toEqual(imageShas.map((i) => `images/${i.sha256}.png`));
      expect(await servers.s3.text(site.bucket, 'prompts/versions/v1.1.0.json')).toBe(versionText);
      const batches = keys.filter((k) => k.startsWith('ratings/'));
      expect(batches.every((k) => /^ratings\/(ana@studio|ana_lima)\/\d{4}\/\d{2}\/\d{2}\/ws_[0-9a-f]{16}-\d{9}\.ndjson$/.test(k))).toBe(true);
      const lines = (await Promise.all(batches.map((k) => servers.s3.text(site.bucket, k)))).flatMap((t) => t.trim().split('\n').map((l) => JSON.parse(l)));
      expect(lines.map((l) => l.kind).sort()).toEqual(['rating', 'rating', 'rating', 'retraction', 'skip', 'skip']);
      expect(lines.find((l) => l.id === rated[0])).toMatchObject({ kind: 'rating', rated_by: 'ana@studio', options: [{ label: 'A' }, { label: 'B' }] });

      // The second workstation pulls the team's judgements and learns from exactly the same ratings.
      const pulled = await ws2.sync.syncNow();
      expect(pulled).toMatchObject({ state: 'idle', pulled: { ratings: 3, retractions: 1, skips: 2, experiments: 5, prompt_versions: 1 } });
      expect(ws2.ratings()).toEqual(ws1.ratings());
      expect(ws2.store.ratings.ratedOptions()).toEqual(ws1.store.ratings.ratedOptions());
      expect(detailsOf(ws2.store)).toEqual(shownLocally);
      // Other trainers' pairs never enter this queue, and their renders stay out of its pool.
      expect(ws2.store.experiments.queueHead('structure')).toBeUndefined();
      expect(ws2.store.experiments.queueHead('surfaces')).toBeUndefined();
      expect(ws2.store.images.leastUsedSources('structure')).toEqual([]);
      expect(ws2.store.experiments.get(skipped)?.status).toBe('skipped');
      expect(ws2.store.experiments.get(failed)?.options.map((o) => o.output_sha256)).toEqual([null, null]);
      expect(ws2.store.experiments.get(ws1.ratings()[0]!.experiment_id)?.status).toBe('rated');

      // Image files come on demand, verified against their hash, where the image store looks.
      const sha = imageShas[0]!.sha256;
      const ws2Images = createImageStore({ dataDir: ws2.dataDir });
      expect(ws2Images.pathOf(sha)).toBeNull();
      const path = await ws2.sync.fetchImage(sha);
      expect(ws2Images.pathOf(sha)).toBe(path);
      expect(createHash('sha256').update(readFileSync(path)).digest('hex')).toBe(sha);

      // The pulled version is a valid library file; the admins' decision moves the pointer.
      const ws2Versions = join(ws2.dataDir, 'prompts', 'versions');
      expect(readFileSync(join(ws2Versions, 'v1.1.0.json'), 'utf8')).toBe(versionText);
      const admin = await servers.pg.createLogin('latina_admin');
      const adminUrl = servers.pg.url(db, admin.user, admin.password);
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      await client.query(
        "INSERT INTO prompt_decisions (id, version, decided_by, decided_at, workstation_id) VALUES ('dec_1', 'v1.1.0', 'lea', now(), 'admin-desk')",
      );
      await client.end();
      expect((await ws2.sync.syncNow()).pulled.current_version).toBe('v1.1.0');
      const validate = createPromptValidator(join(repoRoot, 'prompts/schema.json'));
      const library = loadPromptLibrary(join(repoRoot, 'prompts/versions'), ws2Versions, validate);
      expect(library.problems).toEqual([]);
      expect(library.current).toBe('v1.1.0');
      // Applied once: a later sync does not rewrite the pointer.
      expect((await ws2.sync.syncNow()).pulled.current_version).toBeNull();
    } finally {
      await ws1.close();
      await ws2.close();
    }
  });
});
