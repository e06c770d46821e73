// Builds better-sqlite3 for Electron's ABI into .electron-native/, so `npm start` can pass it to
// better-sqlite3's `nativeBinding` option while node_modules keeps the Node build that `npm test`
// uses. Runs only where Electron can run (its binary and headers need the internet once).
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { rebuild } from '@electron/rebuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(root, '.electron-native');
const electronVersion = JSON.parse(readFileSync(join(root, 'node_modules', 'electron', 'package.json'), 'utf8')).version;
const sqliteVersion = JSON.parse(readFileSync(join(root, 'node_modules', 'better-sqlite3', 'package.json'), 'utf8')).version;
const stamp = `electron ${electronVersion}, better-sqlite3 ${sqliteVersion}, ${process.platform}-${process.arch}`;
const stampFile = join(outDir, 'STAMP');
const binding = join(outDir, 'better_sqlite3.node');

if (existsSync(binding) && existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp) {
  console.log(`Electron build of better-sqlite3 is up to date (${stamp}).`);
  process.exit(0);
}

// Rebuild a private copy: rebuilding node_modules in place would break the tests that run under Node.
const work = join(outDir, 'work');
rmSync(work, { recursive: true, force: true });
mkdirSync(join(work, 'node_modules'), { recursive: true });
for (const dep of ['better-sqlite3', 'bindings', 'file-uri-to-path']) {
  const from = join(root, 'node_modules', dep);
  if (existsSync(from)) cpSync(from, join(work, 'node_modules', dep), { recursive: true });
}
rmSync(join(work, 'node_modules', 'better-sqlite3', 'build'), { recursive: true, force: true });
writeFileSync(join(work, 'package.json'), JSON.stringify({ name: 'electron-native', private: true, dependencies: { 'better-sqlite3': sqliteVersion } }));

console.log(`Building better-sqlite3 ${sqliteVersion} for Electron ${electronVersion}…`);
try {
  await rebuild({ buildPath: work, electronVersion, onlyModules: ['better-sqlite3'], force: true });
} catch (error) {
  console.error(`Could not build better-sqlite3 for Electron: ${error.message}`);
  console.error('Electron needs its headers from the internet once. Where Electron cannot run, use `npm run serve`.');
  process.exit(1);
}
copyFileSync(join(work, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node'), binding);
writeFileSync(stampFile, stamp);
rmSync(work, { recursive: true, force: true });
console.log(`Wrote .electron-native/better_sqlite3.node (${stamp}).`);
