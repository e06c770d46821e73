import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateServer } from '../../../core/sync';
import { serverMigrationsDir, startPostgres, type TestPostgres } from '../../helpers/pg';

let server: TestPostgres;
beforeAll(async () => {
  server = await startPostgres();
});
afterAll(async () => {
  await server?.close();
});

async function as(url: string, sql: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

/** The SQLSTATE a statement fails with, or 'ok'. */
async function outcome(url: string, sql: string): Promise<string> {
  try {
    await as(url, sql);
    return 'ok';
  } catch (error) {
    return (error as { code: string }).code;
  }
}

const SHA = 'b'.repeat(64);

/** A pair with its two options, made as the superuser: what a workstation ships before a rating. */
async function seedPair(db: string, experiment: string): Promise<void> {
  await server.query(
    db,
    `INSERT INTO images (sha256, mime, width, height, bytes, workstation_id) VALUES ('${SHA}', 'image/png', 8, 6, 100, 'ws') ON CONFLICT DO NOTHING`,
  );
  await server.query(db, `INSERT INTO experiments (id, source_sha256, mode, created_at, workstation_id) VALUES ('${experiment}', '${SHA}', 'structure', now(), 'ws')`);
  for (const label of ['A', 'B']) {
    await server.query(
      db,
      `INSERT INTO parameter_experiments (id, experiment_id, label, provider, parameters, origin, prompt_version, seed)
       VALUES ('${experiment}_${label}', '${experiment}', '${label}', 'local', '{}', 'test', 'v1.0.0', 1)`,
    );
  }
}

const rate = (id: string, experiment: string, rater: string) => [
  `INSERT INTO pair_ratings (id, experiment_id, rated_by, outcome, answered_at, workstation_id) VALUES ('${id}', '${experiment}', '${rater}', 'A', now(), 'ws')`,
  `INSERT INTO enhancement_ratings (rating_id, option_label, option_id, rating) VALUES ('${id}', 'A', '${experiment}_A', 4), ('${id}', 'B', '${experiment}_B', 2)`,
];
const retract = (id: string, rating: string, experiment: string, rater: string) =>
  `INSERT INTO rating_retractions (id, rating_id, experiment_id, rated_by, retracted_at, workstation_id) VALUES ('${id}', '${rating}', '${experiment}', '${rater}', now(), 'ws')`;

async function effective(db: string): Promise<string[]> {
  return (await server.query<{ rating_id: string }>(db, 'SELECT DISTINCT rating_id FROM effective_enhancement_ratings ORDER BY rating_id')).map(
    (r) => r.rating_id,
  );
}

describe('server: rater ids belong to logins', () => {
  it('keeps trainer B from retracting, forging or completing trainer A\'s ratings, and lets A retract its own', async () => {
    const db = await server.createDatabase();
    const a = await server.createLogin('latina_trainer');
    const b = await server.createLogin('latina_trainer');
    const urlA = server.url(db, a.user, a.password);
    const urlB = server.url(db, b.user, b.password);
    await seedPair(db, 'exp_1');
    await seedPair(db, 'exp_2');

    await as(urlA, "INSERT INTO raters (id) VALUES ('ana@studio')");
    for (const sql of rate('rat_a1', 'exp_1', 'ana@studio')) await as(urlA, sql);
    await as(urlB, "INSERT INTO raters (id) VALUES ('ben')");
    expect(await server.query(db, 'SELECT id, login FROM raters ORDER BY id')).toEqual([
      { id: 'ana@studio', login: a.user },
      { id: 'ben', login: b.user },
    ]);
    expect(await effective(db)).toEqual(['rat_a1']);

    // Erase A's rating with a retraction, under A's rater id or B's own: refused, the rating stays.
    expect(await outcome(urlB, retract('ret_b1', 'rat_a1', 'exp_1', 'ana@studio'))).toBe('42501');
    expect(await outcome(urlB, retract('ret_b2', 'rat_a1', 'exp_1', 'ben'))).toBe('42501');
    expect(await effective(db)).toEqual(['rat_a1']);

    // Forge a rating, or a skip, under A's rater id: refused.
    const [forged, forgedScores] = rate('rat_b1', 'exp_2', 'ana@studio');
    expect(await outcome(urlB, forged!)).toBe('42501');
    expect(await outcome(urlB, forgedScores!)).not.toBe('ok');
    expect(await outcome(urlB, "INSERT INTO skips (id, experiment_id, rated_by, reason, skipped_at, workstation_id) VALUES ('skp_b1', 'exp_2', 'ana@studio', 'x', now(), 'ws')")).toBe('42501');
    // Nor can B give itself A's rater id, or name its owner.
    expect(await outcome(urlB, "INSERT INTO raters (id, login) VALUES ('cara', 'someone')")).toBe('42501');
    expect(await outcome(urlB, "UPDATE raters SET login = current_user WHERE id = 'ana@studio'")).toBe('42501');

    // A pair rating A shipped without its scores cannot be completed by B.
    await as(urlA, rate('rat_a2', 'exp_2', 'ana@studio')[0]!);
    expect(await outcome(urlB, "INSERT INTO enhancement_ratings (rating_id, option_label, option_id, rating) VALUES ('rat_a2', 'A', 'exp_2_A', 1)")).toBe('42501');
    expect(await outcome(urlA, "INSERT INTO enhancement_ratings (rating_id, option_label, option_id, rating) VALUES ('rat_a2', 'A', 'exp_2_A', 3)")).toBe('ok');

    // B rates under its own id; A retracts its own rating.
    for (const sql of rate('rat_b2', 'exp_1', 'ben')) expect(await outcome(urlB, sql)).toBe('ok');
    expect(await outcome(urlA, retract('ret_a1', 'rat_b2', 'exp_1', 'ana@studio'))).toBe('42501');
    expect(await outcome(urlA, retract('ret_a2', 'rat_a1', 'exp_1', 'ana@studio'))).toBe('ok');
    expect(await effective(db)).toEqual(['rat_a2', 'rat_b2']);
    expect((await server.query(db, 'SELECT id FROM rating_retractions')).map((r) => r.id)).toEqual(['ret_a2']);
  });

  it('lets an admin register a rater id for a login, and gives a rater id from before the rule to the first login that ships under it', async () => {
    const db = await server.createDatabase({ target: 40 });
    await server.query(db, "INSERT INTO raters (id) VALUES ('old-timer')");
    await migrateServer({ connectionString: server.url(db), migrationsDir: serverMigrationsDir });
    expect(await server.query(db, 'SELECT id, login FROM raters')).toEqual([{ id: 'old-timer', login: null }]);

    const a = await server.createLogin('latina_trainer');
    const b = await server.createLogin('latina_trainer');
    const admin = await server.createLogin('latina_admin');
    const urlA = server.url(db, a.user, a.password);
    const urlB = server.url(db, b.user, b.password);
    await seedPair(db, 'exp_1');
    expect(await outcome(urlA, rate('rat_a1', 'exp_1', 'old-timer')[0]!)).toBe('ok');
    expect(await outcome(urlB, rate('rat_b1', 'exp_1', 'old-timer')[0]!)).toBe('42501');

    await as(server.url(db, admin.user, admin.password), `INSERT INTO raters (id, login) VALUES ('bea', '${b.user}')`);
    expect(await outcome(urlA, rate('rat_a2', 'exp_1', 'bea')[0]!)).toBe('42501');
    expect(await outcome(urlB, rate('rat_b2', 'exp_1', 'bea')[0]!)).toBe('ok');
    // An admin corrects anyone's data, as before.
    expect(await outcome(server.url(db, admin.user, admin.password), retract('ret_x', 'rat_a1', 'exp_1', 'bea'))).toBe('ok');
  });
});
