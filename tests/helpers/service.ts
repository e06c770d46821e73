import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { createService, type ServiceOptions } from '../../core/service';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

/** The admin passphrase `startService` creates on every test workstation. */
export const TEST_ADMIN_PASSPHRASE = 'test admin passphrase';

/**
 * The real service on a throwaway data dir, with the repo's bundled prompts and samples. Gold and
 * repeat pairs are off unless `measureRaters` is set: they leave learning, and tests that count the
 * samples a number of ratings gives would otherwise depend on the seed's coin.
 *
 * The workstation gets the admin passphrase `TEST_ADMIN_PASSPHRASE` through the contract, as on a
 * first start, and the test acts as that signed-in admin; with `role: 'trainer'` it is locked again
 * before the test gets it, so the test acts as a trainer.
 */
/** A service on `dataDir` as on its first start: the repo's prompts and samples, no admin passphrase yet. */
export function createTestService(dataDir: string, options: Partial<ServiceOptions> = {}) {
  return createService({
    dataDir,
    promptsDir: join(repoRoot, 'prompts'),
    samplesDir: join(repoRoot, 'resources', 'samples'),
    version: 'test',
    seed: 42,
    log: () => {},
    ...options,
  });
}

export async function startService(dataDir: string, extra: Partial<ServiceOptions> & { measureRaters?: boolean; role?: 'admin' | 'trainer' } = {}) {
  const { measureRaters = false, role = 'admin', ...options } = extra;
  const service = await createTestService(dataDir, options);
  if (!(await service.call('session.status', {})).passphrase_set) await service.call('session.setAdminPassphrase', { passphrase: TEST_ADMIN_PASSPHRASE });
  else await service.call('session.unlockAdmin', { passphrase: TEST_ADMIN_PASSPHRASE });
  if (!measureRaters) await service.call('settings.update', { gold_pair_rate: 0, repeat_pair_rate: 0 });
  if (role === 'trainer') await service.call('session.lock', {});
  return service;
}
