import { readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, relative, resolve, dirname, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/service';

// STYLE.md "Layout and direction of imports", checked on every source file.
function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx)$/.test(name) ? [path] : [];
  });
}

function imports(text: string): string[] {
  return [...text.matchAll(/(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => (m[1] ?? m[2])!);
}

/** The imports that bring values, not only types (`import type …` and `export type …` left out). */
function valueImports(text: string): string[] {
  return [...text.matchAll(/(?:import|export)\s+(?!type\s)[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => (m[1] ?? m[2])!);
}

const rel = (file: string) => relative(repoRoot, file).split(sep).join('/');
const NODE_BUILTINS = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
// The dataset export reads the store, the image files, prompt texts and rater flags; it never
// reaches the learning, generation, sync or service areas, so an export cannot start work of its own.
const EXPORT_MAY_IMPORT = ['api', 'store', 'images', 'prompts', 'raters', 'optimizer', 'export'];
// core/schedule runs background work on an injected clock: it needs no I/O, and every area may use it.
// What happens after a rating (core/learning) sits below the contract's handlers: it uses the store,
// the prompts, the optimizer, the reward model, the raters' weights and the scheduler, and never the
// service, the host, the admin role or the contract's schemas and errors (its types only: modes,
// settings), so the post-rating work cannot call the contract back or word its answers.
const LEARNING_MAY_IMPORT = ['store', 'prompts', 'optimizer', 'reward', 'raters', 'schedule', 'learning'];
const PURE_AREAS = ['core/api/', 'core/optimizer/', 'core/raters/', 'core/reward/math/', 'core/generation/limits/', 'core/schedule/', 'core/charts/'];

interface SourceFile {
  /** Path relative to the repo, with forward slashes. */
  from: string;
  text: string;
}

function violations(files: SourceFile[]): string[] {
  const found: string[] = [];
  {
    for (const { from, text } of files) {
      const file = join(repoRoot, from);
      for (const spec of new Set(imports(text))) {
        const target = spec.startsWith('.') ? rel(resolve(dirname(file), spec)) : spec;
        const bare = spec.startsWith('.') ? null : spec.split('/')[0]!.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!;
        if (from.startsWith('core/')) {
          if (bare === 'electron' || bare === 'react' || bare === 'react-dom' || bare === 'zustand') found.push(`${from} imports ${spec}`);
          if (target.startsWith('electron/') || target.startsWith('renderer/')) found.push(`${from} imports ${spec}`);
          if (PURE_AREAS.some((area) => from.startsWith(area))) {
            if (bare && NODE_BUILTINS.has(bare)) found.push(`${from} (pure area) imports Node built-in ${spec}`);
            if (from.startsWith('core/api/') && bare && bare !== 'zod') found.push(`${from} imports ${spec}; core/api imports zod only`);
            if (!bare && !PURE_AREAS.some((area) => `${target}/`.startsWith(area))) found.push(`${from} (pure area) imports ${spec}`);
          }
          // Other areas are reached through their index.ts only.
          const area = from.split('/')[1];
          const targetArea = target.startsWith('core/') ? target.split('/')[1] : null;
          if (area === 'export' && !bare && targetArea && !EXPORT_MAY_IMPORT.includes(targetArea)) {
            found.push(`${from} imports core/${targetArea}; core/export reads only ${EXPORT_MAY_IMPORT.join(', ')}`);
          }
          // The server source lives in core/sync with the server's schema and connections; the
          // export itself talks to no server.
          if (area === 'export' && bare && (bare === 'pg' || bare.startsWith('@aws-sdk/'))) {
            found.push(`${from} imports ${spec}; core/export reads servers only through a source from core/sync`);
          }
          if (area === 'learning' && !bare && targetArea && targetArea !== 'api' && !LEARNING_MAY_IMPORT.includes(targetArea)) {
            found.push(`${from} imports core/${targetArea}; core/learning uses only ${LEARNING_MAY_IMPORT.join(', ')} (and core/api's types)`);
          }
          if (area === 'learning' && !bare && targetArea === 'api' && valueImports(text).includes(spec)) {
            found.push(`${from} imports values from core/api; core/learning takes the contract's types only (its handlers in core/service word the answers)`);
          }
          if (!bare && targetArea && targetArea !== area) {
            const inner = target.split('/').slice(2).join('/');
            if (inner !== '' && inner !== 'index' && !(from.startsWith('electron/preload') && inner === 'names')) {
              found.push(`${from} reaches into core/${targetArea}/${inner}; import core/${targetArea} (its index.ts)`);
            }
          }
        }
        // The admin role is decided in the service only: no host, window or other area keeps its own.
        if (target.startsWith('core/admin') && !from.startsWith('core/admin/') && !from.startsWith('core/service/')) {
          found.push(`${from} imports ${spec}; only core/service decides who is an admin`);
        }
        if (from.startsWith('renderer/')) {
          if (bare && (NODE_BUILTINS.has(bare) || ['electron', 'better-sqlite3', 'sharp', 'onnxruntime-node', 'pg'].includes(bare))) {
            found.push(`${from} imports ${spec}`);
          }
          if (!bare && !target.startsWith('renderer/') && !target.startsWith('core/api')) found.push(`${from} imports ${spec}`);
        }
        if (from === 'electron/preload.ts' && !bare && !target.startsWith('core/api')) found.push(`${from} imports ${spec}`);
      }
    }
  }
  return found;
}

const repoFiles = (): SourceFile[] =>
  ['core', 'renderer', 'electron'].flatMap((top) =>
    sourceFiles(join(repoRoot, top)).map((file) => ({ from: rel(file), text: readFileSync(file, 'utf8') })),
  );

describe('import directions (STYLE.md)', () => {
  it('renderer -> core/api only; core never imports electron, react or the renderer; pure areas import no Node built-ins', () => {
    expect(violations(repoFiles())).toEqual([]);
  });

  it.each([
    ['core/queue/x.ts', "import { app } from 'electron';"],
    ['core/service/x.ts', "import { App } from '../../renderer/App';"],
    ['core/optimizer/x.ts', "import { readFileSync } from 'node:fs';"],
    ['core/api/x.ts', "import { ulid } from 'ulid';"],
    ['core/charts/x.ts', "import { openStore } from '../store';"],
    ['core/charts/x.ts', "import { readFileSync } from 'node:fs';"],
    ['core/schedule/x.ts', "import { setTimeout } from 'node:timers/promises';"],
    ['core/schedule/x.ts', "import { openStore } from '../store';"],
    ['core/learning/x.ts', "import { createService } from '../service';"],
    ['core/learning/x.ts', "import { startHost } from '../host';"],
    ['core/learning/x.ts', "import { pushOutbox } from '../sync';"],
    ['core/learning/x.ts', "import { createQueue } from '../queue';"],
    ['core/learning/x.ts', "import { checkEndpoint } from '../endpoints';"],
    ['core/learning/x.ts', "import { ApiError } from '../api';"],
    ['core/learning/x.ts', "import type { Mode } from '../api';\nimport { calls } from '../api';"],
    ['core/learning/x.ts', "import { App } from '../../renderer/App';"],
    ['core/learning/x.ts', "import { app } from 'electron';"],
    ['core/service/x.ts', "import { migrate } from '../store/migrations';"],
    ['core/export/x.ts', "import { createService } from '../service';"],
    ['core/export/x.ts', "import { runExport } from '../export/run';\nimport { pushOutbox } from '../sync';"],
    ['core/export/x.ts', "import pg from 'pg';"],
    ['core/export/x.ts', "import { S3Client } from '@aws-sdk/client-s3';"],
    ['renderer/x.tsx', "import Database from 'better-sqlite3';"],
    ['renderer/x.tsx', "import { createService } from '../core/service';"],
    ['electron/preload.ts', "import { createService } from '../core/service';"],
    ['electron/main.ts', "import { createAdminSession } from '../core/admin';"],
    ['core/host/x.ts', "import { verifyPassphrase } from '../admin';"],
    ['core/service/x.ts', "import { verifyPassphrase } from '../admin/passphrase';"],
  ])('flags %s doing %s', (from, text) => {
    expect(violations([{ from, text }])).toHaveLength(1);
  });

  it('allows what STYLE.md allows', () => {
    expect(
      violations([
        { from: 'renderer/x.tsx', text: "import type { Mode } from '../core/api';\nimport { create } from 'zustand';" },
        { from: 'core/service/x.ts', text: "import { openStore } from '../store';\nimport { readFileSync } from 'node:fs';" },
        { from: 'core/optimizer/x.ts', text: "import { PARAMETER_RANGES } from '../api';" },
        { from: 'core/charts/x.ts', text: "import { MODES } from '../api';" },
        { from: 'core/queue/x.ts', text: "import { createTask } from '../schedule';" },
        { from: 'core/learning/x.ts', text: "import { openStore } from '../store';\nimport { createTask } from '../schedule';\nimport { MIN_TRAINING_SAMPLES } from '../reward';" },
        {
          from: 'core/learning/x.ts',
          text: "import type { Mode, Settings } from '../api';\nimport { createOptimizer } from '../optimizer';\nimport { makeVersion } from '../prompts';\nimport { reliabilityWeights } from '../raters';\nimport { makeBrief } from './evolution-brief';\nimport { Worker } from 'node:worker_threads';",
        },
        { from: 'core/service/x.ts', text: "import { createAdminSession } from '../admin';" },
        { from: 'core/export/x.ts', text: "import { openStore } from '../store';\nimport sharp from 'sharp';\nimport { writeFile } from 'node:fs/promises';" },
        { from: 'core/sync/x.ts', text: "import { ExportError } from '../export';\nimport pg from 'pg';" },
      ]),
    ).toEqual([]);
  });
});
