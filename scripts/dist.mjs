// Packages the app: `release` switches the inspector fuse off; `test` keeps it on, so Playwright's
// _electron can drive the packaged app. electron-builder rebuilds native modules for Electron's ABI
// in node_modules itself, which would leave better-sqlite3 unusable by Node and break `npm test`;
// Node's build is restored afterwards, whether packaging worked or not.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const CONFIGS = { release: 'electron-builder.yml', test: 'electron-builder.test.yml' };
const flavour = process.argv[2];
if (!(flavour in CONFIGS)) {
  console.error(`Say which build: node scripts/dist.mjs ${Object.keys(CONFIGS).join(' | ')}`);
  process.exit(2);
}
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const run = (command, args) => spawnSync(command, args, { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' }).status ?? 1;

const packaged = run('npx', ['electron-builder', '--config', CONFIGS[flavour], ...process.argv.slice(3)]);
const restored = run('npm', ['rebuild', 'better-sqlite3']);
if (restored !== 0) console.error('Could not rebuild better-sqlite3 for Node; run `npm rebuild better-sqlite3` before `npm test`.');
process.exit(packaged || restored);
