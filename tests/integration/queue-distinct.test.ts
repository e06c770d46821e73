import { afterEach, describe, expect, it } from 'vitest';
import { createLocalProvider, type GenerationProvider, type GenerationResult } from '../../core/generation';
import { MAX_REPLACEMENTS, MAX_SET_ASIDE_IN_A_ROW, type Scheduler } from '../../core/queue';
import { createMemorySecretStore, type Service } from '../../core/service';
import { startService } from '../helpers/service';
import { tempDir } from '../helpers/temp';
import { until } from '../helpers/until';

// The queue's gate on the real service (SQLite, the local enhancer, the prompt tests): a pair
// whose two pictures cannot be told apart never reaches `queue.next`.

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanup.length) await cleanup.pop()!();
});
const WORKFLOW_TIMEOUT_MS = 240_000;

async function start(extra: Parameters<typeof startService>[1] = {}) {
  const dir = tempDir();
  const logs: string[] = [];
  const service: Service = await startService(dir.path, { secrets: createMemorySecretStore(), log: (m) => logs.push(m), ...extra });
  cleanup.push(dir.remove, () => service.close());
  return { service, logs, dir: dir.path };
}

const checksOf = (service: Service, experimentId: string) => service.store.pairChecks.of(experimentId);

/** Takes the next pair, checks its two pictures differ, and rates it. */
async function rateNext(service: Service) {
  const { experiment } = await service.call('queue.next', { wait_ms: 60_000 });
  expect(experiment).not.toBeNull();
  const [a, b] = experiment!.options;
  expect(a!.image!.sha256).not.toBe(b!.image!.sha256);
  expect(checksOf(service, experiment!.experiment_id).at(-1)).toMatchObject({ told_apart: true, identical: false });
  await service.call('train.rate', {
    experiment_id: experiment!.experiment_id,
    ratings: [
      { option: 'A', rating: 3, comments: '' },
      { option: 'B', rating: 4, comments: '' },
    ],
    outcome: 'B',
    rated_by: 'ana@studio',
  });
  return experiment!;
}

/** A scheduler whose time moves only when the test says so. */
function manualScheduler() {
  let now = Date.UTC(2026, 0, 5, 9, 0, 0);
  const timers = new Set<{ due: number; run: () => void }>();
  const scheduler: Scheduler = {
    now: () => now,
    after(ms, run) {
      const timer = { due: now + ms, run };
      timers.add(timer);
      return () => timers.delete(timer);
    },
  };
  const advance = (ms: number) => {
    now += ms;
    for (const timer of [...timers].sort((x, y) => x.due - y.due)) {
      if (timer.due > now) continue;
      timers.delete(timer);
      timer.run();
    }
  };
  return { scheduler, advance };
}

describe('pairs that cannot be told apart', () => {
  it('a prompt candidate the enhancer ignores has no visible effect, and none of its pairs is shown', { timeout: WORKFLOW_TIMEOUT_MS }, async () => {
    const { service, dir } = await start();
    await service.call('settings.update', { prefetch: 2 });
    const current = (await service.call('prompts.list', {})).versions.find((v) => v.current)!;
    // "lifelike" is in the evolver's vocabulary and passes the guardrails, but no rule of the local enhancer reads it.
    const list = await service.call('prompts.edit', { prompt: `${current.prompt}, lifelike`, negative_prompt: current.negative_prompt, edited_by: 'admin@studio' });
    const candidate = list.evolutions[0]!.candidates[0]!;
    const status = async () => (await service.call('prompts.list', {})).evolutions.flatMap((e) => e.candidates).find((c) => c.id === candidate.id)!;
    for (let i = 0; i < 10 && (await status()).status !== 'no_visible_effect'; i++) {
      const shown = await rateNext(service);
      expect(shown.options.map((o) => o.prompt_version)).not.toContain(candidate.version);
    }
    const after = await status();
    expect(after.status).toBe('no_visible_effect');
    const unseen = service.store.forTests()
      .prepare(`SELECT DISTINCT e.id, e.status FROM experiments e JOIN options o ON o.experiment_id = e.id WHERE o.prompt_version = ?`)
      .all(candidate.version) as { id: string; status: string }[];
    expect(unseen.length).toBeGreaterThanOrEqual(2);
    for (const pair of unseen) {
      expect(pair.status).toBe('indistinct');
      expect(checksOf(service, pair.id)).toEqual([expect.objectContaining({ attempt: 0, identical: true, distance: 0, told_apart: false })]);
    }
    expect(service.store.ratings.ratedOptions().some((o) => o.prompt_version === candidate.version)).toBe(false);
    const file = await import('node:fs').then((fs) => JSON.parse(fs.readFileSync(`${dir}/${after.test!.file}`, 'utf8')));
    expect(file).toMatchObject({ candidate_version: candidate.version, status: 'no_visible_effect', pairs: [] });
    expect(file.pairs_set_aside.map((p: { experiment_id: string }) => p.experiment_id).sort()).toEqual(unseen.map((p) => p.id).sort());
    expect((await service.call('queue.state', {})).indistinct.dropped).toBe(unseen.length);
  });

  it('an optimizer proposal whose picture equals its partner’s is replaced, and the pair is shown with the new one', { timeout: WORKFLOW_TIMEOUT_MS }, async () => {
    const local = createLocalProvider();
    // The first pair's two generations give the very same image, whatever their parameters.
    let calls = 0;
    let first: Promise<GenerationResult> | null = null;
    const forced: GenerationProvider = {
      ...local,
      generate: (request) => (++calls <= 2 ? (first ??= local.generate(request)) : local.generate(request)),
    };
    const { service, logs } = await start({ providers: [forced] });
    const experimentId = service.store.forTests().prepare('SELECT id FROM experiments ORDER BY created_at, id LIMIT 1').pluck().get() as string;
    const { experiment } = await service.call('queue.next', { wait_ms: 60_000 });
    expect(experiment!.experiment_id).toBe(experimentId);
    const checks = checksOf(service, experimentId);
    expect(checks.map((c) => [c.attempt, c.identical, c.told_apart])).toEqual([
      [0, true, false],
      [1, false, true],
    ]);
    expect(experiment!.options.filter((o) => o.metadata.origin.endsWith('+replaced'))).toHaveLength(1);
    expect(experiment!.options[0]!.image!.sha256).not.toBe(experiment!.options[1]!.image!.sha256);
    expect(logs.some((m) => m.includes(`pair ${experimentId}: a proposal was replaced (identical images)`))).toBe(true);
    expect((await service.call('queue.state', {})).indistinct).toEqual({ dropped: 0, replaced: 1 });
  });

  it('a provider that ignores its parameters: its pairs are set aside after the replacements, and the queue pauses instead of looping', { timeout: WORKFLOW_TIMEOUT_MS }, async () => {
    const local = createLocalProvider();
    let same: Promise<GenerationResult> | null = null;
    const constant: GenerationProvider = { ...local, generate: (request) => (same ??= local.generate(request)) };
    const { scheduler, advance } = manualScheduler();
    const { service, logs } = await start({ providers: [constant], scheduler });
    await service.call('settings.update', { prefetch: 1 });
    await until('the pause', async () => logs.some((m) => m.includes('pairs in a row could not be told apart')));
    const total = () => service.store.experiments.total();
    await until('every pair settled', async () => (await service.call('queue.state', {})).generating === 0);
    const made = total();
    expect(made).toBe(MAX_SET_ASIDE_IN_A_ROW);
    const ids = service.store.experiments.idsWithStatus('indistinct');
    expect(ids).toHaveLength(made);
    for (const id of ids) expect(checksOf(service, id).map((c) => c.attempt)).toEqual([...Array(MAX_REPLACEMENTS + 1).keys()]);
    expect((await service.call('queue.next', { wait_ms: 0 })).experiment).toBeNull();
    // Nothing more is generated while paused; once the pause is over the queue tries again.
    await service.call('settings.update', {});
    expect(total()).toBe(made);
    advance(60_000);
    await until('a new pair after the pause', async () => total() > made);
  });
});
