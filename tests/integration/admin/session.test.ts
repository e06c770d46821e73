import { afterAll, describe, expect, it } from 'vitest';
import { toApiError, type SessionView } from '../../../core/api';
import { createTestService, startService, TEST_ADMIN_PASSPHRASE } from '../../helpers/service';
import { tempDir } from '../../helpers/temp';

const dirs: { path: string; remove(): void }[] = [];
afterAll(() => dirs.forEach((dir) => dir.remove()));
const newDir = () => {
  const dir = tempDir();
  dirs.push(dir);
  return dir.path;
};

/** A workstation exactly as on its first start: no admin passphrase yet. */
const firstStart = (dataDir: string, now?: () => string) => createTestService(dataDir, { now });

const refusal = (promise: Promise<unknown>) => promise.then(() => null, toApiError);

describe('admin session', () => {
  it('on a first start offers to create the passphrase, signs its creator in, and afterwards only an admin may change it', async () => {
    const dir = newDir();
    const service = await firstStart(dir);
    try {
      expect(await service.call('session.status', {})).toMatchObject({ role: 'trainer', passphrase_set: false, sign_in: 'passphrase', admin: null });
      expect((await refusal(service.call('session.setAdminPassphrase', { passphrase: 'short' })))?.message).toMatch(/at least 10 characters/);
      const created = await service.call('session.setAdminPassphrase', { passphrase: 'first admin passphrase' });
      expect(created).toMatchObject({ role: 'admin', passphrase_set: true, admin: { name: 'admin', via: 'passphrase' } });
      await service.call('session.lock', {});
      const changed = await refusal(service.call('session.setAdminPassphrase', { passphrase: 'a trainer takes over' }));
      expect(changed).toMatchObject({ code: 'forbidden', message: expect.stringMatching(/^Only an admin can change the admin passphrase\./) });
      expect((await refusal(service.call('session.unlockAdmin', { passphrase: 'a trainer takes over' })))?.code).toBe('unauthorized');
      await service.call('session.unlockAdmin', { passphrase: 'first admin passphrase' });
      await service.call('session.setAdminPassphrase', { passphrase: 'second admin passphrase' });
      await service.call('session.lock', {});
      expect((await refusal(service.call('session.unlockAdmin', { passphrase: 'first admin passphrase' })))?.code).toBe('unauthorized');
      expect((await service.call('session.unlockAdmin', { passphrase: 'second admin passphrase' })).role).toBe('admin');
    } finally {
      await service.close();
    }
    // The hash lives in this workstation's SQLite only, not in the settings the contract shows.
    const again = await firstStart(dir);
    try {
      expect(await again.call('session.status', {})).toMatchObject({ role: 'trainer', passphrase_set: true });
      const stored = JSON.stringify(again.store.forTests().prepare('SELECT * FROM settings').all());
      expect(stored).not.toContain('second admin passphrase');
      expect(stored).toContain('scrypt');
      expect(JSON.stringify(await again.call('settings.get', {}))).not.toContain('scrypt');
      expect(JSON.stringify(again.store.forTests().prepare('SELECT * FROM outbox').all())).not.toContain('scrypt');
    } finally {
      await again.close();
    }
  });

  it('explains a wrong passphrase and a sign-in before any passphrase exists', async () => {
    const service = await firstStart(newDir());
    try {
      const none = await refusal(service.call('session.unlockAdmin', { passphrase: 'anything at all' }));
      expect(none).toMatchObject({ code: 'conflict', message: expect.stringMatching(/no admin passphrase yet\. Create one first/) });
      await service.call('session.setAdminPassphrase', { passphrase: TEST_ADMIN_PASSPHRASE });
      await service.call('session.lock', {});
      const wrong = await refusal(service.call('session.unlockAdmin', { passphrase: 'wrong passphrase' }));
      expect(wrong).toMatchObject({ code: 'unauthorized', message: expect.stringMatching(/^Wrong admin passphrase\. Check Caps Lock/) });
      const login = await refusal(service.call('session.unlockAdmin', { passphrase: TEST_ADMIN_PASSPHRASE, login: 'lea' }));
      expect(login).toMatchObject({ code: 'invalid_input', message: expect.stringMatching(/Sync is not set up on this workstation/) });
      expect((await service.call('session.status', {})).role).toBe('trainer');
    } finally {
      await service.close();
    }
  });

  it('locks after 30 idle minutes on the injected clock, says so once, and an admin action or a rating keeps it open', async () => {
    let clock = Date.UTC(2026, 2, 2, 9, 0, 0);
    const service = await startService(newDir(), { now: () => new Date(clock).toISOString() });
    const changes: SessionView[] = [];
    const off = service.subscribe('sessionChanged', (view) => changes.push(view as SessionView));
    try {
      expect((await service.call('session.status', {})).admin?.locks_at).toBe('2026-03-02T09:30:00.000Z');
      clock += 25 * 60_000;
      await service.call('settings.update', { daily_goal: 100 });
      clock += 25 * 60_000;
      const next = await service.call('queue.next', { wait_ms: 60_000 });
      await service.call('train.rate', {
        experiment_id: next.experiment!.experiment_id,
        ratings: [
          { option: 'A', rating: 3 },
          { option: 'B', rating: 4 },
        ],
        outcome: 'B',
        rated_by: 'lea@studio',
      });
      clock += 29 * 60_000;
      expect((await service.call('session.status', {})).role).toBe('admin');
      clock += 60_000;
      expect(await service.call('session.status', {})).toMatchObject({ role: 'trainer', locked_reason: 'idle' });
      expect((await refusal(service.call('settings.update', { daily_goal: 50 })))?.code).toBe('forbidden');
      await Promise.resolve();
      expect(changes.map((c) => [c.role, c.locked_reason])).toEqual([['trainer', 'idle']]);
      expect((await service.call('session.unlockAdmin', { passphrase: TEST_ADMIN_PASSPHRASE })).locked_reason).toBeNull();
    } finally {
      off();
      await service.close();
    }
  });

  it('shows and records details only in an admin’s own session: a trainer rates blind whatever the setting, locking hides them', async () => {
    const service = await startService(newDir());
    try {
      const rate = async () => {
        const next = await service.call('queue.next', { wait_ms: 60_000 });
        const id = next.experiment!.experiment_id;
        await service.call('train.rate', {
          experiment_id: id,
          ratings: [
            { option: 'A', rating: 4 },
            { option: 'B', rating: 2 },
          ],
          outcome: 'A',
          rated_by: 'ana@studio',
        });
        return service.store.ratings.effectiveRating(id)?.details_shown;
      };
      await service.call('settings.update', { show_parameters_to_trainers: true });
      expect((await service.call('session.status', {})).details_visible).toBe(true);
      const admin = await rate();
      await service.call('session.lock', {});
      expect((await service.call('session.status', {})).details_visible).toBe(false);
      const trainer = await rate();
      await service.call('session.unlockAdmin', { passphrase: TEST_ADMIN_PASSPHRASE });
      await service.call('settings.update', { show_parameters_to_trainers: false });
      const adminBlind = await rate();
      expect([admin, trainer, adminBlind]).toEqual([1, 0, 0]);
    } finally {
      await service.close();
    }
  });
});
