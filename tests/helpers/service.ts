import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { createService, type ServiceOptions } from '../../core/service';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

/**
 * The real service on a throwaway data dir, with the repo's bundled prompts and samples. Gold and
 * repeat pairs are off unless `measureRaters` is set: they leave learning, and tests that count the
 * samples a number of ratings gives would otherwise depend on the seed's coin.
 */
export async function startService(dataDir: string, extra: Partial<ServiceOptions> & { measureRaters?: boolean } = {}) {
  const { measureRaters = false, ...options } = extra;
  const service = await createService({
    dataDir,
    promptsDir: join(repoRoot, 'prompts'),
    samplesDir: join(repoRoot, 'resources', 'samples'),
    version: 'test',
    seed: 42,
    log: () => {},
    ...options,
  });
  if (!measureRaters) await service.call('settings.update', { gold_pair_rate: 0, repeat_pair_rate: 0 });
  return service;
}
