import type { CallInput } from '../../core/api';
import { stores } from '../app';
import { errorText } from './errorText';

export type SettingsPatch = CallInput<'settings.update'>;

/** Saves a settings change and reloads the session's copy; the error to show, or null. */
export async function saveSettings(patch: SettingsPatch): Promise<string | null> {
  try {
    await stores.api.call('settings.update', patch);
    await stores.session.getState().load();
    return null;
  } catch (caught) {
    return errorText(caught);
  }
}
