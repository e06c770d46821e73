import { describe, expect, it } from 'vitest';
import { ApiError, type SessionView } from '../../../core/api';
import { DEFAULT_SETTINGS } from '../../../core/service';
import { createSessionStore, selectIsAdmin, selectShowParameters, selectShowPredictions } from '../../../renderer/stores/sessionStore';
import { fakeApi } from './fixtures';

const trainer: SessionView = { role: 'trainer', admin: null, passphrase_set: true, sign_in: 'passphrase', details_visible: false, locked_reason: null };
const admin: SessionView = { ...trainer, role: 'admin', admin: { name: 'admin', via: 'passphrase', locks_at: '2026-03-02T09:30:00.000Z' }, details_visible: true };
const detailsOn = { ...DEFAULT_SETTINGS, show_parameters_to_trainers: true, show_predictions_to_trainers: true };

function store(access: SessionView, unlock: (passphrase: string) => SessionView) {
  return fakeApi({
    'app.info': () => ({ version: 't', data_dir: '/d', providers: [] }),
    'settings.get': () => detailsOn,
    'samples.list': () => [],
    'session.status': () => access,
    'session.unlockAdmin': ({ passphrase }) => unlock(passphrase),
    'session.lock': () => trainer,
  });
}

describe('session store: the role as the service says', () => {
  it('never shows details or predictions to a trainer, whatever the settings; an admin sees them until Lock', async () => {
    const fake = store(trainer, () => admin);
    const session = createSessionStore(fake.api);
    await session.getState().load();
    const s = () => session.getState();
    expect([selectIsAdmin(s()), selectShowParameters(s()), selectShowPredictions(s())]).toEqual([false, false, false]);
    await s().unlockAdmin('the passphrase');
    expect([selectIsAdmin(s()), selectShowParameters(s()), selectShowPredictions(s())]).toEqual([true, true, true]);
    await s().lock();
    expect([selectIsAdmin(s()), selectShowParameters(s())]).toEqual([false, false]);
  });

  it('follows the service’s sessionChanged (an idle lock), and a refused sign-in reaches the dialog and changes nothing', async () => {
    const fake = store(admin, () => {
      throw new ApiError('unauthorized', 'Wrong admin passphrase.');
    });
    const session = createSessionStore(fake.api);
    await session.getState().load();
    expect(selectIsAdmin(session.getState())).toBe(true);
    session.getState().accessChanged({ ...trainer, locked_reason: 'idle' });
    expect(selectShowParameters(session.getState())).toBe(false);
    await expect(session.getState().unlockAdmin('wrong')).rejects.toThrow('Wrong admin passphrase.');
    expect(session.getState().access?.locked_reason).toBe('idle');
  });
});
