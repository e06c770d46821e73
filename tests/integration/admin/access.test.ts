import { afterAll, describe, expect, it } from 'vitest';
import { ADMIN_ONLY_CALLS, ADMIN_SETTING_KEYS, SETTING_ACCESS, toApiError, type CallName, type Settings } from '../../../core/api';
import { DEFAULT_SETTINGS, type Service } from '../../../core/service';
import { startService } from '../../helpers/service';
import { tempDir } from '../../helpers/temp';

// One well-formed input per admin-only call: the trainer's refusal must come from the role, not
// from the input. A new admin-only call fails the first test until it has a row here.
const ADMIN_INPUTS: Partial<Record<CallName, unknown>> = {
  'train.override': { mode: 'structure', phase_1: 'stop' },
  'sync.configure': { postgres: null, s3: null },
  'prompts.evolve': { requested_by: 'lea@studio' },
  'prompts.edit': { prompt: 'bright, airy room, admin edit', negative_prompt: 'blur', edited_by: 'lea@studio' },
  'prompts.decide': { candidate_id: 'cand_none', decision: 'reject', decided_by: 'lea@studio' },
  'prompts.rollback': { version: 'v1.0.0', decided_by: 'lea@studio' },
  'prompts.getLlmConfig': {},
  'prompts.configureLlm': { llm: { base_url: 'http://127.0.0.1:9/v1', model: 'stub' } },
  'prompts.testLlm': {},
  'reward.train': {},
  'providers.update': { id: 'local', enabled: true },
  'providers.test': { id: 'local' },
  'providers.models': { id: 'local' },
  'providers.pack': { mode: 'structure', size: 0 },
  'raters.report': {},
  'raters.exclude': { rater_id: 'bo@studio', excluded: true },
  // A relative folder: an admin's call is refused for the path, so no test writes outside its temp folders.
  'export.start': { format: 'csv', out: 'datasets/never-written' },
  'export.status': {},
  'export.cancel': {},
  'export.showInFolder': {},
};

// A valid value of each admin setting, different from the default where the schema allows.
const ADMIN_SETTING_VALUES: { [K in keyof Settings]?: Settings[K] } = {
  prefetch: 2,
  enabled_providers: ['local'],
  show_parameters_to_trainers: true,
  prompt_auto_adopt: true,
  prefilter_candidates: { ...DEFAULT_SETTINGS.prefilter_candidates, local: 2 },
  show_predictions_to_trainers: true,
  providers: DEFAULT_SETTINGS.providers,
  pack_size: 20,
  prefetch_max: 6,
  daily_goal: 120,
  gold_pair_rate: 0.1,
  repeat_pair_rate: 0.1,
  overlap_share: 0.2,
  excluded_raters: ['bo@studio'],
};

const dirs: { remove(): void }[] = [];
afterAll(() => dirs.forEach((dir) => dir.remove()));

async function workstation(role: 'admin' | 'trainer'): Promise<Service> {
  const dir = tempDir();
  dirs.push(dir);
  return startService(dir.path, { role });
}

const codeOf = (promise: Promise<unknown>) =>
  promise.then(
    () => 'answered',
    (error: unknown) => toApiError(error).code,
  );

describe('admin-only calls', () => {
  it('are listed with an input here, and every setting key has a role', () => {
    expect(Object.keys(ADMIN_INPUTS).sort()).toEqual([...ADMIN_ONLY_CALLS].sort());
    expect(Object.keys(ADMIN_SETTING_VALUES).sort()).toEqual([...ADMIN_SETTING_KEYS].sort());
    expect(Object.keys(SETTING_ACCESS).sort()).toEqual(Object.keys(DEFAULT_SETTINGS).sort());
  });

  it('are refused for a trainer with a message that says how to sign in, and change nothing', async () => {
    const service = await workstation('trainer');
    try {
      const before = await service.call('settings.get', {});
      const prompts = await service.call('prompts.list', {});
      for (const name of ADMIN_ONLY_CALLS) {
        const error = await service.invoke(name, ADMIN_INPUTS[name]).then(() => null, toApiError);
        expect(error, name).not.toBeNull();
        expect(error!.code, name).toBe('forbidden');
        expect(error!.message, name).toMatch(/^Only an admin can .+\. Sign in as an admin \(Admin sign-in, with the workstation's admin passphrase\) and try again\.$/);
      }
      for (const key of ADMIN_SETTING_KEYS) {
        const error = await service.invoke('settings.update', { [key]: ADMIN_SETTING_VALUES[key] }).then(() => null, toApiError);
        expect(error?.code, key).toBe('forbidden');
        expect(error!.message, key).toContain(`change ${key} (trainers may change only their rater id and mode)`);
      }
      expect(await service.call('settings.get', {})).toEqual(before);
      expect((await service.call('prompts.list', {})).versions).toEqual(prompts.versions);
      expect((await service.call('train.status', {})).phase_1.override).toBeNull();
    } finally {
      await service.close();
    }
  });

  it('are allowed for an admin (answered, or refused for a reason other than the role)', async () => {
    const service = await workstation('admin');
    try {
      for (const name of ADMIN_ONLY_CALLS) expect(await codeOf(service.invoke(name, ADMIN_INPUTS[name])), name).not.toBe('forbidden');
      for (const key of ADMIN_SETTING_KEYS) expect(await codeOf(service.invoke('settings.update', { [key]: ADMIN_SETTING_VALUES[key] })), key).toBe('answered');
      expect((await service.call('train.status', { mode: 'structure' })).phase_1.override).toBe('stopped');
    } finally {
      await service.close();
    }
  });

  it('leave a trainer their own rater id and mode, and every reading and rating call', async () => {
    const service = await workstation('trainer');
    try {
      const settings = await service.call('settings.update', { rater_id: 'ana@studio', mode: 'surfaces' });
      expect(settings).toMatchObject({ rater_id: 'ana@studio', mode: 'surfaces' });
      // A patch that mixes the trainer's key with an admin key is refused whole: nothing half-saved.
      expect(await codeOf(service.call('settings.update', { rater_id: 'bo@studio', daily_goal: 10 }))).toBe('forbidden');
      expect((await service.call('settings.get', {})).rater_id).toBe('ana@studio');
      for (const name of ['prompts.list', 'providers.list', 'reward.status', 'sync.getConfig', 'train.history', 'queue.state'] as const) {
        expect(await codeOf(service.invoke(name, name === 'train.history' ? { limit: 5 } : {})), name).toBe('answered');
      }
      const next = await service.call('queue.next', { wait_ms: 60_000 });
      const rated = await service.call('train.rate', {
        experiment_id: next.experiment!.experiment_id,
        ratings: [
          { option: 'A', rating: 4 },
          { option: 'B', rating: 2 },
        ],
        outcome: 'A',
        rated_by: 'ana@studio',
      });
      expect(rated.success).toBe(true);
    } finally {
      await service.close();
    }
  });
});
