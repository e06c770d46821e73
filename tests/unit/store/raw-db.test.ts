import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../helpers/service';

// Core reaches SQLite only through the store's named methods: a raw database handle outside
// core/store would bypass its transactions, its outbox rows and its ratings signal.
function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

const RAW_DB = /\.db\b|\.forTests\(/;

function rawUses(files: { from: string; text: string }[]): string[] {
  return files
    .filter(({ from }) => from.startsWith('core/') && !from.startsWith('core/store/'))
    .flatMap(({ from, text }) => text.split('\n').flatMap((line, i) => (line.match(RAW_DB) ? [`${from}:${i + 1}: ${line.trim()}`] : [])));
}

describe('the raw database', () => {
  it('is used in core only inside core/store', () => {
    const files = sourceFiles(join(repoRoot, 'core')).map((file) => ({ from: relative(repoRoot, file).split(sep).join('/'), text: readFileSync(file, 'utf8') }));
    expect(rawUses(files)).toEqual([]);
  });

  it.each([
    ['core/service/x.ts', 'store.db.transaction(() => write())();'],
    ['core/queue/x.ts', "const n = service.store.db.prepare('SELECT 1').get();"],
    ['core/export/x.ts', "store.forTests().prepare('SELECT 1').get();"],
  ])('flags %s doing %s', (from, text) => {
    expect(rawUses([{ from, text }])).toHaveLength(1);
  });

  it('allows the store itself, tests and named store methods', () => {
    expect(
      rawUses([
        { from: 'core/store/index.ts', text: 'return db.transaction(work)();\nforTests: (): Database => db,' },
        { from: 'tests/integration/x.test.ts', text: "store.forTests().prepare('SELECT 1').get();" },
        { from: 'core/service/x.ts', text: 'store.transaction(() => write());\nconst file = options.dbFile;' },
      ]),
    ).toEqual([]);
  });
});
