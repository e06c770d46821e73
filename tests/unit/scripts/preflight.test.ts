import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM script without type declarations
import { atLeast, lowestVersion, requiredNode } from '../../../scripts/node-version.mjs';
import { repoRoot } from '../../helpers/service';

type Version = [number, number, number];
const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { engines: { node: string }; scripts: Record<string, string> };
const electronNeeds = requiredNode(repoRoot, 'electron') as Version;
const short = (v: Version) => `${v[0]}.${v[1]}`;

describe('Node version preflight', () => {
  it('reads the lowest version of an engines range', () => {
    expect(lowestVersion('>= 22.12.0')).toEqual([22, 12, 0]);
    expect(lowestVersion('^20.19.0 || >=22.12.0')).toEqual([20, 19, 0]);
    expect(lowestVersion('>=20.19')).toEqual([20, 19, 0]);
    expect(() => lowestVersion('*')).toThrow(/Cannot read a Node version/);
  });

  it('compares versions part by part', () => {
    expect(atLeast('22.12.0', [22, 12, 0])).toBe(true);
    expect(atLeast('22.11.9', [22, 12, 0])).toBe(false);
    expect(atLeast('23.0.0', [22, 12, 0])).toBe(true);
    expect(atLeast('20.20.2', [22, 12, 0])).toBe(false);
    expect(atLeast('22.9.0', [22, 12, 0])).toBe(false);
    expect(atLeast('100.0.0', [22, 12, 0])).toBe(true);
  });

  it('npm start checks Node before it builds anything', () => {
    expect(pkg.scripts.start).toMatch(/^node scripts\/preflight\.mjs "npm start" && electron-vite build/);
  });

  it('passes on a Node that can launch Electron, and otherwise fails at once naming the version needed', () => {
    const run = spawnSync(process.execPath, [join(repoRoot, 'scripts/preflight.mjs'), 'npm start'], { encoding: 'utf8' });
    if (atLeast(process.versions.node, electronNeeds)) {
      expect(run.status).toBe(0);
    } else {
      expect(run.status).toBe(1);
      expect(run.stderr).toContain(`npm start needs Node ${electronNeeds.join('.')} or newer`);
      expect(run.stderr).toContain(`this is Node ${process.versions.node}`);
      expect(run.stderr).toContain('npm run serve');
    }
  });

  it('the README states the versions that package.json and Electron require', () => {
    const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('## Running it'), readme.indexOf('\n## ', readme.indexOf('## Running it') + 1));
    expect(section).toContain(`Node ${short(lowestVersion(pkg.engines.node) as Version)} or newer`);
    expect(section).toContain(`\`npm start\` needs Node ${short(electronNeeds)} or newer`);
    const vite = JSON.parse(readFileSync(join(repoRoot, 'node_modules/vite/package.json'), 'utf8')) as { engines: { node: string } };
    expect(pkg.engines.node).toBe(vite.engines.node);
  });
});
