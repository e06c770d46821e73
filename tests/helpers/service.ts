import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { createService, type ServiceOptions } from '../../core/service';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

/** The real service on a throwaway data dir, with the repo's bundled prompts and samples. */
export function startService(dataDir: string, extra: Partial<ServiceOptions> = {}) {
  return createService({
    dataDir,
    promptsDir: join(repoRoot, 'prompts'),
    samplesDir: join(repoRoot, 'resources', 'samples'),
    version: 'test',
    seed: 42,
    log: () => {},
    ...extra,
  });
}
