import { ApiError, PROVIDER_IDS, type CallOutput, type CallParsedInput, type ProviderId, type ProviderView, type Settings } from '../api';
import { createLocalProvider, dayStartMs, type GenerationProvider, type ProviderFactory } from '../generation';
import type { Queue } from '../queue';
import type { Store } from '../store';
import { updateEndpointSecret } from './endpoint-secret';
import type { SecretStore } from './secrets';

export const providerKeyName = (id: ProviderId) => `provider_key:${id}`;

export interface ProviderSetupDeps {
  store: Store;
  secrets: SecretStore;
  /** Adapters built by the test or the host, used as they are. */
  injected?: GenerationProvider[];
  /** Adapters built from settings (base URL, model, price) and the stored key. */
  factories?: Partial<Record<ProviderId, ProviderFactory>>;
  settings(): Settings;
  writeSettings(patch: Partial<Settings>): Settings;
  now(): string;
}

/**
 * The image providers this workstation has: the injected ones, plus one per factory built from its
 * settings and key, rebuilt when an admin changes them. The map is shared with the queue, which
 * therefore always sees the current adapters.
 */
export function createProviderSetup(deps: ProviderSetupDeps) {
  const { store, secrets } = deps;
  const injected = new Map((deps.injected ?? [createLocalProvider()]).map((p) => [p.id, p]));
  const providers = new Map<ProviderId, GenerationProvider>(injected);
  const tests = new Map<ProviderId, ProviderView['test']>();

  const build = (id: ProviderId) => {
    const factory = deps.factories?.[id];
    if (injected.has(id) || !factory) return;
    const s = deps.settings().providers[id];
    providers.set(id, factory({ baseUrl: s.base_url, apiKey: () => secrets.get(providerKeyName(id)), model: s.model, controlnetModel: s.controlnet_model, priceUsd: s.price_usd }));
  };
  for (const id of PROVIDER_IDS) build(id);

  /** Changes of base URLs made through settings.update follow the same rule as providers.update: a new host drops the key. */
  function checkSettingsPatch(patch: Partial<Settings>): void {
    if (!patch.providers) return;
    const before = deps.settings().providers;
    for (const id of PROVIDER_IDS) {
      const next = patch.providers[id];
      if (next && next.base_url !== before[id].base_url) updateEndpointSecret(secrets, providerKeyName(id), `${id} base URL`, before[id].base_url, next.base_url, undefined);
    }
  }

  function handlers(queue: Queue) {
    // Money spent before this start (earlier today) counts against today's caps.
    const todayIso = new Date(dayStartMs(Date.parse(deps.now()))).toISOString();
    for (const { provider, usd } of store.experiments.spendSince(todayIso)) if (providers.has(provider)) queue.pool.addSpent(provider, usd);

    const view = (id: ProviderId): ProviderView => {
      const provider = providers.get(id);
      const settings = deps.settings();
      const status = provider ? queue.pool.status(id) : null;
      return {
        id,
        label: provider?.label ?? id,
        installed: provider !== undefined,
        enabled: settings.enabled_providers.includes(id),
        available: provider?.available() ?? false,
        note: provider?.note ?? 'No adapter for this provider is built into this workstation.',
        remote: provider?.remote ?? true,
        settings: settings.providers[id],
        has_key: secrets.get(providerKeyName(id)) !== null,
        state: status?.state ?? 'ready',
        until: status?.untilMs ? new Date(status.untilMs).toISOString() : null,
        active_jobs: status?.active ?? 0,
        spent_today_usd: status?.spentTodayUsd ?? 0,
        last_error: status?.lastError ?? null,
        test: tests.get(id) ?? null,
      };
    };

    const installed = (id: ProviderId): GenerationProvider => {
      const provider = providers.get(id);
      if (!provider) throw new ApiError('not_found', `No adapter for ${id} is built into this workstation; choose another provider.`);
      return provider;
    };

    return {
      'providers.list': (): CallOutput<'providers.list'> => PROVIDER_IDS.map(view),

      'providers.update'(input: CallParsedInput<'providers.update'>): CallOutput<'providers.update'> {
        const current = deps.settings();
        // A field sent as `undefined` (IPC keeps such keys) keeps its value, as in settings.update.
        const given = Object.fromEntries(Object.entries(input.settings ?? {}).filter(([, value]) => value !== undefined));
        const next = { ...current.providers[input.id], ...given };
        if (input.enabled) installed(input.id);
        if (input.settings || input.api_key !== undefined) {
          updateEndpointSecret(secrets, providerKeyName(input.id), `${input.id} base URL`, current.providers[input.id].base_url, next.base_url, input.api_key);
        }
        let enabled = current.enabled_providers.filter((p) => p !== input.id);
        if (input.enabled ?? current.enabled_providers.includes(input.id)) enabled = [...enabled, input.id];
        if (enabled.length === 0) throw new ApiError('invalid_input', 'At least one provider must stay enabled: enable another one (the local enhancer works offline) before turning this one off.');
        deps.writeSettings({ providers: { ...current.providers, [input.id]: next }, enabled_providers: enabled });
        build(input.id);
        tests.delete(input.id);
        queue.fill();
        return view(input.id);
      },

      async 'providers.test'(input: CallParsedInput<'providers.test'>): Promise<CallOutput<'providers.test'>> {
        const provider = installed(input.id);
        const report = await provider.testConnection().catch((error: unknown) => ({ ok: false, message: (error as Error).message, balance: null }));
        tests.set(input.id, { ...report, at: deps.now() });
        return view(input.id);
      },

      async 'providers.models'(input: CallParsedInput<'providers.models'>): Promise<CallOutput<'providers.models'>> {
        const provider = installed(input.id);
        if (!provider.listModels) throw new ApiError('not_found', `${provider.label} cannot list its models through its API: type the model id from the provider's website.`);
        return { models: await provider.listModels() };
      },

      'providers.pack'(input: CallParsedInput<'providers.pack'>): CallOutput<'providers.pack'> {
        queue.requestPack(input.mode, input.size);
        const pack = queue.state(input.mode).pack;
        return { size: pack?.size ?? 0, ready: pack?.ready ?? store.experiments.counts(input.mode).ready };
      },
    };
  }

  /** After settings.update changed providers' settings: adapters built from settings follow them. */
  const rebuild = () => PROVIDER_IDS.forEach(build);

  return { providers, checkSettingsPatch, rebuild, handlers };
}
