import { fileURLToPath } from 'node:url';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { _electron as electron, expect, test, type ElectronApplication } from '@playwright/test';
import { tempDir } from '../helpers/temp';
import { rateUndoSkipRestart } from './flow';

// The same rating flow in the real Electron app. Electron's binary is downloaded on first launch
// from outside the npm registry, so on machines without it this spec is skipped, and says so.
// LATINA_ELECTRON_APP names a packaged test build (`npm run dist:test`) to run instead of the repo;
// release builds switch off the inspector fuse Playwright attaches through, so they cannot be driven.
const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const packagedApp = process.env.LATINA_ELECTRON_APP;
function electronBinary(): string | null {
  const pathFile = join(repoRoot, 'node_modules', 'electron', 'path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = join(repoRoot, 'node_modules', 'electron', 'dist', readFileSync(pathFile, 'utf8'));
  return existsSync(binary) ? binary : null;
}
const binary = packagedApp && existsSync(packagedApp) ? packagedApp : electronBinary();
// A packaged build carries better-sqlite3 rebuilt by electron-builder.
const nativeReady = Boolean(packagedApp) || existsSync(join(repoRoot, '.electron-native', 'better_sqlite3.node'));

if (!binary || !nativeReady) {
  console.log(`electron.spec SKIPPED: ${!binary ? 'no Electron binary on this machine' : 'better-sqlite3 not built for Electron'}; the browser-host specs cover the same flow.`);
}
test.skip(!binary, 'SKIPPED: no Electron binary on this machine (it cannot be downloaded here); run `npm start` once where it can.');
test.skip(!nativeReady, 'SKIPPED: better-sqlite3 is not built for Electron; run `node scripts/prepare-electron-native.mjs`.');

test('the Electron app: the same keyboard flow, restart included, with no Node in the page', async () => {
  const data = tempDir('latina-electron-');
  const launch = () =>
    electron.launch({ executablePath: binary!, args: packagedApp ? [] : [repoRoot], env: { ...process.env, LATINA_DATA_DIR: data.path } });
  let app: ElectronApplication = await launch();
  try {
    const page = await app.firstWindow();
    // The renderer comes from the app:// scheme, not file://, so 'self' in its CSP means our files only.
    expect(page.url()).toBe('app://latina/index.html');
    // contextIsolation + sandbox + no nodeIntegration: the page sees no Node, only the contract.
    const exposed = await page.evaluate(() => ({
      require: typeof (globalThis as { require?: unknown }).require,
      process: typeof (globalThis as { process?: unknown }).process,
      bridge: Object.keys((globalThis as { latina?: object }).latina ?? {}).sort(),
    }));
    expect(exposed).toEqual({ require: 'undefined', process: 'undefined', bridge: ['imageUrl', 'invoke', 'subscribe'] });
    await rateUndoSkipRestart(page, async () => {
      await app.close();
      app = await launch();
      return app.firstWindow();
    });
  } finally {
    await app.close();
    data.remove();
  }
});
