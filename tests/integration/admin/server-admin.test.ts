import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toApiError } from '../../../core/api';
import type { Service } from '../../../core/service';
import { startPostgres, type TestPostgres } from '../../helpers/pg';
import { startService, TEST_ADMIN_PASSPHRASE } from '../../helpers/service';
import { tempDir } from '../../helpers/temp';

// Where sync is set up, the server's latina_admin membership decides who is an admin: two real
// logins on embedded PostgreSQL, one trainer and one admin.
let server: TestPostgres;
let service: Service;
let trainer: { user: string; password: string };
let admin: { user: string; password: string };
const dir = tempDir();

beforeAll(async () => {
  server = await startPostgres();
  const db = await server.createDatabase({ migrate: true });
  trainer = await server.createLogin('latina_trainer');
  admin = await server.createLogin('latina_admin');
  // Set up as the installing admin does: passphrase first, then the sync with the trainer's login.
  service = await startService(dir.path);
  await service.call('sync.configure', { postgres: { connection_string: server.url(db, trainer.user, trainer.password) }, s3: null });
  await service.call('session.lock', {});
}, 120_000);
afterAll(async () => {
  await service?.close();
  await server?.close();
  dir.remove();
});

const refusal = (promise: Promise<unknown>) => promise.then(() => null, toApiError);

describe('admin sign-in with a server login', () => {
  it('admits a latina_admin login only, and explains a trainer login, a wrong password and a missing login', async () => {
    expect(await service.call('session.status', {})).toMatchObject({ role: 'trainer', sign_in: 'server' });
    expect((await refusal(service.call('settings.update', { daily_goal: 10 })))?.message).toMatch(/with your server login in latina_admin/);

    const noLogin = await refusal(service.call('session.unlockAdmin', { passphrase: TEST_ADMIN_PASSPHRASE }));
    expect(noLogin).toMatchObject({ code: 'invalid_input', message: expect.stringMatching(/admins sign in with their server login/) });
    const asTrainer = await refusal(service.call('session.unlockAdmin', { login: trainer.user, passphrase: trainer.password }));
    expect(asTrainer).toMatchObject({ code: 'forbidden', message: expect.stringContaining(`GRANT latina_admin TO ${trainer.user};`) });
    const wrong = await refusal(service.call('session.unlockAdmin', { login: admin.user, passphrase: `${admin.password}x` }));
    expect(wrong).toMatchObject({ code: 'unauthorized', message: expect.stringMatching(/refused login .+ with this password/) });
    expect((await service.call('session.status', {})).role).toBe('trainer');

    const signedIn = await service.call('session.unlockAdmin', { login: admin.user, passphrase: admin.password });
    expect(signedIn).toMatchObject({ role: 'admin', admin: { name: admin.user, via: 'server' } });
    expect((await service.call('settings.update', { daily_goal: 10 })).daily_goal).toBe(10);
    // The admin's password is used for the check only: the sync keeps the trainer's login.
    expect((await service.call('sync.getConfig', {})).postgres?.connection_string).toContain(trainer.user);
    await service.call('session.lock', {});
    expect((await refusal(service.call('settings.update', { daily_goal: 20 })))?.code).toBe('forbidden');
  });

  it('falls back to the workstation passphrase while the server cannot be reached', async () => {
    await server.stop();
    try {
      const offline = await refusal(service.call('session.unlockAdmin', { login: admin.user, passphrase: admin.password }));
      expect(offline).toMatchObject({ code: 'unauthorized', message: expect.stringMatching(/cannot be reached.*leave the login empty and sign in with this workstation's admin passphrase/) });
      expect((await refusal(service.call('session.unlockAdmin', { passphrase: 'not the passphrase' })))?.code).toBe('unauthorized');
      expect(await service.call('session.unlockAdmin', { passphrase: TEST_ADMIN_PASSPHRASE })).toMatchObject({ role: 'admin', admin: { via: 'passphrase' } });
      await service.call('session.lock', {});
    } finally {
      await server.start();
    }
    // Once a check reaches the server again, its roles decide again.
    await service.call('session.unlockAdmin', { login: admin.user, passphrase: admin.password });
    await service.call('session.lock', {});
    expect((await refusal(service.call('session.unlockAdmin', { passphrase: TEST_ADMIN_PASSPHRASE })))?.code).toBe('invalid_input');
  });
});
