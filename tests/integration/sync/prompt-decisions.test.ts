import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SyncConfig } from '../../../core/sync';
import { createSite, dataDir, startServers, type Servers, type Site } from './servers';
import { createWorkstation, newId, type Workstation } from './workstation';

let servers: Servers;
beforeAll(async () => {
  servers = await startServers();
});
afterAll(async () => {
  await servers?.close();
});

/** The site's settings with another PostgreSQL login. */
function as(site: Site, login: { user: string; password: string }): SyncConfig {
  return { ...site.config, postgres: { ...site.config.postgres!, connectionString: servers.pg.url(site.database, login.user, login.password) } };
}

async function sqlAs(site: Site, login: { user: string; password: string }, sql: string): Promise<string> {
  const client = new pg.Client({ connectionString: servers.pg.url(site.database, login.user, login.password) });
  await client.connect();
  try {
    await client.query(sql);
    return 'ok';
  } catch (error) {
    return (error as { code: string }).code;
  } finally {
    await client.end();
  }
}

const decide = (ws: Workstation, version: string) =>
  ws.store.prompts.decide(
    { id: newId('dec'), action: 'approve', version, previous_version: 'v1.0.0', candidate_id: null, decided_by: 'lea', decided_at: new Date().toISOString(), note: null },
    null,
  );

describe('sync: prompt versions and decisions', () => {
  it('records the login that shipped a version, and a trainer may not name another', async () => {
    const site = await createSite(servers);
    const other = await servers.pg.createLogin('latina_trainer');
    const insert = (version: string, by: string | null) =>
      `INSERT INTO prompt_versions (version, content, sha256, created_by, workstation_id) VALUES ('${version}', '{"version":"${version}"}', '${'c'.repeat(64)}', ${by === null ? 'NULL' : `'${by}'`}, 'ws')`;
    expect(await sqlAs(site, site.trainer, insert('v2.0.0', other.user))).toBe('42501');
    expect(await sqlAs(site, site.trainer, insert('v2.0.1', 'evolver:offline'))).toBe('42501');
    expect(await sqlAs(site, site.trainer, insert('v2.0.2', site.trainer.user))).toBe('ok');
    expect(await sqlAs(site, site.trainer, insert('v2.0.3', null))).toBe('ok');

    const ws = await createWorkstation(dataDir(servers), site.config);
    try {
      ws.makeVersion('v1.1.0', 'warm evening light');
      expect((await ws.sync.syncNow()).state).toBe('idle');
    } finally {
      await ws.close();
    }
    expect(await servers.pg.query(site.database, 'SELECT version, created_by FROM prompt_versions ORDER BY version')).toEqual([
      { version: 'v1.1.0', created_by: site.trainer.user },
      { version: 'v2.0.2', created_by: site.trainer.user },
      { version: 'v2.0.3', created_by: site.trainer.user },
    ]);
  });

  it('follows a decision only to the content the admin chose, not to a squatted name', async () => {
    const site = await createSite(servers);
    const admin = await servers.pg.createLogin('latina_admin');
    const squatter = await createWorkstation(dataDir(servers), site.config);
    const desk = await createWorkstation(dataDir(servers), as(site, admin));
    const logs: string[] = [];
    const reader = await createWorkstation(dataDir(servers), site.config, { log: (m) => logs.push(m) });
    try {
      // A trainer ships its own text under the name the admin's version will have.
      const squatted = squatter.makeVersion('v1.1.0', 'neon graffiti everywhere');
      expect((await squatter.sync.syncNow()).state).toBe('idle');
      const chosen = desk.makeVersion('v1.1.0', 'warm evening light');
      decide(desk, 'v1.1.0');
      expect(await desk.sync.syncNow()).toMatchObject({ state: 'idle', refused: 0 });
      expect(await servers.pg.query(site.database, 'SELECT version, sha256 FROM prompt_decisions')).toEqual([{ version: 'v1.1.0', sha256: chosen }]);

      // Another workstation pulls the name with the squatter's text: the decision does not apply.
      const first = await reader.sync.syncNow();
      expect(first).toMatchObject({ state: 'idle', pulled: { prompt_versions: 1, current_version: null } });
      expect(reader.store.prompts.list().find((v) => v.version === 'v1.1.0')?.sha256).toBe(squatted);
      expect(reader.currentVersion()).toBeNull();
      expect(logs.some((m) => m.includes('v1.1.0') && m.includes('pointer stays'))).toBe(true);

      // A decision for the content this workstation holds is followed.
      const adminClient = new pg.Client({ connectionString: servers.pg.url(site.database, admin.user, admin.password) });
      await adminClient.connect();
      await adminClient.query(
        "INSERT INTO prompt_decisions (id, version, sha256, decided_by, decided_at, workstation_id) VALUES ('dec_2', 'v1.1.0', $1, 'lea', now(), 'admin-desk')",
        [squatted],
      );
      await adminClient.end();
      expect((await reader.sync.syncNow()).pulled.current_version).toBe('v1.1.0');
      expect(reader.currentVersion()).toBe('v1.1.0');
    } finally {
      await squatter.close();
      await desk.close();
      await reader.close();
    }
  });
  it('follows the decision that reached the server last, whatever the clock of the desk that made it', async () => {
    const site = await createSite(servers);
    const admin = await servers.pg.createLogin('latina_admin');
    const reader = await createWorkstation(dataDir(servers), site.config);
    try {
      const client = new pg.Client({ connectionString: servers.pg.url(site.database, admin.user, admin.password) });
      await client.connect();
      const insert = (id: string, version: string, decidedAt: string) =>
        client.query(
          "INSERT INTO prompt_decisions (id, version, decided_by, decided_at, workstation_id) VALUES ($1, $2, 'lea', $3, 'desk')",
          [id, version, decidedAt],
        );
      // A desk whose clock runs a day ahead decides first; a correct desk decides after it.
      await insert('dec_fast_clock', 'v1.1.0', new Date(Date.now() + 86_400_000).toISOString());
      await insert('dec_later', 'v1.2.0', new Date().toISOString());
      expect((await reader.sync.syncNow()).pulled.current_version).toBe('v1.2.0');
      await insert('dec_last', 'v1.1.0', new Date(Date.now() - 86_400_000).toISOString());
      await client.end();
      expect((await reader.sync.syncNow()).pulled.current_version).toBe('v1.1.0');
      expect(reader.currentVersion()).toBe('v1.1.0');
    } finally {
      await reader.close();
    }
  });
});
