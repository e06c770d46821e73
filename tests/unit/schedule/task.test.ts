import { describe, expect, it } from 'vitest';
import { createTask, type Clock } from '../../../core/schedule';
import { createFakeClock } from '../../helpers/fake-clock';

// The one way background work runs later: never twice at once, one more run for any number of
// requests during a run, nothing after close, and only the injected clock's time.

function setUp(options: { delayMs?: number; stillDue?: () => boolean } = {}) {
  const fake = createFakeClock();
  const clock: Clock = { now: fake.now, after: (ms, run) => fake.timer(ms, run) };
  const log: string[] = [];
  let release: (() => void) | null = null;
  let hold = false;
  let runs = 0;
  let failNext = false;
  const task = createTask(
    clock,
    async () => {
      runs++;
      log.push(`run ${runs} (running: ${task.running()})`);
      if (failNext) {
        failNext = false;
        throw new Error('disk full');
      }
      if (hold) await new Promise<void>((resolve) => (release = resolve));
    },
    {
      delayMs: options.delayMs ?? 400,
      stillDue: options.stillDue,
      settled: () => log.push(`settled (running: ${task.running()})`),
      report: (error) => log.push(`reported: ${error.message}`),
    },
  );
  return {
    fake,
    task,
    log,
    runs: () => runs,
    hold: () => void (hold = true),
    release: () => {
      hold = false;
      release?.();
    },
    failNext: () => void (failNext = true),
  };
}

const turn = () => new Promise((resolve) => setImmediate(resolve));

describe('a scheduled task', () => {
  it('runs once after its delay however often soon() is called, on the injected clock only', async () => {
    const t = setUp({ delayMs: 400 });
    t.task.soon();
    t.fake.advance(399);
    t.task.soon();
    t.task.soon();
    await turn();
    expect(t.runs()).toBe(0);
    // The wait is not pushed back by the later calls.
    t.fake.advance(1);
    await turn();
    expect(t.log).toEqual(['run 1 (running: true)', 'settled (running: false)']);
    t.fake.advance(10_000);
    await turn();
    expect(t.runs()).toBe(1);
  });

  it('brings a waiting run forward for a shorter wait, never pushes it back, and says when it is due', async () => {
    const t = setUp({ delayMs: 400 });
    const start = t.fake.now();
    expect(t.task.dueAt()).toBeNull();
    t.task.soon(60_000);
    expect(t.task.dueAt()).toBe(start + 60_000);
    t.fake.advance(1000);
    t.task.soon();
    expect(t.task.dueAt()).toBe(start + 1400);
    t.task.soon(5000);
    expect(t.task.dueAt()).toBe(start + 1400);
    t.fake.advance(399);
    await turn();
    expect(t.runs()).toBe(0);
    t.fake.advance(1);
    await turn();
    expect(t.runs()).toBe(1);
    expect(t.task.dueAt()).toBeNull();
    // The longer wait it replaced is gone too.
    t.fake.advance(120_000);
    await turn();
    expect(t.runs()).toBe(1);
  });

  it('cancel drops the waiting run and later requests are served again', async () => {
    const t = setUp({ delayMs: 400 });
    t.task.soon();
    t.task.cancel();
    expect(t.task.dueAt()).toBeNull();
    t.fake.advance(10_000);
    await turn();
    expect(t.runs()).toBe(0);
    t.task.soon();
    t.fake.advance(400);
    await turn();
    expect(t.runs()).toBe(1);
  });

  it('idle waits for the run in progress and the one queued behind it', async () => {
    const t = setUp();
    t.hold();
    void t.task.now();
    void t.task.now();
    let idle = false;
    const waiting = t.task.idle().then(() => (idle = true));
    await turn();
    expect(idle).toBe(false);
    t.release();
    await waiting;
    expect(t.runs()).toBe(2);
    expect(t.task.running()).toBe(false);
  });

  it('never runs twice at once: requests during a run make exactly one more run after it', async () => {
    const t = setUp();
    t.hold();
    const first = t.task.now();
    expect(t.task.running()).toBe(true);
    const second = t.task.now();
    const third = t.task.now();
    expect(third).toBe(second);
    await turn();
    expect(t.runs()).toBe(1);
    t.release();
    await first;
    await second;
    expect(t.runs()).toBe(2);
    expect(t.log).toEqual(['run 1 (running: true)', 'settled (running: false)', 'run 2 (running: true)', 'settled (running: false)']);
    expect(t.task.running()).toBe(false);
  });

  it('drops a waiting run that is no longer due', async () => {
    let due = true;
    const t = setUp({ stillDue: () => due });
    t.task.soon();
    due = false;
    t.fake.advance(400);
    await turn();
    expect(t.runs()).toBe(0);
    due = true;
    t.task.soon();
    t.fake.advance(400);
    await turn();
    expect(t.runs()).toBe(1);
  });

  it('reports a run that throws and runs again on the next request', async () => {
    const t = setUp();
    t.failNext();
    await expect(t.task.now()).resolves.toBeUndefined();
    await t.task.now();
    expect(t.log).toEqual(['run 1 (running: true)', 'reported: disk full', 'settled (running: false)', 'run 2 (running: true)', 'settled (running: false)']);
  });

  it('after close, drops the waiting run, lets the one in progress end, and starts nothing more', async () => {
    const t = setUp();
    t.hold();
    void t.task.now();
    void t.task.now();
    t.task.soon();
    const closed = t.task.close();
    t.release();
    await closed;
    t.fake.advance(10_000);
    await t.task.now();
    t.task.soon();
    t.fake.advance(10_000);
    await turn();
    expect(t.runs()).toBe(1);
  });
});
