import { homedir } from 'node:os';
import { join } from 'node:path';

export const APP_FOLDER = 'latina-rating-workstation';

/**
 * Where the data lives when LATINA_DATA_DIR is not set: the same per-user folder Electron's
 * `app.getPath('userData')` uses, so both hosts share one workstation's data.
 */
export function defaultDataDir(env: NodeJS.ProcessEnv, platform: NodeJS.Platform = process.platform, home = homedir()): string {
  if (env.LATINA_DATA_DIR) return env.LATINA_DATA_DIR;
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), APP_FOLDER);
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', APP_FOLDER);
  return join(env.XDG_CONFIG_HOME ?? join(home, '.config'), APP_FOLDER);
}
