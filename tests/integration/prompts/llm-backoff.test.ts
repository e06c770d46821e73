import { afterAll, describe, expect, it } from 'vitest';
import { EVOLUTION_DELAY_MS } from '../../../core/learning';
import type { Clock } from '../../../core/schedule';
import { createMemorySecretStore, type Service } from '../../../core/service';
import { whenEvents } from '../../helpers/events';
import { createFakeClock } from '../../helpers/fake-clock';
import { startLlmStub } from '../../helpers/llm-stub';
import { nextPair } from '../../helpers/next-pair';
import { startService } from '../../helpers/service';
import { tempDir } from '../../helpers/temp';

// Repeated LLM failures back off, on the real service with the real `openai` client against the
// local stub (it refuses the key every time) and the scheduler's clock driven by the test: the
// evolutions at 10 and 20 samples fail, the next waits until 40 (two intervals), then 80.

const dir = tempDir();
afterAll(() => dir.remove());
// Twenty pairs through the local enhancer: slow on a loaded machine; the test waits on events.
const TIMEOUT_MS = 240_000;

describe('LLM failures in a row', () => {
  it('make the automatic evolutions back off: 10, 20, then 40 samples, then 80', { timeout: TIMEOUT_MS }, async () => {
    const stub = await startLlmStub();
    stub.script([{ kind: 'status', status: 401 }]);
    const fake = createFakeClock();
    const scheduler: Clock = { now: fake.now, after: (ms, run) => fake.timer(ms, run) };
    const service = await startService(dir.path, { secrets: createMemorySecretStore(), scheduler });
    try {
      await service.call('settings.update', { prefetch: 5 });
      await service.call('prompts.configureLlm', { llm: { base_url: stub.baseUrl, model: 'stub-model', timeout_s: 5, api_key: 'sk-refused-key' } });
      const evolutions = async () => (await service.call('prompts.list', {})).evolutions;

      /** Rates five pairs (10 samples), letting the scheduler refill the queue after each. */
      async function rateTenSamples(service: Service) {
        for (let i = 0; i < 5; i++) {
          const pair = await nextPair(service);
          await service.call('train.rate', {
            experiment_id: pair.experiment_id,
            ratings: [
              { option: 'A', rating: 2 },
              { option: 'B', rating: 2 },
            ],
            outcome: 'tie',
            rated_by: 'ana@studio',
          });
          fake.advance(400);
        }
      }
      /** Lets a due evolution start, and waits until none runs. */
      async function passEvolutionDelay() {
        fake.advance(EVOLUTION_DELAY_MS);
        return whenEvents(service, ['promptsChanged'], async () => {
          const list = await service.call('prompts.list', {});
          return !list.running && list;
        });
      }

      await rateTenSamples(service);
      let list = await passEvolutionDelay();
      expect(list.evolutions.map((e) => [e.at_sample, e.status])).toEqual([[10, 'failed']]);
      expect(list.next_evolution_at_sample).toBe(20);

      await rateTenSamples(service);
      list = await passEvolutionDelay();
      expect(list.evolutions.map((e) => [e.at_sample, e.status])).toEqual([[20, 'failed'], [10, 'failed']]);
      // Two failures in a row: the wait doubles.
      expect(list.next_evolution_at_sample).toBe(40);

      await rateTenSamples(service);
      fake.advance(EVOLUTION_DELAY_MS);
      list = await service.call('prompts.list', {});
      expect(list.running).toBe(false);
      expect(await evolutions()).toHaveLength(2);

      await rateTenSamples(service);
      list = await passEvolutionDelay();
      expect(list.evolutions.map((e) => [e.at_sample, e.status])).toEqual([[40, 'failed'], [20, 'failed'], [10, 'failed']]);
      expect(list.evolutions[0]!.error!.action).toMatch(/offline evolver needs no server/);
      expect(list.next_evolution_at_sample).toBe(80);
    } finally {
      await service.close();
      await stub.close();
    }
  });
});
