// `npm run bench:ui`: the rating loop as a trainer feels it, in the real browser host.
//  - Enter → next pair fully shown (both images decoded), with the queue prefetched as in real use
//    (a trainer looks at a pair for seconds; the bench waits until the next pair is ready, then
//    presses Enter, and times only what the trainer waits for);
//  - cold start: host process start → URL printed, and → first pair fully shown;
//  - resident memory of the host process after 100 ratings.
import { readFileSync } from 'node:fs';
import { chromium, type Page } from '@playwright/test';
import { rpc, startHost } from '../tests/helpers/host';
import { tempDir } from '../tests/helpers/temp';

const RATINGS = Number(process.env.BENCH_RATINGS ?? 100);
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

function rssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)![1]) / 1024;
}

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;

async function pairFullyShown(page: Page, previous: string | null): Promise<string> {
  const handle = await page.waitForFunction(
    (prev) => {
      const main = document.querySelector('main[data-experiment-id]');
      const id = main?.getAttribute('data-experiment-id');
      if (!id || id === prev) return null;
      const images = [...document.querySelectorAll('[aria-label="Option A"] img, [aria-label="Option B"] img')] as HTMLImageElement[];
      return images.length >= 2 && images.every((img) => img.complete && img.naturalWidth > 0) ? id : null;
    },
    previous,
    { polling: 'raf', timeout: 120_000 },
  );
  return (await handle.jsonValue()) as string;
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
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    await rpc(host, 'settings.update', { rater_id: 'bench@studio.example' });
    await page.goto(host.url);
    let current = await pairFullyShown(page, null);
    const firstPairMs = performance.now() - coldStart;

    const latencies: number[] = [];
    for (let i = 0; i < RATINGS; i++) {
      // The trainer's think time: let the prefetch queue hold the next pair before submitting.
      for (;;) {
        const queue = await rpc<{ ready: number }>(host, 'queue.state');
        if (queue.ready >= 2) break;
        await new Promise((r) => setTimeout(r, 50));
      }
      await page.keyboard.press(String(1 + (i % 5)));
      await page.keyboard.press(String(5 - (i % 5)));
      const start = performance.now();
      await page.keyboard.press('Enter');
      current = await pairFullyShown(page, current);
      latencies.push(performance.now() - start);
    }
    const rss = rssMiB(host.pid);
    const status = await rpc<{ phase_1: { samples_collected: number } }>(host, 'train.status');
    await host.stop();

    latencies.sort((a, b) => a - b);
    const rows = [
      ['Enter → next pair shown, median', `${quantile(latencies, 0.5).toFixed(1)} ms`],
      ['Enter → next pair shown, p95', `${quantile(latencies, 0.95).toFixed(1)} ms`],
      ['Enter → next pair shown, max', `${latencies.at(-1)!.toFixed(1)} ms`],
      ['cold start: spawn → URL printed', `${host.startupMs.toFixed(0)} ms`],
      ['cold start: spawn → first pair shown', `${firstPairMs.toFixed(0)} ms`],
      [`host resident memory after ${RATINGS} ratings`, `${rss.toFixed(1)} MiB`],
      ['samples collected (check)', String(status.phase_1.samples_collected)],
    ];
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
