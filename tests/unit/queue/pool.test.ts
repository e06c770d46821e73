import { describe, expect, it } from 'vitest';
import type { ProviderId } from '../../../core/api';
import { createProviderPool } from '../../../core/queue/pool';
import { defaultProviderSettings } from '../../../core/service/provider-defaults';
import type { ExperimentRecord } from '../../../core/store';
import { fakeRemote } from '../../helpers/fake-remote';

const T0 = Date.UTC(2026, 0, 5, 9);

function poolWith(concurrency: number) {
  const gpu = fakeRemote('automatic1111');
  const settings = { ...defaultProviderSettings('automatic1111'), concurrency, daily_cap_usd: 10 };
  const pool = createProviderPool({
    providers: new Map<ProviderId, typeof gpu.provider>([['automatic1111', gpu.provider]]),
    enabled: () => ['automatic1111'],
    settings: () => settings,
    now: () => T0,
  });
  const pair = { options: [{ id: 'a', provider: 'automatic1111', output_sha256: null }, { id: 'b', provider: 'automatic1111', output_sha256: null }] } as unknown as ExperimentRecord;
  return { pool, pair };
}

describe('provider pool', () => {
  it('gives a pair to a provider doing one job at a time, its options sharing the job, which ends with the last', () => {
    const { pool, pair } = poolWith(1);
    expect(pool.eligible(2)).toEqual(['automatic1111']);
    const started = pool.startPair(pair)!;
    expect(started.get('a')!.job).toBe(started.get('b')!.job);
    expect(pool.eligible(2)).toEqual([]);
    pool.finish('automatic1111', started.get('a')!.job, { ok: true, costUsd: 0.25 });
    expect(pool.status('automatic1111')).toMatchObject({ active: 1 });
    pool.finish('automatic1111', started.get('b')!.job, { ok: true, costUsd: 0.5 });
    expect(pool.status('automatic1111')).toMatchObject({ active: 0, spentTodayUsd: 0.75 });
    expect(pool.eligible(2)).toEqual(['automatic1111']);
  });

  it('sets the provider aside when either option of a shared job failed', () => {
    const { pool, pair } = poolWith(1);
    const started = pool.startPair(pair)!;
    pool.finish('automatic1111', started.get('a')!.job, { ok: false, costUsd: 0, retryAfterMs: 30_000 }, 'HTTP 500');
    pool.finish('automatic1111', started.get('b')!.job, { ok: true, costUsd: 0 });
    expect(pool.status('automatic1111')).toMatchObject({ state: 'set_aside', lastError: 'HTTP 500' });
  });

  it('gives each option its own job where the provider runs two at once', () => {
    const { pool, pair } = poolWith(2);
    const started = pool.startPair(pair)!;
    expect(started.get('a')!.job).not.toBe(started.get('b')!.job);
    expect(pool.status('automatic1111')).toMatchObject({ active: 2 });
  });
});
