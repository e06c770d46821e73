// Plain lists of the contract's call and event names. Kept free of zod so that the preload (which
// must stay tiny and sandbox-safe) can whitelist channels; `calls.ts` and `events.ts` are checked
// against these lists at compile time, so the two can never drift apart.
export const CALL_NAMES = [
  'app.info',
  'samples.list',
  'settings.get',
  'settings.update',
  'train.create',
  'train.rate',
  'train.undo',
  'train.skip',
  'train.status',
  'train.history',
  'train.override',
  'queue.next',
  'queue.state',
  'sync.status',
  'sync.now',
  'sync.getConfig',
  'sync.configure',
  'sync.test',
  'prompts.list',
  'prompts.get',
  'prompts.evolution',
  'prompts.diff',
  'prompts.evolve',
  'prompts.edit',
  'prompts.decide',
  'prompts.rollback',
  'prompts.getLlmConfig',
  'prompts.configureLlm',
  'prompts.testLlm',
  'reward.status',
  'reward.train',
  'reward.predictions',
  'providers.list',
  'providers.update',
  'providers.test',
  'providers.models',
  'providers.pack',
  'raters.report',
  'raters.exclude',
  'charts.history',
  'session.status',
  'session.unlockAdmin',
  'session.lock',
  'session.setAdminPassphrase',
  'export.start',
  'export.status',
  'export.cancel',
  'export.showInFolder',
] as const;

export const EVENT_NAMES = ['queueChanged', 'statusChanged', 'syncStatus', 'promptsChanged', 'sessionChanged', 'exportProgress'] as const;

export type CallName = (typeof CALL_NAMES)[number];
export type EventName = (typeof EVENT_NAMES)[number];

export function isCallName(name: unknown): name is CallName {
  return typeof name === 'string' && (CALL_NAMES as readonly string[]).includes(name);
}

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && (EVENT_NAMES as readonly string[]).includes(name);
}
