import { describe, expect, it } from 'vitest';
import { ApiError, type ProviderView } from '../../../core/api';
import { createProvidersStore, providerStateText } from '../../../renderer/stores/providersStore';
import { fakeApi } from './fixtures';

const leonardo = (change: Partial<ProviderView> = {}): ProviderView => ({
  id: 'leonardo',
  label: 'Leonardo.Ai',
  installed: true,
  enabled: true,
  available: true,
  note: '',
  remote: true,
  settings: { base_url: 'https://cloud.leonardo.ai/api/rest/v1', model: null, controlnet_model: null, price_usd: 0.001, concurrency: 10, requests_per_minute: 100, daily_cap_usd: 5 },
  has_key: true,
  state: 'ready',
  until: null,
  active_jobs: 0,
  spent_today_usd: 0,
  last_error: null,
  test: null,
  ...change,
});

describe('providers store', () => {
  it('loads the providers and replaces one after an update, sending the key only when one was typed', async () => {
    const fake = fakeApi({ 'providers.list': () => [leonardo()], 'providers.update': (input) => leonardo({ enabled: input.enabled ?? true }) });
    const store = createProvidersStore(fake.api);
    await store.getState().load();
    expect(store.getState().providers).toHaveLength(1);
    expect(await store.getState().update({ id: 'leonardo', enabled: false })).toBe(true);
    expect(store.getState().providers[0]!.enabled).toBe(false);
    expect(store.getState().notice).toBe('Leonardo.Ai saved.');
  });

  it('never lets a background load that answers late put back a setting the admin just saved', async () => {
    let answerLoad: (list: ProviderView[]) => void = () => {};
    const fake = fakeApi({
      'providers.list': () => new Promise<ProviderView[]>((resolve) => (answerLoad = resolve)),
      'providers.update': (input) => leonardo({ enabled: input.enabled ?? true }),
    });
    const store = createProvidersStore(fake.api);
    const first = store.getState().load();
    answerLoad([leonardo()]);
    await first;
    const late = store.getState().load();
    expect(await store.getState().update({ id: 'leonardo', enabled: false })).toBe(true);
    answerLoad([leonardo({ enabled: true })]);
    await late;
    expect(store.getState().providers[0]!.enabled).toBe(false);
  });

  it('shows the host\'s message when a save is refused', async () => {
    const fake = fakeApi({
      'providers.update': () => {
        throw new ApiError('invalid_input', 'leonardo base URL: the address must use https://');
      },
    });
    const store = createProvidersStore(fake.api);
    expect(await store.getState().update({ id: 'leonardo', settings: { base_url: 'http://x.example' } })).toBe(false);
    expect(store.getState().error).toMatch(/must use https/);
    expect(store.getState().busy).toBe(false);
  });

  it('keeps the message of the last action through a background refresh', async () => {
    const fake = fakeApi({
      'providers.list': () => [leonardo()],
      'providers.update': () => {
        throw new ApiError('invalid_input', 'base_url: use https:// for x.example');
      },
      'providers.pack': () => ({ size: 5, ready: 0 }),
    });
    const store = createProvidersStore(fake.api);
    await store.getState().update({ id: 'leonardo', settings: { base_url: 'http://x.example' } });
    await store.getState().load();
    expect(store.getState().error).toMatch(/use https/);
    await store.getState().buildPack('structure', 5);
    await store.getState().load();
    expect(store.getState().notice).toMatch(/Building a pack of 5 pairs/);
  });

  it('words each state with what to do', () => {
    expect(providerStateText(leonardo({ state: 'at_cap' }))).toMatch(/budget is spent.*raise the daily cap/);
    expect(providerStateText(leonardo({ state: 'set_aside', last_error: 'HTTP 500' }))).toMatch(/Paused after failing.*HTTP 500.*Other providers serve/);
    expect(providerStateText(leonardo({ available: false, note: 'Enter the API key.' }))).toBe('Cannot generate: Enter the API key.');
    expect(providerStateText(leonardo({ active_jobs: 3 }))).toBe('Generating (3 jobs).');
  });
});
