import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createPromptValidator, loadPromptLibrary, makeVersion, nextExperimentNumber, writeCurrentFile, writeExperimentFile, writeVersionFile } from '../../../core/prompts';
import { repoRoot } from '../../helpers/service';
import { tempDir } from '../../helpers/temp';

const dir = tempDir();
afterAll(() => dir.remove());
const bundled = join(repoRoot, 'prompts', 'versions');
const validate = createPromptValidator(join(repoRoot, 'prompts', 'schema.json'));
const v100 = JSON.parse(readFileSync(join(bundled, 'v1.0.0.json'), 'utf8'));

describe('run-time prompt files', () => {
  it('writes a schema-valid version once, never overwrites it, and current.json moves back and forth (rollback)', () => {
    const local = join(dir.path, 'versions');
    const version = makeVersion({
      version: 'v1.1.0',
      parent: v100,
      prompt: 'photorealistic interior render, ambient occlusion, preserve exact layout',
      negative_prompt: 'blurry',
      created_by: 'evolver:offline',
      created_at: '2026-01-01T00:00:00Z',
      description: 'test',
      tags: ['evolved'],
      extra: { evolution_id: 'evo_1' },
    });
    expect(() => validate(version, 'v1.1.0.json')).not.toThrow();
    expect(version.stablediffusion).toMatchObject({ prompt: version.leonardo.prompt, strength: v100.stablediffusion.strength });
    const { file, sha256 } = writeVersionFile(local, version);
    expect(file).toBe('v1.1.0.json');
    expect(sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(() => writeVersionFile(local, { ...version, created_by: 'someone else' })).toThrow(/never overwritten/);

    writeCurrentFile(local, 'v1.1.0');
    expect(loadPromptLibrary(bundled, local, validate).current).toBe('v1.1.0');
    writeCurrentFile(local, 'v1.0.0');
    expect(loadPromptLibrary(bundled, local, validate).current).toBe('v1.0.0');
    expect(readdirSync(local).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('numbers experiment files experiment_001, 002 … after the highest one present', () => {
    const experiments = join(dir.path, 'experiments');
    expect(nextExperimentNumber(experiments)).toBe(1);
    writeExperimentFile(experiments, 1, { status: 'running' });
    writeExperimentFile(experiments, 1, { status: 'decided' });
    writeFileSync(join(experiments, 'experiment_007.json'), '{}');
    expect(nextExperimentNumber(experiments)).toBe(8);
    expect(JSON.parse(readFileSync(join(experiments, 'experiment_001.json'), 'utf8'))).toEqual({ status: 'decided' });
  });
});
