import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createPromptValidator, loadPromptLibrary, promptTextFor } from '../../../core/prompts';
import { repoRoot } from '../../helpers/service';
import { tempDir } from '../../helpers/temp';

const bundled = join(repoRoot, 'prompts', 'versions');
const validate = createPromptValidator(join(repoRoot, 'prompts', 'schema.json'));
const dir = tempDir();
afterAll(() => dir.remove());
const v100 = JSON.parse(readFileSync(join(bundled, 'v1.0.0.json'), 'utf8'));

function localDir(name: string, files: Record<string, string>): string {
  const path = join(dir.path, name);
  mkdirSync(path, { recursive: true });
  for (const [file, text] of Object.entries(files)) writeFileSync(join(path, file), text);
  return path;
}

describe('prompt versions', () => {
  it('every bundled version file matches prompts/schema.json', () => {
    const files = readdirSync(bundled).filter((f) => /^v\d+\.\d+\.\d+\.json$/.test(f));
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) expect(() => validate(JSON.parse(readFileSync(join(bundled, file), 'utf8')), file)).not.toThrow();
  });

  it('v1.0.0 carries the seed prompts and current values', () => {
    expect(v100.leonardo).toMatchObject({ init_strength: 0.25, guidance_scale: 7.0, controlnet_weight: 0.92 });
    expect(v100.stablediffusion).toMatchObject({ strength: 0.2, guidance_scale: 7.5, controlnet_conditioning_scale: 0.95 });
    expect(v100.leonardo.prompt).toMatch(/^ultra-realistic, photorealistic interior design render, 8k, sharp focus, realistic textures on all surfaces/);
    expect(v100.leonardo.negative_prompt).toMatch(/^drawn, sketch, illustration, cartoon, blurry, distorted, warped, ugly, noisy, grainy, unreal/);
    expect(v100.performance).toEqual({ avg_rating: null, sample_count: 0, win_rate: null, last_used: null });
  });

  it('loads the bundled set with v1.0.0 current and gives each provider its own block', () => {
    const library = loadPromptLibrary(bundled, join(dir.path, 'none'), validate);
    expect(library.current).toBe('v1.0.0');
    expect(library.problems).toEqual([]);
    const version = library.versions.get('v1.0.0')!.version;
    expect(promptTextFor(version, 'local').prompt).toBe(version.leonardo.prompt);
    expect(promptTextFor(version, 'stablediffusion').negative_prompt).toBe(version.stablediffusion.negative_prompt);
  });

  it('refuses a malformed file naming the file and the field, and keeps the last valid current version', () => {
    const missingField = { ...v100, version: 'v1.1.0', leonardo: { ...v100.leonardo } };
    delete missingField.leonardo.negative_prompt;
    const outOfRange = { ...v100, version: 'v1.2.0', stablediffusion: { ...v100.stablediffusion, guidance_scale: 30 } };
    const local = localDir('malformed', {
      'v1.1.0.json': JSON.stringify(missingField),
      'v1.2.0.json': JSON.stringify(outOfRange),
      'v1.3.0.json': '{ "version": "v1.3.0", ',
      'v1.4.0.json': JSON.stringify({ ...v100, version: 'v9.9.9' }),
      'current.json': JSON.stringify({ version: 'v1.1.0' }),
    });
    const library = loadPromptLibrary(bundled, local, validate);
    expect(library.current).toBe('v1.0.0');
    expect([...library.versions.keys()]).toEqual(['v1.0.0']);
    const messages = library.problems.map((p) => `${p.file}: ${p.message}`);
    expect(messages).toEqual([
      expect.stringMatching(/^local\/v1\.1\.0\.json: .*missing field leonardo\.negative_prompt/),
      expect.stringMatching(/^local\/v1\.2\.0\.json: .*field stablediffusion\.guidance_scale must be <= 12/),
      expect.stringMatching(/^local\/v1\.3\.0\.json: .*not valid JSON/),
      expect.stringMatching(/^local\/v1\.4\.0\.json: .*says it is v9\.9\.9/),
      'current.json: current.json names v1.1.0, which is not a valid version; using v1.0.0.',
    ]);
  });

  it('falls back to the last valid current version the service remembers, not to the newest file', () => {
    const good = { ...v100, version: 'v1.1.0', parent_version: 'v1.0.0' };
    const untested = { ...v100, version: 'v1.2.0', parent_version: 'v1.1.0' };
    const local = localDir('fallback', {
      'v1.1.0.json': JSON.stringify(good),
      'v1.2.0.json': JSON.stringify(untested),
      'v1.3.0.json': '{}',
      'current.json': JSON.stringify({ version: 'v1.3.0' }),
    });
    expect(loadPromptLibrary(bundled, local, validate, 'v1.1.0').current).toBe('v1.1.0');
    expect(loadPromptLibrary(bundled, local, validate, null).current).toBe('v1.0.0');
  });

  it('uses a valid run-time version named by the data dir current.json', () => {
    const evolved = { ...v100, version: 'v1.1.0', parent_version: 'v1.0.0', created_by: 'admin' };
    const local = localDir('evolved', { 'v1.1.0.json': JSON.stringify(evolved), 'current.json': JSON.stringify({ version: 'v1.1.0' }) });
    const library = loadPromptLibrary(bundled, local, validate);
    expect(library.current).toBe('v1.1.0');
    expect(library.versions.get('v1.1.0')!.origin).toBe('local');
  });
});
