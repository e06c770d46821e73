import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseExportArgs } from '../../../core/host/export-args';
import { makeDataFolder } from '../../helpers/export-data';
import { repoRoot } from '../../helpers/service';
import { tempDir } from '../../helpers/temp';

const dir = tempDir('latina-export-cli-');
afterAll(() => dir.remove());
const dataDir = join(dir.path, 'data');
let clock = 0;
const now = () => new Date(Date.UTC(2026, 0, 1, 0, 0, clock++)).toISOString();

beforeAll(async () => {
  const data = await makeDataFolder(dataDir, now);
  for (let i = 0; i < 4; i += 1) await data.ratedPair({ source: i, ratingA: 2, ratingB: 4, outcome: 'B', rater: i === 0 ? 'bo@studio' : 'ana@studio' });
  data.store.close();
});

describe('npm run export arguments', () => {
  it('turns the options into a request', () => {
    const parsed = parseExportArgs(['--format', 'csv', '--out', 'ds', '--rater', 'a', '--rater', 'b', '--min-rating', '2', '--splits', '0.7,0.2,0.1', '--ties', 'drop', '--keep-excluded-raters']);
    expect(parsed).toEqual({
      dataDir: null,
      source: 'local',
      request: {
        format: 'csv',
        out: 'ds',
        filters: { raters: ['a', 'b'], minRating: 2, withoutExcludedRaters: false, withoutFlaggedRaters: false, includeSkipped: false },
        seed: undefined,
        splits: { train: 0.7, validation: 0.2, test: 0.1 },
        ties: 'drop',
        licence: undefined,
      },
    });
  });

  it.each([
    [[], /--format is required/],
    [['--format', 'csv'], /--out is required/],
    [['--format', 'csv', '--out', 'x', '--min-rating', 'high'], /--min-rating must be a number, not "high"/],
    [['--format', 'csv', '--out', 'x', '--splits', '0.8,0.2'], /three fractions/],
    [['--format', 'csv', '--out', 'x', '--colour', 'red'], /Unknown option '--colour'/],
    [['--format', 'csv', '--out', 'x', '--source', 'cloud'], /--source is local or server, not "cloud"/],
  ])('refuses %j', (argv, message) => {
    const parsed = parseExportArgs(argv as string[]);
    expect('problems' in parsed && parsed.problems.join(' ')).toMatch(message);
  });
});

describe('npm run export', () => {
  const cli = (args: string[]) =>
    spawnSync(process.execPath, [join(repoRoot, 'node_modules', 'tsx', 'dist', 'cli.mjs'), join(repoRoot, 'core', 'host', 'export-cli.ts'), ...args], {
      env: { ...process.env, LATINA_DATA_DIR: dataDir },
      encoding: 'utf8',
    });

  it('exports from the data folder the app uses, with progress and what it left out', () => {
    const out = join(dir.path, 'ds');
    const result = cli(['--format', 'jsonl', '--out', out, '--without-rater', 'bo@studio']);
    expect(result.stderr).toMatch(/4\/4 pairs read \(100%\)/);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/left out: 1 ratings by raters outside the chosen raters/);
    expect(existsSync(join(out, 'manifest.json'))).toBe(true);
    expect(readFileSync(join(out, 'README.md'), 'utf8')).toMatch(/without raters bo@studio/);
  });

  it('says what is wrong and exits with 2 on a bad option, writing nothing', () => {
    const out = join(dir.path, 'never');
    const result = cli(['--format', 'parquet', '--out', out]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/Format "parquet" is not one of pairwise, imagefolder/);
    expect(existsSync(out)).toBe(false);
  });
});
