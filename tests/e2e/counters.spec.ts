import { expect, test, type Page } from '@playwright/test';
import { startHost, type RunningHost } from '../helpers/host';
import { tempDir } from '../helpers/temp';
import { pairId, pairShown, signIn, status } from './flow';

// The figures the trainer and the admin read, in the page: each says what it counts, and figures of
// the same thing agree. Each test has its own data folder and host.
let host: RunningHost | null = null;
const dirs: { remove(): void }[] = [];

test.afterEach(async () => {
  await host?.stop();
  host = null;
});
test.afterAll(() => dirs.forEach((d) => d.remove()));

async function freshHost(): Promise<RunningHost> {
  const data = tempDir('latina-e2e-');
  dirs.push(data);
  host = await startHost(data.path);
  return host;
}

/** The contract calls the page makes, by name, from now on. */
function recordCalls(page: Page): string[] {
  const calls: string[] = [];
  page.on('request', (request) => {
    const path = new URL(request.url()).pathname;
    if (path.startsWith('/rpc/')) calls.push(path.slice('/rpc/'.length));
  });
  return calls;
}

const notice = (page: Page) => page.getByRole('status', { name: 'Last action' });

test('each rating is one round trip, and the notice and the status line give the same count', async ({ page }) => {
  const { url } = await freshHost();
  await page.goto(url);
  await signIn(page, 'ana@studio.example');
  const sync = page.getByRole('status', { name: 'Sync status' });
  // Pairs generated ahead are outbox rows too, but no rating is kept before one is given.
  await expect(sync).toContainText('Sync: not set up · nothing rated yet');
  const calls = recordCalls(page);
  for (let pair = 1; pair <= 3; pair++) {
    await pairShown(page);
    const before = await pairId(page);
    await page.keyboard.press('4');
    await page.keyboard.press('2');
    calls.length = 0;
    await page.keyboard.press('Enter');
    await expect(notice(page)).toHaveText(`Saved. ${2 * pair} samples collected.`);
    await expect(status(page)).toContainText(`Samples collected: ${2 * pair}/50`);
    await expect.poll(() => pairId(page)).not.toBe(before);
    await pairShown(page);
    // Nothing asks for the status or the queue again: train.rate's answer carried them.
    expect(calls.filter((name) => name === 'train.rate')).toHaveLength(1);
    expect(calls.filter((name) => name === 'train.status' || name === 'queue.state')).toEqual([]);
    await expect(sync).toContainText(`Sync: not set up · ${pair} ${pair === 1 ? 'rating' : 'ratings'} kept on this computer only`);
  }
});
