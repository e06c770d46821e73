// `npm run bench:ui`: the rating loop as a trainer feels it, in the real browser host.
//  - Enter → next pair fully shown (both images decoded), timed inside the page from the keydown,
//    with the queue prefetched as in real use (a trainer looks at a pair for seconds; the bench
//    waits until the next pair is ready, then presses Enter, and times only what the trainer waits
//    for);
//  - cold start: host process start → URL printed, and → first pair fully shown;
//  - resident memory of the host process after 100 ratings.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { createImageStore } from '../core/images';
import { openStore } from '../core/store';
import { rpc, startHost } from '../tests/helpers/host';
import { shownPairFigures, shownPairRows, type ShownPair } from './shown-pairs';
import { tempDir } from '../tests/helpers/temp';

const RATINGS = Number(process.env.BENCH_RATINGS ?? 100);
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

function rssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)![1]) / 1024;
}

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;

// Runs in the page (as a string, so no bundler helpers leak in): on the real Enter keydown it
// notes the time, then checks every frame for a new pair whose two images are decoded. Timing in
// the page leaves out the browser-automation round trips, which are not what a trainer waits for.
const ARM_TIMER = `(() => {
  const prev = document.querySelector('main')?.getAttribute('data-experiment-id') ?? null;
  window.__bench = { start: 0, done: 0, id: null };
  const check = () => {
    const id = document.querySelector('main')?.getAttribute('data-experiment-id');
    const images = [...document.querySelectorAll('[aria-label="Option A"] img, [aria-label="Option B"] img')];
    if (id && id !== prev && images.length >= 2 && images.every((i) => i.complete && i.naturalWidth > 0)) {
      window.__bench.done = performance.now();
      window.__bench.id = id;
    } else requestAnimationFrame(check);
  };
  window.addEventListener('keydown', (event) => {
    if (event.key !== 'Enter') return;
    window.__bench.start = performance.now();
    requestAnimationFrame(check);
  }, { capture: true, once: true });
})()`;

async function firstPairShown(page: Page): Promise<void> {
  await page.waitForFunction(
    `(() => {
      const images = [...document.querySelectorAll('[aria-label="Option A"] img, [aria-label="Option B"] img')];
      return document.querySelector('main[data-experiment-id]') && images.length >= 2 && images.every((i) => i.complete && i.naturalWidth > 0);
    })()`,
    undefined,
    { timeout: 120_000 },
  );
}

/** The pairs the trainer saw (rated or skipped), read from the host's data folder after it stopped. */
async function shownPairs(dataDir: string): Promise<ShownPair[]> {
  const store = openStore(join(dataDir, 'latina.sqlite'));
  const images = createImageStore({ dataDir });
  try {
    return [...store.experiments.idsWithStatus('rated'), ...store.experiments.idsWithStatus('skipped')].map((id) => {
      const [a, b] = store.experiments.get(id)!.options.map((o) => o.output_sha256!) as [string, string];
      return { sha256: [a, b], files: [images.pathOf(a)!, images.pathOf(b)!] };
    });
  } finally {
    store.close();
  }
}

async function main(): Promise<void> {
  const data = tempDir('latina-bench-');
  const browser = await chromium.launch({
    executablePath,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const coldStart = performance.now();
    const host = await startHost(data.path);
    // bypassCSP lets the string probes below run; the app's own code is unaffected.
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 }, bypassCSP: true });
    await rpc(host, 'settings.update', { rater_id: 'bench@studio.example' });
    await page.goto(host.url);
    await firstPairShown(page);
    const firstPairMs = performance.now() - coldStart;

    // Half the rounds with the queue full and idle (a trainer who looks at each pair for a few
    // seconds), half with the refill still generating on both cores (a trainer faster than the
    // enhancer): the next pair is ready in both, but the second competes for the CPU.
    const latencies: Record<'idle' | 'busy', number[]> = { idle: [], busy: [] };
    for (let i = 0; i < RATINGS; i++) {
      const kind = i % 2 === 0 ? 'idle' : 'busy';
      for (;;) {
        const queue = await rpc<{ ready: number; generating: number; target: number }>(host, 'queue.state');
        if (kind === 'idle' ? queue.ready >= queue.target && queue.generating === 0 : queue.ready >= 2 && queue.generating > 0) break;
        await new Promise((r) => setTimeout(r, 20));
      }
      await page.keyboard.press(String(1 + (i % 5)));
      await page.keyboard.press(String(5 - (i % 5)));
      await page.evaluate(ARM_TIMER);
      await page.keyboard.press('Enter');
      await page.waitForFunction('window.__bench.done > 0', undefined, { timeout: 120_000 }).catch(async (error: unknown) => {
        // What the trainer would have seen, so a stuck round can be understood afterwards.
        console.error(`round ${i + 1}: no new pair within 120 s; the page said:\n${String(await page.evaluate('document.body.innerText.slice(0, 2000)'))}`);
        throw error;
      });
      latencies[kind].push((await page.evaluate('window.__bench.done - window.__bench.start')) as number);
    }
    const rss = rssMiB(host.pid);
    const status = await rpc<{ phase_1: { samples_collected: number } }>(host, 'train.status');
    await host.stop();
    const shown = await shownPairs(data.path);

    const rows: string[][] = [];
    for (const [kind, label] of [['idle', 'queue full'], ['busy', 'refill generating']] as const) {
      const sorted = latencies[kind].sort((a, b) => a - b);
      rows.push(
        [`Enter → next pair shown (${label}), median`, `${quantile(sorted, 0.5).toFixed(1)} ms`],
        [`Enter → next pair shown (${label}), p95`, `${quantile(sorted, 0.95).toFixed(1)} ms`],
      );
    }
    rows.push(
      ['cold start: spawn → URL printed', `${host.startupMs.toFixed(0)} ms`],
      ['cold start: spawn → first pair shown', `${firstPairMs.toFixed(0)} ms`],
      [`host resident memory after ${RATINGS} ratings`, `${rss.toFixed(1)} MiB`],
      ['samples collected (check)', String(status.phase_1.samples_collected)],
      ...shownPairRows(await shownPairFigures(shown)),
    );
    const width = Math.max(...rows.map((r) => r[0]!.length));
    console.log(`\nbench:ui — ${RATINGS} ratings, browser host + Debian Chromium, local enhancer\n`);
    console.log(`| ${'measure'.padEnd(width)} | value |`);
    console.log(`|${'-'.repeat(width + 2)}|-------|`);
    for (const [name, value] of rows) console.log(`| ${name!.padEnd(width)} | ${value} |`);
  } finally {
    await browser.close();
    data.remove();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
