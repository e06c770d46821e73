import type { CallName } from './names';
import type { Settings } from './domain';

// Who may make each call, in one place. The service's dispatch enforces it before any handler
// runs, so a handler cannot forget it and hiding a button is never the only guard.

/**
 * `anyone`: trainers and admins. `{ admin }`: admins only; the phrase says what a refused trainer
 * tried to do. `settings`: admins only for the keys `SETTING_ACCESS` marks `admin`.
 * `admin_once_set`: anyone while no admin passphrase exists (the first start), admins afterwards.
 */
export type CallAccess = 'anyone' | 'settings' | 'admin_once_set' | { admin: string };

export const CALL_ACCESS = {
  'app.info': 'anyone',
  'samples.list': 'anyone',
  'settings.get': 'anyone',
  'settings.update': 'settings',
  'train.create': 'anyone',
  'train.rate': 'anyone',
  'train.undo': 'anyone',
  'train.skip': 'anyone',
  'train.status': 'anyone',
  'train.history': 'anyone',
  'train.override': { admin: 'stop or resume Phase 1' },
  'queue.next': 'anyone',
  'queue.state': 'anyone',
  'sync.status': 'anyone',
  'sync.now': 'anyone',
  'sync.getConfig': 'anyone',
  'sync.configure': { admin: 'change the sync servers' },
  'sync.test': 'anyone',
  'prompts.list': 'anyone',
  'prompts.get': 'anyone',
  'prompts.evolution': 'anyone',
  'prompts.diff': 'anyone',
  'prompts.evolve': { admin: 'start a prompt evolution' },
  'prompts.edit': { admin: 'edit the prompt' },
  'prompts.decide': { admin: 'adopt or reject a prompt candidate' },
  'prompts.rollback': { admin: 'roll the prompt back' },
  // The LLM's address and model are the admin's set-up; trainers have no use for them.
  'prompts.getLlmConfig': { admin: 'see the prompt LLM settings' },
  'prompts.configureLlm': { admin: 'change the prompt LLM settings' },
  'prompts.testLlm': { admin: 'test the prompt LLM' },
  'reward.status': 'anyone',
  'reward.train': { admin: 'train the reward model' },
  'reward.predictions': 'anyone',
  // The list shows what generates the pairs (no keys); fetching models calls the provider with its key.
  'providers.list': 'anyone',
  'providers.update': { admin: 'change a provider' },
  'providers.test': { admin: 'test a provider' },
  'providers.models': { admin: "list a provider's models" },
  'providers.pack': { admin: 'generate a pack of pairs' },
  'raters.report': { admin: 'see the rater report' },
  'raters.exclude': { admin: 'exclude a rater from learning' },
  // History's charts are for everyone at the workstation.
  'charts.history': 'anyone',
  'session.status': 'anyone',
  'session.unlockAdmin': 'anyone',
  'session.lock': 'anyone',
  'session.setAdminPassphrase': 'admin_once_set',
  // Datasets carry every rater's ratings and comments, and the folder is on the admin's disk.
  'export.start': { admin: 'export a dataset' },
  'export.status': { admin: 'see the dataset export' },
  'export.cancel': { admin: 'cancel the dataset export' },
  'export.showInFolder': { admin: 'open the exported dataset' },
} as const satisfies Record<CallName, CallAccess>;

/**
 * Which settings a trainer may change: their own name and the mode they rate in. Everything else
 * steers learning, spending or what raters see, and is the admin's. A new key must be placed here.
 */
export const SETTING_ACCESS = {
  rater_id: 'trainer',
  mode: 'trainer',
  prefetch: 'admin',
  enabled_providers: 'admin',
  show_parameters_to_trainers: 'admin',
  prompt_auto_adopt: 'admin',
  prefilter_candidates: 'admin',
  show_predictions_to_trainers: 'admin',
  providers: 'admin',
  pack_size: 'admin',
  prefetch_max: 'admin',
  daily_goal: 'admin',
  gold_pair_rate: 'admin',
  repeat_pair_rate: 'admin',
  overlap_share: 'admin',
  excluded_raters: 'admin',
} as const satisfies Record<keyof Settings, 'trainer' | 'admin'>;

export const ADMIN_ONLY_CALLS = (Object.keys(CALL_ACCESS) as CallName[]).filter((name) => typeof CALL_ACCESS[name] === 'object');
export const ADMIN_SETTING_KEYS = (Object.keys(SETTING_ACCESS) as (keyof Settings)[]).filter((key) => SETTING_ACCESS[key] === 'admin');
